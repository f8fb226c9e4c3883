"""``pmarklint trail``: the audit trail per entry from git history. :mod:`.build` puts it together from
:mod:`.commits`, :mod:`.merges` and :mod:`.ending` (with the blob reader and forked helper of :mod:`.reader`),
into the plain data of :mod:`.model`; :mod:`.render` lays it out (:mod:`.json_report`, :mod:`.document`)."""
