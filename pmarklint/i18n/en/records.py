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
    "topic.policy": "the policy",
    "topic.importance": "the importance and benefits of the PMS",
    "topic.roles": "roles and responsibilities",
    "topic.consequences": "the consequences of a breach",
    "training_type.regular": "regular training",
    "training_type.onboarding": "onboarding training",
    "training_type.role": "training for role holders",
    "training_type.special": "special training",
    # PML603
    "PML603.missed": "{name} passed no regular training in fiscal year {year} (due by {due}); the last one passed was {training} on {last}: train the person and record it in training/",
    "PML603.missed_never": "{name} passed no regular training in fiscal year {year} (due by {due}), and none is on record: train the person and record it in training/",
    "PML603.soon": "{name} has not yet passed a regular training in fiscal year {year}: due by {due}",
    "PML603.interval": "{name} last passed a regular training in {training} on {last}; every {every}, so due on {due}",
    "PML603.interval_never": "{name} has passed no regular training since {since}; every {every}, so due on {due}",
    # PML604
    "PML604.never": "{name} joined on {joined} and has had no training since: the onboarding training was due within {within}, by {due}",
    "PML604.late": "{name} joined on {joined} but was first trained on {first} ({training}), after the deadline of {due} ({within} after joining): train new staff on time",
    # PML605
    "PML605.missing": "this regular training does not cover {count} of the four points of J.4.3: {topics}; add them to the training and to topics",
    # PML606
    "PML606.passed_below": "{name} is marked as passed with {score} points, below the pass mark of {pass_mark}: correct passed, or the score",
    "PML606.failed_above": "{name} is marked as not passed with {score} points, at or above the pass mark of {pass_mark}: correct passed, or the score",
    # PML607
    "PML607.overdue": "{name} missed '{title}' on {date} and the follow-up was due by {due}, but no later training records them: hold a make-up session and record it",
    # PML608
    "PML608.overdue": "this corrective action is still open and was due on {due} (owner: {owner}): complete it and record done_on, or agree a new due date and record why",
    # PML609
    "PML609.missing": "no root cause (root_cause) is recorded: without it the action may fix the symptom and the nonconformity comes back; owner: {owner}",
    # PML610
    "PML610.never": "the action was done on {done} but its effectiveness was not checked within {within} (by {deadline}): check it and record effectiveness",
    "PML610.late": "the action was done on {done}; its effectiveness was checked on {checked}, after the deadline of {deadline} ({within}): check effectiveness on time",
    # the trail's words for the kinds of the records
    "trail.kind.training": "training",
    "trail.kind.corrective": "corrective action",
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
    "PML603": {
        "title": "Regular training overdue",
        "what": "Reports a member of staff who passed no regular training (type: regular) in a fiscal year they "
        "worked through: joined before it began and still employed on its last day. Warns when the current fiscal "
        "year ends within the warning window and the person has not passed yet. With training.every set, the "
        "training is due that long after the last pass instead. Judged from the first fiscal year that has a "
        "training on record; a repository with no training records is asked nothing here (PML306 still is).",
        "why": "Every member of staff (officers, regular, contract, part-time and dispatched staff) is trained at "
        "least once a year (J.4.3); examiners compare the attendance lists with the roster.",
        "fix": "Train the person (a make-up session counts once they pass a regular training) and record the "
        "attendance in training/.",
    },
    "PML604": {
        "title": "New member of staff not trained on joining",
        "what": "Reports a person who joined (joined) and passed no onboarding or regular training within "
        "training.onboarding_within (default P1M) of joining.",
        "why": "New staff handle personal information from their first weeks; education on joining is what "
        "examiners expect (J.4.3).",
        "fix": "Train new staff within the deadline and record it (type: onboarding).",
    },
    "PML605": {
        "title": "Regular training does not cover the four points",
        "what": "Reports a regular training whose topics lack any of policy, importance, roles, consequences.",
        "why": "J.4.3 requires staff to be made aware of four points: the policy, the importance and benefits of "
        "conforming to the PMS, their roles and responsibilities, and the consequences of a breach.",
        "fix": "Cover the four points in the training and list them in topics.",
    },
    "PML606": {
        "title": "Quiz result disagrees with the pass mark",
        "what": "Reports an attendee whose passed disagrees with their score and the quiz's pass_mark.",
        "why": "The understanding check (理解度確認) is evidence only if its results are consistent; a pass below "
        "the mark is what an examiner picks out first.",
        "fix": "Correct passed or the score; if the person did not pass, train them again.",
    },
    "PML607": {
        "title": "Absentee's follow-up overdue",
        "what": "Reports an absentee of a training whose follow_up_by has passed with no later training that "
        "records them as passed.",
        "why": "Absentees must be trained after all; the follow-up is part of the education record (J.4.3).",
        "fix": "Hold a make-up session (or let the person take the recording and the quiz) and record it.",
    },
    "PML608": {
        "title": "Corrective action open past its due date",
        "what": "Reports a corrective action without done_on whose due date has passed.",
        "why": "A nonconformity is closed only by an action that is carried out (J.7.1); examiners follow each "
        "nonconformity to the end.",
        "fix": "Complete the action and record done_on, or agree a new due date and say why in notes.",
    },
    "PML609": {
        "title": "Corrective action without a root cause",
        "what": "Warns about a corrective action with no root_cause.",
        "why": "A corrective action removes the cause so that the nonconformity does not come back (J.7.1); "
        "a correction alone only treats the symptom.",
        "fix": "Find and record the root cause, and make sure the action addresses it.",
    },
    "PML610": {
        "title": "Effectiveness of a corrective action not checked",
        "what": "Reports a corrective action done (done_on) whose effectiveness was not checked within "
        "corrective.effectiveness_within (default P3M), or was checked after that.",
        "why": "J.7.1 asks for a review of the effectiveness of every corrective action taken.",
        "fix": "Check whether the nonconformity has recurred and record effectiveness: {checked_on, by, result}.",
    },
}
