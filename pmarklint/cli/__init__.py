"""The command line, and the only code that imports click: one module per command, the shared options
(:mod:`.options`) and the group with the one error handler (:mod:`.main`)."""
