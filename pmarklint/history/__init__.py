"""Entries across revisions: how an entry looked in any blob (:mod:`.entries`) and which commit brought it to a state (:mod:`.tracer`). Git itself is read by :mod:`pmarklint.git`."""
