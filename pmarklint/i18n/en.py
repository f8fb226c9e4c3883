"""English messages. Keep the keys and placeholders in step with ja.py (a test checks)."""

MESSAGES = {
    "suggest": " (did you mean '{name}'?)",
    # PML001
    "PML001.syntax": "this is not valid YAML: {problem}.{hint}",
    "hint.none": "",
    "hint.tab": " Tab characters cannot indent YAML: indent with spaces.",
    "hint.colon": " A value that contains ': ' must be put in quotes.",
    "hint.colon_missing": " A line is missing its ':' or is indented differently from its neighbours.",
    "hint.unclosed": " A quote or bracket is opened and never closed.",
    "hint.tag": " A value starting with '!' must be put in quotes.",
    # PML002
    "PML002.duplicate": "key '{key}' appears twice in the same mapping (first on line {first_line}); YAML would "
    "silently keep only one of them. Remove or rename one",
    # PML003
    "PML003.anchor": "anchor '&{name}': data files must not use anchors and aliases; write the value out in full "
    "(the file was not read further)",
    "PML003.alias": "alias '*{name}': data files must not use anchors and aliases; write the value out in full "
    "(the file was not read further)",
    "PML003.tag": "tag '{tag}': data files must not use YAML tags; remove it, or quote the value if it is text",
    "PML003.documents": "a second YAML document ('---'): a data file holds one document; move it to its own file",
    "PML003.complex_key": "a key that is itself a list or mapping: keys must be plain text",
    "PML003.depth": "nested more than {limit} levels deep: a data file never needs this "
    "(the file was not read further)",
    # PML004
    "PML004.unreadable": "the file cannot be read: {error}",
    "PML004.too_large": "the file is {size} bytes, over the limit of {limit} bytes (limits.max_file_size in "
    "pmarklint.yaml); split the ledger into several files",
    "PML004.shift_jis": "the file is not UTF-8 (byte {offset}); it looks like Shift_JIS, as Excel saves CSV and text "
    "files. Save it again as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: encoding UTF-8)",
    "PML004.not_utf8": "the file is not UTF-8 text (byte {offset}); save it as UTF-8",
    # PML005
    "PML005.missing_kind": "no 'kind:' at the top of the file; a file under a PMS folder starts with "
    "'kind: person', 'kind: control', 'kind: contractor' or 'kind: inventory'",
    "PML005.unknown_kind": "unknown kind '{kind}'{suggestion}; use person, control, contractor or inventory",
    "PML005.not_mapping": "the file is not a mapping with 'kind:' and 'entries:'",
    # PML006
    "PML006.untracked": "this file is not tracked by git, so it was not checked and would not be committed; "
    "'git add' it, or remove it",
    # PML101
    "PML101.required": "missing required field '{field}'",
    "PML101.unknown": "unknown field '{field}'{suggestion}; custom fields must start with 'x-'",
    "PML101.yaml11_boolean": "'{field}' must be true or false, got '{value}' (in YAML, write true or false, not "
    "yes/no/on/off)",
    "PML101.quote_number": "'{field}' must be text, got the number {value}; put it in quotes",
    "PML101.type": "'{field}' must be {type}, got {value}",
    "PML101.enum": "'{field}' must be one of {choices}; got {value}{suggestion}",
    "PML101.const": "'{field}' must be {expected}, got {value}",
    "PML101.expect": "'{field}' must be {expect}, got {value}",
    "PML101.pattern": "'{field}' does not have the expected form ({pattern}), got {value}",
    "PML101.empty": "'{field}' must not be empty",
    "PML101.unique": "'{field}' lists the same value twice",
    "PML101.minimum": "'{field}' must be at least {limit}, got {value}",
    "PML101.other": "'{field}': {detail}",
    "expect.id": "an id of letters, digits, '.', '-' and '_' (e.g. PI-CS-001)",
    "expect.date": "a date written YYYY-MM-DD (e.g. 2026-04-01)",
    "expect.duration": "an ISO 8601 duration such as P5Y (5 years), P6M (6 months) or P30D (30 days)",
    "expect.email": "an e-mail address",
    "expect.ssh_key": "an SSH public key line (ssh-ed25519 AAAA…)",
    "expect.country": "a two-letter ISO 3166 country code in capitals (e.g. JP, US)",
    "expect.digest": "a digest written by pmarklint sign (sha256:…)",
    "expect.rule_code": "a rule code such as PML101",
    "expect.pmark_number": "a P-mark registration number such as 10820123(03)",
    "field.entry": "the entry",
    "field.file": "the file",
    "type.string": "text",
    "type.boolean": "true or false",
    "type.integer": "a whole number",
    "type.number": "a number",
    "type.array": "a list",
    "type.object": "a mapping of fields",
    "type.null": "empty",
    # PML102
    "PML102.duplicate": "id '{id}' is used twice: also at {other_file}:{other_line}; ids are unique across the "
    "repository and never reused, so give one of them a new id",
    # user interface
    "ui.summary": "{files} files, {entries} entries: {errors} errors, {warnings} warnings",
    "ui.waived_heading": "Waived (listed for the record, not counted as errors):",
    "ui.summary_waived": ", {waived} waived",
    "ui.clean": "No problems found.",
    "ui.error_prefix": "pmarklint: error: ",
    "ui.no_config": "no pmarklint.yaml in {path} or any folder above it: this is not a PMS repository. "
    "Run 'pmarklint init DIR' to create one",
    "ui.bad_config": "{file}:{line}:{column}: {message}",
    "ui.config_invalid": "pmarklint.yaml is not valid; fix it and run again",
    "ui.unknown_rule": "unknown rule code '{code}'; 'pmarklint rules' lists them all",
    "ui.bad_today": "--today must be a date written YYYY-MM-DD, got '{value}'",
    "ui.explain_what": "What it does",
    "ui.explain_why": "Why it matters",
    "ui.explain_bad": "Example that fails",
    "ui.explain_good": "Use instead",
    "ui.explain_requirement": "P-mark requirement item",
    "ui.explain_severity": "Default severity",
    "ui.explain_bytes": "(this file is saved in Shift_JIS)",
    "ui.explain_untracked": "(this file is not added to git)",
    "ui.init_exists": "{path} already exists; left as it is",
    "ui.init_created": "created {path}",
    "ui.init_done": "A new PMS repository is ready in {path}. Next: read README.md there, fill in people/ and "
    "pmarklint.yaml, then run 'pmarklint check {path}'.",
}

