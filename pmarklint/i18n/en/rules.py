"""English: what the checks say, keyed by rule code. MESSAGES holds the messages of findings
(``PMLxxx.*``) and the words they look up (``hint.*``, ``expect.*``, ``type.*``, ``field.*``,
``role.*``); RULE_DOCS the explanations (pmarklint explain, docs/rules.md). Counterpart: ja/rules.py."""

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
    "hint.fullwidth": " This line is indented with a full-width space (全角スペース, U+3000): YAML indents only with "
    "half-width spaces. Replace it with ordinary spaces.",
    "hint.dash_space": " A list item needs a space after '-': write '- id: …', not '-id: …'.",
    "hint.colon_space": " A key needs a space after its ':': write 'name: value', not 'name:value'.",
    "hint.empty_list": " '[]' means an empty list, yet items follow it: now that the list has entries, delete the '[]' "
    "(leave 'entries:' alone on its line).",
    "hint.over_indented": " This line is indented further than the line above it, which already has its value: start "
    "its key at the same column as the keys above it.",
    "PML001.fullwidth_key": "the key '{key}' is indented with a full-width space (全角スペース, U+3000), which YAML reads "
    "as part of the key: indent with ordinary half-width spaces",
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
    "PML003.long_number": "a number with {digits} digits: a data file never needs more than {limit}; quote it if "
    "it is text (the file was not read further)",
    # PML004
    "PML004.symlink": "this file is a symbolic link (to {target}): pmarklint reads no link; commit the file itself",
    "PML004.symlink_outside": "this file is a symbolic link that points outside the repository: pmarklint reads no "
    "link; commit the file itself",
    "PML004.outside": "a folder on this file's path is a symbolic link that leads outside the repository: pmarklint "
    "does not read it; commit the folder itself",
    "PML004.unreadable": "the file cannot be read: {error}",
    "PML004.too_large": "the file is {size} bytes, over the limit of {limit} bytes (limits.max_file_size in "
    "pmarklint.yaml); split the ledger into several files",
    "PML004.history_too_large": "in commit {commit}, this file is {size} bytes, over the limit of {limit} bytes "
    "(limits.max_file_size in pmarklint.yaml): that revision was not read from history, so an approval that "
    "depends on it (the roster of that time) cannot be backed by git",
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
    # PML007
    "PML007.too_long": "this value is {length} characters long, over the limit of {limit} (limits.max_string_length "
    "in pmarklint.yaml): a ledger value this long is almost always a paste by mistake; shorten it, or keep the "
    "long text in a document and give its path",
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
    "PML101.hidden_newline": "'{field}' must be {expect}, but it ends with a line break, which does not show: "
    "{value}; write the value on one line, without the line break (and not as a | or > block)",
    "PML101.hidden_linebreak": "'{field}' must be {expect}, but it contains a line break: {value}; write the value "
    "on one line",
    "PML101.hidden_space": "'{field}' must be {expect}, but it starts or ends with a space: {value}; remove the space",
    "PML101.hidden_fullwidth": "'{field}' must be {expect}, but it contains full-width characters ({chars}): "
    "{value}; type them as half-width (ASCII) characters",
    "PML101.hidden_invisible": "'{field}' must be {expect}, but it contains an invisible character ({chars}): "
    "{value}; delete it (retype the value)",
    "PML101.empty": "'{field}' must not be empty",
    "PML101.unique": "'{field}' lists the same value twice",
    "PML101.minimum": "'{field}' must be at least {limit}, got {value}",
    "PML101.other": "'{field}': {detail}",
    "PML101.more": "... and {count} more schema problems in this entry (only the first 20 are listed); fix the ones "
    "above and run the check again to see the rest",
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
    # PML201
    "PML201.department": "department '{id}' is not defined: add it to departments in pmarklint.yaml, or correct the id",
    "PML201.person": "no person with id '{id}' in the roster (people/): add them, or correct the id",
    "PML201.contractor": "no contractor with id '{id}' in the contractor ledger: add it, or correct the id",
    "PML201.inventory": "no inventory entry with id '{id}': add it to the personal-information inventory, or correct the id",
    "PML201.control": "'{id}' is not a requirement item of the guideline: check the number (a control of your own needs an id not written like J.x.y)",
    "PML201.waiver_entry": "the waiver names '{id}', which is no entry of this repository; correct the id or remove the waiver",
    # PML202
    "PML202.retired_person": "{person} left the roster on {retired_on} ({file}): name someone who is there now",
    "PML202.retired": "'{id}' was retired on {retired_on} ({file}): refer to the entry that replaced it",
    # PML203
    "PML203.contractor_side": "this entry is entrusted to {contractor}, but {contractor}'s entrusted_data ({file}) does not list {inventory}: add {inventory} there, or remove {contractor} here",
    "PML203.inventory_side": "{contractor} lists {inventory} as entrusted data, but {inventory}'s entrusted_to ({file}) does not name {contractor}: add {contractor} there, or remove {inventory} here",
    # PML204
    "PML204.outside": "'{target}' is a symbolic link that leads outside the repository: it does not count as the "
    "document; commit the document itself",
    "PML204.missing": "'{target}' matches no file in the repository: add the document (git add), or correct the path",
    # PML205
    "PML205.missing": "requirement item {id} ({title}) of {framework} has no control: add one (pmarklint init copies the catalog), or mark it status: not_applicable with a reason",
    # PML301
    "PML301.overdue": "review overdue: last reviewed {last}, every {every}, so due on {due}; review the entry and update last_reviewed",
    # PML302
    "PML302.soon": "review due on {due} (last reviewed {last}, every {every})",
    "PML302.never": "never reviewed: review the entry and record the date in last_reviewed",
    # PML303
    "PML303.missing": "this contractor has no evaluation: evaluate it and record evaluation: {{date, result, evaluator}}",
    "PML303.failed": "the evaluation of {date} failed: end the entrustment, re-evaluate, or record a waiver with its reason",
    "PML303.overdue": "evaluation overdue: evaluated {last}, every {every}, so due on {due}",
    "PML303.soon": "evaluation due on {due} (evaluated {last}, every {every})",
    # PML304
    "PML304.contract_expired": "the contract expired on {date}: renew it and update contract.expires, or retire the contractor",
    "PML304.contract_soon": "the contract expires on {date}",
    "PML304.certification_expired": "the {kind} certification expired on {date}: check its renewal and update the date",
    "PML304.certification_soon": "the {kind} certification expires on {date}",
    "PML304.waiver_expired": "this waiver of {rule} expired on {date} and no longer applies: fix the finding, or renew the waiver with a new date and approval",
    # PML305
    "PML305.future": "'{field}' is {date}, a day that has not come yet: a record cannot be dated in the future",
    # PML306
    "PML306.overdue": "'{task}' is overdue: last done {last}, every {every}, so due on {due}",
    "PML306.soon": "'{task}' is due on {due} (last done {last}, every {every})",
    "PML306.never": "'{task}' has never been done: do it and record last_done",
    # PML307
    "PML307.incomplete": "an overseas transfer without {missing}: name the country (ISO code) and the legal basis (consent, equivalent_system or adequacy)",
    "PML307.never": "transfer to {country} under an equivalent system: the recipient's measures must be checked periodically; record last_checked",
    "PML307.overdue": "the periodic check of the transfer to {country} is overdue: last checked {last}, due {due}",
    "PML307.soon": "the periodic check of the transfer to {country} is due on {due} (last checked {last})",
    # PML308
    "PML308.window": "the P-mark expires on {expires}: the renewal application window is open until {closes}; file the renewal",
    "PML308.closed": "the renewal application window closed on {closes}, and the P-mark expires on {expires}: contact the assessment body now",
    "PML308.expired": "the P-mark expired on {expires}: update organization.certification once it is renewed",
    # PML401
    "PML401.missing": "no approval yet: {kind} entries must be approved by a person with the role {roles} (require_approvals in pmarklint.yaml); the approver records it with 'pmarklint sign {id} --as PERSON'",
    # PML402
    "PML402.waiver_unknown": "the waiver is approved by {person}, who is not an active person in the roster; it does not apply",
    "PML402.waiver_role": "{person} may not approve waivers for a {kind} entry (allowed roles: {roles}); the waiver does not apply",
    "PML402.unknown": "this approval is by {person}, who is not an active person in the roster: it approves nothing; have an approver from the roster sign again",
    "PML402.role_not_allowed": "{person} approved as {role_id}, a role that may not approve a {kind} entry (allowed roles: {roles}): have a person with an allowed role sign",
    "PML402.role_not_held": "{person} approved as {role_id}, a role the roster does not give them: correct the role, or have a person who holds it sign",
    # PML403
    "PML403.stale": "stale approval: {person} approved this entry as {role_id} on {date}, and it has changed since; review the change and sign again ('pmarklint sign {id} --as {person_id}')",
    "PML403.stale_fields": "stale approval: {person} approved this entry as {role_id} on {date}; changed since: {fields}. Review the change and sign again ('pmarklint sign {id} --as {person_id}')",
    # PML404
    "PML404.own_change": "self-approval: {person} approved content they wrote themselves (commit {commit} of {day}); someone else who may approve this kind must review and sign it",
    "PML404.own_pending": "self-approval: {person} is committing a change to this entry together with their own approval of it; commit the change, and let someone else who may approve this kind sign it",
    # PML405
    "PML405.author": "approval in the name of {person} was added by commit {commit} ({day}) authored by {author}, who is not them ({emails}); {person} must sign and commit it themselves ('pmarklint sign ... --as {person_id}'); a squash or rebase merge of a pull request does this to an honest approval: merge with a merge commit (docs/integrations)",
    "PML405.not_in_roster": "approval in the name of {person} was added by commit {commit} ({day}), when {person} was not an active person of the roster; approvals count only from people already in the roster: have them sign again in a new commit",
    "PML405.role_then": "approval in the name of {person} as {role_id} was added by commit {commit} ({day}), when the roster did not give them that role; have them sign again in a new commit now that it does",
    "PML405.untraced": "no commit of the history added this approval by {person} (it came with a merge, or the history is incomplete); have {person} sign again in a new commit",
    "PML405.pending": "this approval in the name of {person} is not committed yet, and you are committing as {who}: only {person} may commit it, as {emails}. Remove it from this commit and ask them to sign, or set your git identity (git config user.email) if you are them",
    # PML406
    "PML406.unsigned": "the commit {commit} that added the approval by {person} has no good SSH signature by one of their signing_keys; {person} must sign again in a signed commit (docs/approvals.md: setting up commit signing)",
    "PML406.no_keys": "signed approvals are required, but {person} has no signing_keys in the roster (as of commit {commit}); add their SSH public key to people/ (approved), then have them sign again in a signed commit",
    # PML407
    "PML407.unapproved": "{person} holds {role_id}, a role that approves PMS records, but this roster entry has no valid approval by someone else ({roles}); have them review it and run 'pmarklint sign {person_id} --as PERSON'",
    # PML901
    "PML404.unsigned_change": "the change this approval by {person} approves was written in commit {commit} ({day}), which no signing key of the roster signed: with signed approvals required, who wrote it is unknown, so the approval cannot be shown to be someone else's review; write the change again in a signed commit, then have {person} sign it",
    "PML405.committer": "approval in the name of {person} was added by commit {commit} ({day}) authored by {author} but committed by {committer}, who is not them ({emails}); {person} must commit their approval themselves ('pmarklint sign ... --as {person_id}'); a rebase merge on the code host commits everything again under another name: merge with a merge commit (docs/integrations)",
    # PML408
    "PML408.roster": "the change to {person} in commit {commit} (e-mail addresses, signing keys or a return from retirement) gives them more than the roster in force, and nobody entitled ({roles}) has approved it: until they do, pmarklint judges every approval by the roster as it was; have them review this entry and sign it",
    "PML408.roster_pending": "this change to {person} (e-mail addresses, signing keys or a return from retirement) gives them more than the roster in force, and is not approved yet: commit it, then have someone entitled ({roles}) other than {person} sign it in a commit of their own",
    "PML408.policy": "the approval settings of pmarklint.yaml ({keys}) were changed in commit {commit}, and nobody entitled ({roles}) has approved that: until they do, pmarklint judges approvals by the settings as they were, and this is an error; have them review pmarklint.yaml and run 'pmarklint sign pmarklint.yaml --as PERSON' in a commit of their own",
    "PML408.policy_pending": "this change to the approval settings of pmarklint.yaml ({keys}) is not approved yet: commit it, then have someone entitled ({roles}) review pmarklint.yaml and run 'pmarklint sign pmarklint.yaml --as PERSON' in a commit of their own",
    # PML409
    "PML409.after_commit": "the approval by {person} is dated {date}, later than the commit {commit} that added it ({day}); an approval is dated the day it is given: sign again ('pmarklint sign')",
    "PML409.before_change": "the approval by {person} is dated {date}, before the content it approves was written (commit {written}, {day}); nobody approves what is not written yet: sign again ('pmarklint sign')",
    "PML901.no_git": "this folder is not in a git repository, so nothing proves who added the approvals (PML404 to PML409): check a clone of the PMS repository, where git history can prove them",
    "PML901.shallow": "this is a shallow clone: git history cannot prove who added the approvals. Fetch the whole history: in GitHub Actions set 'fetch-depth: 0' on actions/checkout; elsewhere run 'git fetch --unshallow'",
    # PML501
    "PML501.conflict": "one person holds both {first} and {second}: the audit must be independent of what it audits; give one role to someone else",
    # PML502
    "PML502.unassigned": "nobody holds the role of {role_id}: add it to the roles of the person who does it, in people/",
    # PML503
    "PML503.no_contract": "no contract is recorded for this contractor: record contract: {{signed, clauses}}",
    "PML503.missing": "the contract lacks {count} of the eight required clauses: {clauses}",
    # PML504
    "PML504.retention": "no retention period (retention.period, e.g. P5Y): say how long the data is kept",
    "PML504.disposal": "no disposal method (disposal): say how the data is destroyed at the end",
    # PML505
    "PML505.email": "this looks like a real e-mail address ({shown}): the ledger names data items, it must not hold the data; remove it (or allow it in rules.PML505.allow)",
    "PML505.phone": "this looks like a real phone number ({shown}): the ledger names data items, it must not hold the data; remove it (or allow it in rules.PML505.allow)",
    "PML505.my_number": "this looks like a My Number ({shown}), which must never be written here: remove it now and check where else it was copied",
    "role.top_management": "top management",
    "role.privacy_manager": "privacy manager",
    "role.audit_lead": "audit lead",
    "role.internal_auditor": "internal auditor",
    "role.with_id": "{name} ({id})",
    "person.with_id": "{name} ({id})",
    # durations (P1Y → 1 year): every, within
    "duration.year.one": "1 year",
    "duration.year.many": "{count} years",
    "duration.month.one": "1 month",
    "duration.month.many": "{count} months",
    "duration.week.one": "1 week",
    "duration.week.many": "{count} weeks",
    "duration.day.one": "1 day",
    "duration.day.many": "{count} days",
    "duration.joiner": " ",
    # kinds of entry, and kinds of certification (PML304), by the value written in the files
    "kind.person": "person",
    "kind.control": "control",
    "kind.contractor": "contractor",
    "kind.inventory": "inventory",
    "kind.training": "training",
    "kind.corrective": "corrective action",
    "kind.audit_plan": "audit plan",
    "kind.audit_report": "audit report",
    "kind.review": "management review",
    "kind.plan": "annual plan",
    "kind.incident": "incident",
    "kind.request": "request",
    "kind.drill": "emergency drill",
    "kind.complaint": "complaint or consultation",
    "kind.disposal": "disposal record",
    "kind.operation_check": "operation check",
    "kind.pmark": "P-mark",
    "kind.isms": "ISMS",
    "kind.other": "other",
    # the eight contract clauses (PML503), by their names in contract.clauses
    "clause.responsibilities": "responsibilities of both parties",
    "clause.security_measures": "security measures",
    "clause.subcontracting": "subcontracting",
    "clause.reporting": "content and frequency of status reports",
    "clause.audit_rights": "checking that the contract is kept",
    "clause.breach_measures": "measures when the contract is not kept",
    "clause.incident_reporting": "reporting incidents",
    "clause.end_of_contract": "measures after the contract ends",
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
        "limits.max_file_size in pmarklint.yaml (default 20 MiB), and a symbolic link, or a file behind a linked "
        "folder that leads outside the repository, which pmarklint never opens. A revision in git history over the "
        "same limit is not read either: a warning names the commit (docs/limits.md).",
        "why": "Every tool and every reviewer must read the same characters; a ledger in another encoding "
        "shows as garbage in reviews and diffs. A link shows reviewers one file and the checks another, and "
        "could bring a file from outside the repository (/etc/passwd) into a report.",
        "fix": "Save the file as UTF-8. Split a very large ledger into several files (for example by department). "
        "Commit the file itself instead of a link to it.",
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
    "PML007": {
        "title": "Value too long",
        "what": "Reports a text value (or a key) longer than limits.max_string_length characters in pmarklint.yaml "
        "(default 32,767, what one Excel cell holds).",
        "why": "A ledger value of many thousand characters is almost always a mistake (a whole document pasted "
        "into a cell); it cannot go to an Excel table and back, and it makes every report and review hard to read.",
        "fix": "Shorten the value, or keep the long text in a document in the repository and give its path "
        "(documents: or evidence:). If your ledgers really need longer values, raise limits.max_string_length.",
    },
    "PML101": {
        "title": "Entry does not match its schema",
        "what": "Reports a missing field, an unknown field, a value of the wrong type, a date not written "
        "YYYY-MM-DD, a duration not in ISO 8601 form, or a value outside its list of choices. It says so when an "
        "id, a date or a period hides a line break at the end, spaces around it, full-width or invisible "
        "characters.",
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
    "PML201": {
        "title": "Reference to an id that does not exist",
        "what": "Checks every reference: owners, evaluators, access holders, approvers, departments, entrusted_to, "
        "entrusted_data, subcontractors, the entries that waivers name, and control ids written like requirement "
        "items (J.x.y).",
        "why": "The inventory must identify who handles each item of personal information and to whom it is "
        "entrusted (J.3.1.1, J.9.4); a reference to nobody is a gap an auditor finds at once.",
        "fix": "Add the missing person, contractor, department or entry, or correct the id.",
    },
    "PML202": {
        "title": "Reference to a retired entry",
        "what": "Reports an active entry that refers to a retired one (status: retired): a person who left, a "
        "contractor no longer used.",
        "why": "Responsibilities must rest with people who hold them now (J.2.3.1); data entrusted to a contractor "
        "that was retired is data nobody supervises.",
        "fix": "Refer to the entry that took over, or retire the referring entry too.",
    },
    "PML203": {
        "title": "The two sides of an entrustment disagree",
        "what": "Where a contractor lists its entrusted_data, compares it with the inventory's entrusted_to, both "
        "ways, and says which side to change.",
        "why": "Supervising contractors (J.9.4) starts from knowing exactly which personal information each one "
        "holds; two ledgers that disagree cannot both be right.",
        "fix": "Make the contractor's entrusted_data and the inventory's entrusted_to name each other.",
    },
    "PML204": {
        "title": "Document or evidence path that matches no file",
        "what": "Checks each control's documents[].path and records[].evidence (paths or globs such as "
        "records/audit/*.md) against the files git tracks.",
        "why": "Documented information must exist and be controlled (J.4.5); a rule or record the PMS points at "
        "but nobody can open is a finding at the audit.",
        "fix": "Add the document to the repository (git add), or correct the path.",
    },
    "PML205": {
        "title": "Requirement item without a control",
        "what": "Compares the repository's controls with the catalog of its framework (pmark-2023: the 58 "
        "requirement items of the guideline); each item needs a control, or one marked not_applicable with a reason.",
        "why": "The PMS must address every requirement (J.1.5); an item nobody wrote down is an item nobody decided "
        "about. The catalog's titles are our own paraphrases, and some are marked verified: false.",
        "fix": "Copy the missing item from the catalog (pmarklint init writes it), or mark it not_applicable with "
        "a reason.",
    },
    "PML301": {
        "title": "Review overdue",
        "what": "Reports an entry whose last_reviewed plus its review interval (review_every, else review.every in "
        "pmarklint.yaml, default P1Y) is before today.",
        "why": "The inventory and the other records must be reviewed at least once a year and kept current "
        "(J.3.1.1); an overdue review is one of the most common audit findings.",
        "fix": "Review the entry and set last_reviewed to the date of the review.",
    },
    "PML302": {
        "title": "Review due soon, or never reviewed",
        "what": "Warns when a review falls due within the warning window (review.warn_within, default P30D), and "
        "about entries with no last_reviewed at all.",
        "why": "A review planned before its due date never becomes a finding (J.3.1.1).",
        "fix": "Plan the review; record last_reviewed when it is done.",
    },
    "PML303": {
        "title": "Contractor evaluation missing, failed or overdue",
        "what": "Reports a contractor with no evaluation, a failed one (result: fail) without a waiver, or one older "
        "than the contractor's review interval (default yearly; warning within the window).",
        "why": "Contractors must be selected by criteria and checked periodically (J.9.4). The law says "
        "'periodically'; yearly is the common practice that consultants recommend, so the interval is a setting.",
        "fix": "Evaluate the contractor and record evaluation: {date, result, evaluator}.",
    },
    "PML304": {
        "title": "Contract, certification or waiver expired",
        "what": "Reports a contractor's contract.expires or certifications[].expires before today (a warning within "
        "the window), and waivers in pmarklint.yaml past their expires date.",
        "why": "Entrusted data must stay under a contract for as long as it is kept (J.9.4), and a certification "
        "used as evidence of a contractor's level must be valid.",
        "fix": "Renew the contract or certification and update the date, or retire the contractor.",
    },
    "PML305": {
        "title": "Date in the future",
        "what": "Reports dates that record something done (last_reviewed, evaluation.date, contract.signed, "
        "approvals[].date, recurring[].last_done, overseas[].last_checked, retired_on) that are after today.",
        "why": "Records must be accurate (J.4.5.5): a review cannot have happened tomorrow, and a future date "
        "silently postpones every check that reads it.",
        "fix": "Write the day it really happened.",
    },
    "PML306": {
        "title": "Recurring task of a control overdue",
        "what": "Reports a control's recurring task whose last_done plus every is before today (a warning within "
        "the window, and for tasks never done yet, except in a control whose status is gap or not applicable).",
        "why": "Education, internal audit, management review and the other yearly tasks (J.4.3, J.6.2, J.6.3) are "
        "what a renewal assessment looks at across two years of records.",
        "fix": "Do the task and record last_done.",
    },
    "PML307": {
        "title": "Overseas transfer incomplete or unchecked",
        "what": "Reports an overseas transfer without country or legal basis, and, for the equivalent-system basis, "
        "a periodic check (last_checked) missing or older than a year.",
        "why": "Providing personal data to a third party abroad needs a legal basis, and under the equivalent-system "
        "route the recipient must be checked periodically (J.8.8.1). The law says 'periodically'; yearly is our "
        "reading, not the law's word.",
        "fix": "Record the country, the basis and the date of the last check.",
    },
    "PML308": {
        "title": "P-mark renewal",
        "what": "With organization.certification.expires set: a warning while the renewal application window is open "
        "(8 to 4 months before expiry), an error once it has closed or the mark has expired.",
        "why": "The P-mark is valid for two years, and a renewal must be filed in that window to keep it without a "
        "gap. If the last day falls on a non-business day it moves to the next business day; this check does not "
        "know your calendar.",
        "fix": "File the renewal with the assessment body, then update the expiry date.",
    },
    "PML401": {
        "title": "Entry without an approval",
        "what": "Reports an active entry that carries no approval, for the kinds whose approvals pmarklint.yaml "
        "requires: require_approvals: warning (a to-do list while a repository adopts approvals) or error "
        "(enforced), for every kind or per kind. Without require_approvals nothing is reported. Retired entries "
        "need none.",
        "why": "The ledgers and controls of the PMS are approved by the person responsible for them: the privacy "
        "manager for the ledgers, top management for the controls and the roster (J.2.3.1). An approval bound "
        "to the content shows what exactly was approved.",
        "fix": "The approver reviews the entry and runs 'pmarklint sign ID --as PERSON' (or signs the whole file), "
        "then commits the change. docs/approvals.md explains the steps.",
    },
    "PML402": {
        "title": "Approver unknown or without an allowed role",
        "what": "Checks the approvers of entries' approvals and of waivers in pmarklint.yaml: the person must be "
        "active in the roster and hold a role allowed to approve the entry's kind (approvals in pmarklint.yaml); "
        "an entry's approval must name a role the person holds.",
        "why": "Approvals and exceptions to the PMS are decisions the responsible manager takes (J.2.3.1); an "
        "approval or a waiver anyone can write is no control at all.",
        "fix": "Have a person with the right role approve (pmarklint sign ... --as PERSON for an entry; "
        "approved_by for a waiver), and remove the approval that does not hold.",
    },
    "PML403": {
        "title": "Stale approval",
        "what": "Reports an approval whose digest is not the entry's current digest: a value of the entry changed "
        "after it was approved (comments, quoting and layout do not count). It is not reported while another "
        "approval holds for the current content. Its weight follows require_approvals (a warning unless error).",
        "why": "An approval stands for the content the approver saw (J.2.3.1); a change made afterwards has not "
        "been approved, however small.",
        "fix": "The approver reviews the change and signs again: 'pmarklint sign ID --as PERSON' refreshes their "
        "approval in place.",
    },
    "PML404": {
        "title": "Self-approval",
        "what": "Traces each approval that counts to the commit that added it, then to the commit that gave the entry the "
        "approved content, and reports the approval when both are by the approver (by the roster's emails). An approval "
        "being committed together with a change of the entry by the same person is reported before the commit exists.",
        "why": "Segregation of duties: a record is approved by someone other than the person who wrote it (J.2.3.1).",
        "fix": "Let someone else who may approve this kind review the entry and sign it in their own commit.",
    },
    "PML405": {
        "title": "Approval not backed by git",
        "what": "Reports an approval whose commit was not authored by the approver (one of their emails), or added "
        "when the roster of the parent commit did not have the approver or their role, or that no commit of the "
        "history added. Before a commit, an approval that it adds must name the person committing (git var "
        "GIT_AUTHOR_IDENT).",
        "why": "Anyone can type anyone's name into a file; git's record of who committed it is what makes an "
        "approval evidence for the audit (J.2.3.1, J.4.5.5).",
        "fix": "The approver signs and commits the approval themselves: pmarklint sign ID --as PERSON, then git commit.",
    },
    "PML406": {
        "title": "Approval commit not signed by the approver",
        "what": "With require_signed_approvals: true, reports an approval whose commit has no good SSH signature by "
        "one of the approver's signing_keys (as the roster of the parent commit has them); git verifies it.",
        "why": "An author name in git can be set by anyone; a signature by the approver's key cannot.",
        "fix": "Set up commit signing with an SSH key (docs/approvals.md), add the public key to signing_keys, and "
        "sign again in a signed commit.",
    },
    "PML407": {
        "title": "Approving role granted without approval",
        "what": "Reports a person who holds a role that approves records (per approvals in pmarklint.yaml) when their "
        "roster entry has no approval by someone else allowed to approve the roster, backed by git. Roles granted "
        "while nobody in the roster could approve them (the founding roster) need none.",
        "why": "Otherwise anyone could add themselves to the roster as privacy manager and approve from then on.",
        "fix": "Have top management (approvals.person) review the roster entry and sign it: pmarklint sign ID --as PERSON.",
    },
    "PML408": {
        "title": "Roster change not approved",
        "what": "Reports a roster entry whose change gives a person who approves records more than the roster in force "
        "had: a new e-mail address or signing key, or a return from retirement, that nobody allowed to approve the "
        "roster (approvals.person) has approved in a commit of their own. Until it is approved, every approval is "
        "judged by the roster as it was (roles granted without approval are PML407). The same holds for the "
        "approval settings of pmarklint.yaml (approvals, require_approvals, require_signed_approvals, waivers, "
        "paths, and the PML4xx and PML9xx settings of rules): a change takes effect once top management "
        "(approvals.policy) approves it with pmarklint sign pmarklint.yaml. pmarklint.yaml cannot switch this "
        "check off, lower it or waive it.",
        "why": "The roster says who may approve. If changing someone's e-mail address to one's own, approving in their "
        "name and changing it back were enough, no approval would prove anything.",
        "fix": "Commit the change, then have top management (approvals.person), other than the person changed, review "
        "the entry and sign it in a commit of their own: pmarklint sign ID --as PERSON.",
    },
    "PML409": {
        "title": "Approval date outside its commits",
        "what": "Reports an approval dated earlier than the commit that wrote the content it approves, or later than "
        "the commit that added it, by more than one day (the tolerance covers time zones). Commit dates are what "
        "the commits say; the check makes a backdated approval visible, it cannot prove the day.",
        "why": "An examiner reads the approval's date as the day of the review: an approval dated before the content "
        "existed is a false record.",
        "fix": "Sign again on the day you review: pmarklint sign ID --as PERSON (the date defaults to today).",
    },
    "PML901": {
        "title": "History needed but missing",
        "what": "Reports, as an error, approvals whose history cannot be read: in a shallow clone, or in a folder "
        "that is not in git. A repository whose git cannot be asked at all (git missing, git refusing a "
        "repository owned by another user, a GIT_DIR or a .git file that points at no repository) stops the run "
        "with exit 2 and a message that says why. pmarklint.yaml cannot switch this check off or make it a warning.",
        "why": "Without history nothing proves who approved what; a check that silently passed would be worse than none.",
        "fix": "Fetch the whole history: fetch-depth: 0 in GitHub Actions (actions/checkout), git fetch --unshallow "
        "elsewhere; keep the PMS in git.",
    },
    "PML501": {
        "title": "Role conflict",
        "what": "Reports one person holding privacy_manager and audit_lead together, or top_management and audit_lead.",
        "why": "The audit lead must be independent of the management the audit examines (J.2.3.2). Manager and audit "
        "lead held by one person is a nonconformity; top management as audit lead rests on consultants' practice, "
        "so its severity is a setting.",
        "fix": "Give one of the roles to another person.",
    },
    "PML502": {
        "title": "Required role nobody holds",
        "what": "Warns when no active person holds top_management, privacy_manager or audit_lead.",
        "why": "Top management appoints a privacy manager and an audit lead (J.2.3.2); without them the PMS has no "
        "owner and no audit.",
        "fix": "Add the people to people/ with their roles.",
    },
    "PML503": {
        "title": "Contract missing a required clause",
        "what": "Reports a contractor with no contract recorded, or whose contract does not include all eight "
        "clauses: responsibilities, security measures, subcontracting, status reporting, audit rights, measures on "
        "breach, incident reporting, end of contract.",
        "why": "The guideline requires these eight items in every entrustment contract (J.9.4).",
        "fix": "Amend the contract and set each clause to true in contract.clauses.",
    },
    "PML504": {
        "title": "Retention period or disposal method not set",
        "what": "Reports an inventory entry without retention.period or without disposal.",
        "why": "The inventory must say how long each item is kept and how it is disposed of (J.3.1.1, J.9.1).",
        "fix": "Set retention.period (e.g. P5Y) with its basis, and disposal.",
    },
    "PML505": {
        "title": "Real personal data typed into a ledger",
        "what": "Looks through every value for what looks like a real e-mail address, a Japanese phone number or a "
        "My Number (12 digits with a valid check digit, so ordinary numbers do not trip it). The roster's emails are "
        "expected and skipped. The message shows the value masked.",
        "why": "The ledger describes personal information; holding the information itself in git spreads it to "
        "every clone and log (J.9.2). A My Number may only be handled for its legal purposes.",
        "fix": "Remove the value. A known false positive (a company's public contact address) goes into "
        "rules.PML505.allow in pmarklint.yaml.",
    },
}
