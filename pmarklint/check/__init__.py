"""``pmarklint check`` from start to end: the pipeline (:mod:`.engine`), waivers (:mod:`.waivers`), findings
of a change since a revision (:mod:`.changes`) and the repository as it stood on a day (:mod:`.as_of`)."""