RULE_DOCS = {
    "PML001": {
        "title": "YAML that does not parse",
        "what": "Reports a file that is not valid YAML, at the line and column where the parser stopped.",
        "why": "A ledger that cannot be read cannot prove anything to an auditor; records must stay usable "
        "and readable (control of records).",
        "fix": "Fix the YAML at the position shown. Quote values that contain ': ' or start with a special "
        "character, and indent with spaces.",
    },
    "PML002": {
        "title": "Duplicate key in a mapping",
        "what": "Reports a key written twice in the same mapping.",
        "why": "YAML readers silently keep only one of the two values, so what the file says and what tools "
        "read can differ: a record that means two things is not a reliable record.",
        "fix": "Keep one value; if both are needed, make the field a list.",
    },
    "PML003": {
        "title": "YAML features data files must not use",
        "what": "Reports anchors (&), aliases (*), YAML tags (!), several documents in one file, keys that are "
        "lists or mappings, and nesting more than 64 levels deep. The file is not read further.",
        "why": "These features hide what a record says (an alias copies a value from elsewhere), and anchors "
        "allow 'YAML bombs' that expand to gigabytes. A record should say what it means in plain text.",
        "fix": "Write each value out in full, one document per file.",
    },
    "PML004": {
        "title": "File that cannot be read as text",
        "what": "Reports a file that is not UTF-8 (often Shift_JIS, as Excel saves it) or is larger than "
        "limits.max_file_size in pmarklint.yaml (default 20 MiB).",
        "why": "Every tool and every reviewer must read the same characters; a ledger in another encoding "
        "shows as garbage in reviews and diffs.",
        "fix": "Save the file as UTF-8. Split a very large ledger into several files (for example by department).",
    },
    "PML005": {
        "title": "YAML file without a known kind",
        "what": "Reports a YAML file under a PMS folder (people, controls, contractors, inventory) whose "
        "'kind:' is missing or unknown.",
        "why": "pmarklint checks a file by its kind; a file it cannot classify would go unchecked, and an "
        "inventory nobody checks is how personal information goes unidentified.",
        "fix": "Start the file with 'kind: person', 'kind: control', 'kind: contractor' or 'kind: inventory', "
        "or move it out of the PMS folders.",
    },
    "PML006": {
        "title": "File not tracked by git",
        "what": "Warns about a YAML file under a PMS folder that git does not track; it is not checked.",
        "why": "Git is the record-keeping system: a file outside it has no history and no approvals, and it "
        "would not be part of the commit.",
        "fix": "Add it with 'git add', or delete it if it is a stray copy.",
    },
    "PML101": {
        "title": "Entry does not match its schema",
        "what": "Reports a missing field, an unknown field, a value of the wrong type, a date not written "
        "YYYY-MM-DD, a duration not in ISO 8601 form, or a value outside its list of choices.",
        "why": "The inventory and the contractor ledger must hold the items the standard names (data items, "
        "purpose, retention...) in a form that can be checked; a wrong type is how a review date or a "
        "retention period silently stops being checked.",
        "fix": "Correct the value as the message says; editors with yaml-language-server show each field's "
        "help while you type.",
    },
    "PML102": {
        "title": "Id used twice",
        "what": "Reports an id that more than one entry uses, anywhere in the repository, naming both places.",
        "why": "References, approvals and the audit trail all point at ids; an id used twice makes them point "
        "at two things.",
        "fix": "Give one of the entries a new id that was never used before.",
    },
}
