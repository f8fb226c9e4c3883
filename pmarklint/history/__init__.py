"""Entries across revisions: how an entry looked in any blob (:mod:`.entries`), which commit brought it to a
state (:mod:`.tracer`), and which of its fields changed (:mod:`.fields`). Git itself is read by
:mod:`pmarklint.git`."""
