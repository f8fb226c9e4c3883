"""English: the risk register (PML730-PML736), the words for its values, and ``pmarklint migrate risks``."""

MESSAGES = {
    # PML730
    "PML730.missing": "the risks of {id} are not assessed for: {phases}; assess each phase of its lifecycle in risks/ (kind: risk), or mark a phase that does not apply not applicable with the reason",
    # PML731
    "PML731.no_residual": "no residual risk is recorded: record the risk left after the measures (residual) and have top management accept it",
    "PML731.unaccepted": "the residual risk ({residual}) is not accepted by top management: record who accepted it and when (accepted_by, accepted_on)",
    "PML731.not_top": "the residual risk ({residual}) is accepted by {person}, who is not top management: the residual risk is accepted by a person holding the top management role (top_management)",
    # PML732
    "PML732.accepted": "a risk of breaking the law cannot be accepted as residual risk: take measures that keep the handling within the law, and leave residual and accepted_by out (record the other threats in an entry of their own)",
    # PML733
    "PML733.never": "the risk has no review date (reviewed_on): record the day it was assessed or last reviewed",
    "PML733.overdue": "the risk analysis is due for its review: last reviewed on {last}, every {every}, so due on {due}; review the risk and its measures and update reviewed_on",
    "PML733.soon": "the risk analysis is due for its review soon: last reviewed on {last}, every {every}, so due on {due}",
    # PML734
    "PML734.unrecorded": 'the risk does not record which content of {id} ({file}) it assessed: record assessed_digest: "{digest}" once the assessment holds for the entry as it is',
    "PML734.changed": '{id} ({file}) has changed since this risk was assessed: assess the risk again, then record assessed_digest: "{digest}"',
    "PML734.fields": '{id} ({file}) has changed since this risk was assessed (changed: {fields}): assess the risk again, then record assessed_digest: "{digest}"',
    # PML735
    "PML735.legacy": "this entry still records its risks in the inventory ({count:plural:risk:risks}): risks now have a register of their own (risks/, kind: risk), one entry per phase; move them with 'pmarklint migrate risks'",
    # PML736
    "PML736.none": "the inventory has {count} active entries but no risk analysis is recorded (no entry of kind: risk): assess each entry phase by phase in {folder} (pmarklint migrate risks moves the former risks lists there); until the first one is recorded, the phases are not checked one by one",
    # the phases of the lifecycle, the threats, the levels
    "risk_phase.acquisition": "acquisition and input",
    "risk_phase.transfer": "transfer and transmission",
    "risk_phase.use": "use and processing",
    "risk_phase.storage": "storage and backup",
    "risk_phase.disposal": "erasure and disposal",
    "risk_threat.leak": "leak",
    "risk_threat.loss": "loss",
    "risk_threat.damage": "damage",
    "risk_threat.misuse": "use beyond the purpose",
    "risk_threat.legal_violation": "breaking the law",
    "risk_threat.rights_infringement": "harm to the person's rights and interests",
    "risk_level.low": "low",
    "risk_level.medium": "medium",
    "risk_level.high": "high",
    "kind.risk": "risk analysis",
    "trail.kind.risk": "risk analysis",
    # pmarklint migrate risks
    "migrate.nothing": "No inventory entry records risks: nothing to migrate.",
    "migrate.moved": "Moved {risks:plural:risk:risks} of {entries:plural:inventory entry:inventory entries} to {files}.",
    "migrate.written": "  wrote {file} ({count:plural:entry:entries})",
    "migrate.removed": "  removed risks from {count:plural:entry:entries} in {file}",
    "migrate.dry_run": "Nothing was written (--dry-run).",
    "migrate.next": "Next: fill in what the inventory did not say (threats, likelihood, impact, accepted_by and accepted_on by top management), assess the phases not listed or mark them not applicable, and run 'pmarklint check' (docs/risks.md).",
    "migrate.exists": "{file} already exists: nothing was written; move it away or choose another folder for risk in pmarklint.yaml (paths.risk)",
    "migrate.id_taken": "the id {id} that the migration would give the risk of {entry} is already used ({file}): nothing was written",
    "migrate.phase_unknown": "{file}:{line}: the phase '{phase}' of a risk of {entry} is not one pmarklint knows (acquisition, transfer, use, storage, disposal, or 取得, 移送, 利用, 保管, 廃棄...): correct it, then run the migration again; nothing was written",
    "migrate.unreadable": "{file} cannot be read ({reason}): correct it first; nothing was written",
    "migrate.layout": "{file}: the risks of {entry} cannot be removed without rewriting more than them ({reason}): nothing was written",
}

