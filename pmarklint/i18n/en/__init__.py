"""English messages, one module per area (pmarklint.i18n.assembly.AREAS); keep the keys and placeholders in step with
the same-named modules of ja/ (a test checks)."""

from pmarklint.i18n.assembly import assemble

MESSAGES, RULE_DOCS = assemble(__name__)
