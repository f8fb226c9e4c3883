"""English: the roster and the PDCA records (PML6xx), and the words their values are shown as
(``employment.*``, ``topic.*``, ...). Counterpart: ja/records.py."""

MESSAGES = {
    "list.separator": ", ",
    "expect.month_day": 'a month and day written MM-DD (e.g. "04-01"), the day at most 28',
    # the roles rules.py does not name yet, in the words of the reports (report.role.*)
    "role.department_manager": "department manager",
    "role.education_lead": "education lead",
    "role.complaints_desk": "complaints desk",
    "role.secretariat": "privacy office",
    "role.application_contact": "P-mark application contact",
    "role.sysadmin": "system administrator",
    "role.entry_manager": "entry control manager",
    "employment.officer": "officer",
    "employment.regular": "regular employee",
    "employment.contract": "contract employee",
    "employment.part_time": "part-time employee",
    "employment.dispatched": "dispatched worker",
    # PML601
    "PML601.left": "{name} left on {left} but still holds {role}: appoint a successor and remove the roles from this person",
    # PML602
    "PML602.after_left": "approval by {name} dated {date}, on or after the day they left ({left}): someone still employed must approve",
    # the trail's words for the kinds
}

RULE_DOCS = {
    "PML601": {
        "title": "Person who left still holds a PMS role",
        "what": "Warns about a person whose left date has come and who still holds PMS roles (roles: [...]).",
        "why": "A role held by someone who has left is in fact vacant: nobody runs the PMS, audits or trains in "
        "their place (J.2.3.2). Top management appoints a successor; a change of privacy manager must also be "
        "reported to the assessment body.",
        "fix": "Give the roles to the successor and remove them from the person who left (keep the person, with "
        "left, for the record).",
    },
    "PML602": {
        "title": "Approval given after the approver left",
        "what": "Reports an approval dated on or after the left date of the person who gave it.",
        "why": "Approvals given while the person was employed stay valid; after they left, they can no longer "
        "approve for the organisation (J.2.3.1).",
        "fix": "Have a person who is still employed and holds an approving role approve the entry (pmarklint sign).",
    },
}