RULE_DOCS = {
    "PML730": {
        "title": "Phase of an inventory entry's lifecycle without risk analysis",
        "what": "Reports an active inventory entry for which a phase of the lifecycle (acquisition, transfer, use, "
        "storage, disposal) has no risk entry (risks/, kind: risk), neither assessed nor marked not applicable. "
        "The phases are checked once the repository keeps a risk register (one risk entry); before that, PML736 "
        "says once that there is none.",
        "why": "J.3.1.3 asks for the risks of each item of personal information to be identified, analysed and "
        "evaluated at every stage from acquisition to disposal; examiners read the risk analysis against the "
        "inventory, phase by phase.",
        "fix": "Add a risk entry for the phase (inventory, phase, threats, measures, residual), or one with "
        "not_applicable: {reason: ...} when the data never goes through that phase.",
    },
    "PML731": {
        "title": "Residual risk not accepted by top management",
        "what": "Reports an assessed risk with no residual risk, with a residual risk nobody accepted "
        "(accepted_by and accepted_on), or accepted by a person who does not hold top_management.",
        "why": "J.3.1.4 asks top management to accept the risk left after the measures.",
        "fix": "Record residual, and have top management accept it: accepted_by (their id) and accepted_on.",
    },
    "PML732": {
        "title": "Risk of breaking the law accepted as residual risk",
        "what": "Reports a risk whose threats include legal_violation and that records a residual risk or its "
        "acceptance.",
        "why": "A risk of breaking the law is not a risk a company may choose to keep: the measures must keep "
        "the handling within the law (J.3.1.4).",
        "fix": "Take measures that keep the handling within the law and leave residual and accepted_by out; "
        "record the other threats of the phase in an entry of their own.",
    },
    "PML733": {
        "title": "Risk analysis not reviewed",
        "what": "Reports a risk whose reviewed_on is older than review.every.risk (default P1Y), or missing; a "
        "reminder (warning) within review.warn_within of the day it falls due. pmarklint due lists it.",
        "why": "The risk analysis is reviewed at least once a year (J.3.1.3, J.3.1.4).",
        "fix": "Review the risk and its measures and update reviewed_on.",
    },
    "PML734": {
        "title": "Inventory entry changed since its risk analysis",
        "what": "Reports a risk whose assessed_digest is not the digest of its inventory entry now (the entry "
        "changed since it was assessed), naming the fields that changed where git history can tell; or that "
        "records no assessed_digest.",
        "why": "A risk analysis holds for the handling it analysed: new data items, a new contractor or a new "
        "storage place need the risks assessed again (J.3.1.3).",
        "fix": "Assess the risk again and record the digest the message gives in assessed_digest.",
    },
    "PML735": {
        "title": "Risks still recorded in the inventory",
        "what": "Warns about an inventory entry that still carries the former risks list.",
        "why": "The risk analysis now has its own register (risks/, kind: risk), with every phase, the "
        "acceptance of the residual risk and the content it assessed; the checks read only that register.",
        "fix": "Run 'pmarklint migrate risks' once (docs/risks.md), then complete the entries it writes.",
    },
    "PML736": {
        "title": "Inventory without any risk analysis",
        "what": "Reports, once, on the first active inventory entry, a repository whose inventory has active entries "
        "and which records no risk analysis at all (no entry of kind: risk) and no former risks lists (PML735). "
        "From the first risk entry on, PML730 checks every entry phase by phase instead.",
        "why": "The risk analysis of the personal information in the inventory (J.3.1.3) is what an examiner asks "
        "for first; a repository that starts is told so from the first day, as one warning rather than five "
        "errors per entry. A company that keeps its risk analysis outside the repository switches it off "
        "(rules: {PML736: off}).",
        "fix": "Record the risk analysis in risks/ (kind: risk), one entry per inventory entry and phase, or "
        "move the former risks lists there with pmarklint migrate risks.",
    },
}
