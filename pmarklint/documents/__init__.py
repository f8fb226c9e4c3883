"""Reading and writing the YAML files themselves: the loader, the only code that imports PyYAML
(:mod:`.loader`); schema validation, the only code that imports jsonschema (:mod:`.schema`); a ledger cut
into entries without parsing (:mod:`.slices`); a reader for plain block YAML (:mod:`.plain`); in-place
edits that keep comments and layout (:mod:`.edit`)."""
