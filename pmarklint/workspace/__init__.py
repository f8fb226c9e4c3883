"""The PMS repository on disk: its settings (:mod:`.config`), which files a run reads (:mod:`.files`), the
content-hash cache (:mod:`.cache`), and creating a new repository (:mod:`.scaffold`, ``pmarklint init``)."""
