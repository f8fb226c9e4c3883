"""English: the roster and the PDCA records (PML6xx), and the words their values are shown as
(``employment.*``, ``topic.*``, ...). Counterpart: ja/records.py."""

MESSAGES = {
    "list.separator": ", ",
    "expect.month_day": 'a month and day written MM-DD (e.g. "04-01"), the day at most 28',
    # the roles rules.py does not name yet, in the words of the reports (report.role.*)
    "role.department_manager": "department manager",
    "role.education_lead": "education lead",
    "role.complaints_desk": "complaints desk",
    "role.secretariat": "PMS secretariat",
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
    # PML629
    "PML629.disagrees": "'{task}' says last_done {written}, but the newest {record_kind}, {record}, is of {day}: the record proves the task; remove last_done, or correct the record",
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
    "criterion.conformity": "conformity audit",
    "criterion.operation": "operation audit",
    "check_result.conforming": "no issues",
    "check_result.issues_found": "issues found",
    "corrective_source.audit": "an internal audit",
    "corrective_source.operation_check": "an operation check",
    "corrective_source.review": "a management review",
    "corrective_source.incident": "an incident",
    "corrective_source.complaint": "a complaint",
    "corrective_source.external_audit": "the assessment body's examination",
    "corrective_source.other": "another source",
    "PML201.audit_plan": "no audit plan with id '{id}' (kind: audit_plan): add it, or correct the id",
    "PML201.corrective": "no corrective action with id '{id}' (kind: corrective): record the action, or correct the id",
    # PML611
    "PML611.no_ref": "this corrective action comes from {source} but does not say which record (source_ref): name it",
    "PML611.unknown": "source_ref '{id}' is not a record of {source}: correct the id",
    "PML611.no_back": "the record '{id}' ({file}) does not name this corrective action: add its id there (corrective: ...)",
    # PML612
    "PML612.out_of_scope": "the audit plan of fiscal year {year} leaves out departments: {departments}; every department is audited",
    "PML612.missed": "department {department} was not audited in fiscal year {year} (ended {end}): no audit report for it; audit it and record the report",
    "PML612.soon": "department {department} has not been audited yet in fiscal year {year}, which ends on {end}",
    # PML613
    "PML613.own": "{name} belongs to department {department} and must not audit it: give this department another auditor",
    # PML614
    "PML614.unqualified": "{name} holds neither internal_auditor nor audit_lead: appoint them as an internal auditor first (roles in people/), or choose another auditor",
    # PML615
    "PML615.manager": "the audit lead {name} is also the privacy manager: the audit must be independent of the management it audits; top management appoints another audit lead",
    # PML616
    "PML616.missing": "the internal audits of fiscal year {year} do not cover the {criteria}: plan both a conformity and an operation audit",
    # PML617
    "PML617.missing": "nonconformity {finding} has no corrective action: record one in corrective/ and name its id here (corrective: ...)",
    # PML618
    "PML618.missing": "the audit of {date} has not been reported to top management (reported_to_top_management), due within {within}, by {due}",
    "review_input.previous_actions": "status of actions from previous reviews",
    "review_input.issues_changes": "changes in external and internal issues",
    "review_input.nonconformities": "nonconformities and corrective actions",
    "review_input.operation_checks": "results of operation checks",
    "review_input.audit_results": "audit results",
    "review_input.objectives": "fulfilment of objectives",
    "review_input.feedback": "feedback from interested parties, complaints included",
    "review_input.risk_assessment": "risk assessment and treatment status",
    "review_input.improvement_opportunities": "opportunities for continual improvement",
    "review_input.law_changes": "changes in laws and guidelines",
    "review_input.improvements": "decisions on improvement",
    "review_input.pms_changes": "decisions on changes to the PMS",
    "review_input.resources": "resources needed",
    # PML619
    "PML619.missing": "no management review was held in fiscal year {year} (ended {end}); the review before the gap is this one, of {last}: hold one every fiscal year",
    "PML619.soon": "no management review yet in fiscal year {year}, which ends on {end}; the last one was on {last}",
    # PML620
    "PML620.absent": "top management is not among the attendees of the review of {date}: top management attends and decides the outputs",
    # PML621
    "PML621.missing": "{count} required inputs have no content or document: {inputs}; write what was reported under each heading",
    # PML622
    "PML622.missing": "{count} outputs are not recorded: {inputs}; record top management's decisions (or that none was needed)",
    # PML623
    "PML623.open": "action {action} (owner: {owner}) was neither done nor carried over by the next review, {review} of {date}: record done_on, or carry it over there (carried_from: {action})",
    "activity.training": "training",
    "activity.internal_audit": "internal audit",
    "activity.management_review": "management review",
    "activity.operation_check": "operation check",
    "activity.inventory_review": "review of the inventory",
    "activity.risk_assessment": "risk assessment",
    "activity.contractor_evaluation": "contractor evaluation",
    "activity.law_review": "review of the laws register",
    "activity.drill": "emergency drill",
    "activity.policy_review": "review of the policy",
    "expect.month": "a month written YYYY-MM (e.g. 2026-06)",
    # PML624
    "PML624.none": "the annual plan of fiscal year {year} has no approval: it is approved before the year starts ({start})",
    "PML624.late": "the annual plan of fiscal year {year} was approved on {date}, not before the year started on {start}: approve next year's plan before it starts",
    # PML625
    "PML625.missing": "the annual plan of fiscal year {year} does not plan the {activity}: add it (items: activity, month)",
    # PML626
    "PML626.overdue": "the {activity} planned for {month} (owner: {owner}) has no done_on: do it and record the day, or move it to a new month and say why",
    # PML627
    "PML627.none": "the {activity} done on {done} names no record (record): give the id of the record that shows it",
    "PML627.kind": "record '{id}' is not a record of a {activity}: give the id of the matching record",
    # PML628
    "PML628.overdue": "department {department} was last checked (operation check) on {last}; every {every}, so due on {due}: check its operation and record it in operation-checks/",
    "PML628.never": "department {department} has no operation check on record; the checks began on {first}, every {every}, so one was due on {due}",
    # the trail's words for the kinds of the records
    "trail.kind.training": "training",
    "trail.kind.corrective": "corrective action",
    "trail.kind.audit_plan": "audit plan",
    "trail.kind.audit_report": "audit report",
    "trail.kind.review": "management review",
    "trail.kind.plan": "annual plan",
    "trail.kind.operation_check": "operation check",
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
    "PML611": {
        "title": "Corrective action not linked to its source",
        "what": "Reports a corrective action from an internal audit (or another record this version keeps: an operation check, a management review, an incident, a complaint) whose source_ref is missing, is not such a record, or names a record that does not name the action back (a review and a complaint have no field for it and need only exist).",
        "why": "An examiner follows each nonconformity from where it was found to its action and back (J.7.1); a link on one side only is a thread that breaks.",
        "fix": "Write source_ref on the action and the action's id on the record that found it (findings[].corrective of the audit report).",
    },
    "PML612": {
        "title": "Department not audited in the fiscal year",
        "what": "Reports a department in an audit plan's scope with no audit report in the plan's fiscal year once the year has ended (a warning as its end nears), and a plan whose scope leaves out departments of pmarklint.yaml.",
        "why": "The internal audit covers every department at least once a year (J.6.2); renewal examinations look at two years of audit records.",
        "fix": "Audit the department and record the report (kind: audit_report), or add the department to the scope.",
    },
    "PML613": {
        "title": "Auditor audits their own department",
        "what": "Reports an auditor assigned to, or reporting on, the department they belong to. An organisation with a single department is exempt, as the guideline allows, and gets no finding.",
        "why": "Auditors must be objective and impartial: nobody audits their own work (J.6.2).",
        "fix": "Assign an auditor from another department (the audit lead may audit too).",
    },
    "PML614": {
        "title": "Auditor without the auditor role",
        "what": "Reports an auditor in a plan or a report who holds neither internal_auditor nor audit_lead.",
        "why": "The audit lead selects and appoints the internal auditors (J.6.2); an auditor nobody appointed cannot sign an audit report.",
        "fix": "Give the person the internal_auditor role in people/ (approved as any roster change), or choose another auditor.",
    },
    "PML615": {
        "title": "Audit lead is the privacy manager",
        "what": "Reports an audit plan whose lead (or whose audit_lead approver) also holds privacy_manager.",
        "why": "The privacy manager and the audit lead must be different people (J.2.3.2): the audit lead examines what the manager runs.",
        "fix": "Top management appoints another audit lead.",
    },
    "PML616": {
        "title": "Audit criteria not both covered",
        "what": "Reports a fiscal year whose audit plans do not cover both conformity (適合状況監査) and operation (運用状況監査).",
        "why": "The internal audit checks both that the rules meet the standard and that they are followed (J.6.2).",
        "fix": "Add the missing criterion to the year's plan (criteria: [conformity, operation]).",
    },
    "PML617": {
        "title": "Nonconformity without a corrective action",
        "what": "Reports a finding of type nonconformity in an audit report that names no corrective action.",
        "why": "Every nonconformity gets a corrective action (J.7.1); examiners check that none is left behind.",
        "fix": "Record the action in corrective/ and name its id in the finding (corrective: CA-...).",
    },
    "PML618": {
        "title": "Audit not reported to top management",
        "what": "Reports an audit report without reported_to_top_management once audit.report_within (default P1M) has passed since the audit.",
        "why": "The audit lead reports the results to top management (J.6.2); the report also feeds the management review.",
        "fix": "Report the results and record the date in reported_to_top_management.",
    },
    "PML619": {
        "title": "Management review missing in a fiscal year",
        "what": "Reports a fiscal year without a management review, from the first year with a review on record (a warning as the current year ends without one). A repository with no reviews is asked nothing here; PML306 still is.",
        "why": "Top management reviews the PMS at least once a year (J.6.3); examiners ask for the minutes of the last one.",
        "fix": "Hold the review and record it in reviews/.",
    },
    "PML620": {
        "title": "Management review without top management",
        "what": "Reports a review whose attendees include no one holding top_management.",
        "why": "The management review is top management's own review; the examiner's interview with top management covers it (J.6.3).",
        "fix": "Top management attends the review; record them in attendees.",
    },
    "PML621": {
        "title": "Management review input missing",
        "what": "Reports a review whose inputs lack any of the required headings (previous actions, changes in issues, nonconformities and corrective actions, operation checks, audit results, objectives, feedback and complaints, risk assessment status, opportunities for improvement, changes in law), or leave one empty.",
        "why": "J.6.3 lists what a management review considers; a heading left out is what examiners note first.",
        "fix": "Write what was reported under each heading, or name the document (documents).",
    },
    "PML622": {
        "title": "Management review output missing",
        "what": "Reports a review without all three outputs: improvements, changes to the PMS, resources.",
        "why": "The outputs are top management's decisions (J.6.3); a review without decisions is a meeting without a record.",
        "fix": "Record each decision, or that none was needed.",
    },
    "PML623": {
        "title": "Previous review's action not closed",
        "what": "Reports an action of a review that has neither done_on by the next review's date nor an action of the next review that carries it over (carried_from).",
        "why": "The first input of every review is the status of the previous review's actions (J.6.3).",
        "fix": "Record done_on, or carry the action over in the next review (carried_from: ID).",
    },
    "PML624": {
        "title": "Annual plan not approved before its year",
        "what": "Reports an annual plan with no approval dated before its fiscal year starts.",
        "why": "The yearly PMS plan (J.3.3) is decided before the year it plans; examiners look at the approval date.",
        "fix": "Approve the plan before the fiscal year starts (pmarklint sign PLAN --as PERSON --date ...).",
    },
    "PML625": {
        "title": "Annual plan without education, audit or review",
        "what": "Reports an annual plan that does not plan the training, the internal audit and the management review.",
        "why": "These three are yearly duties of every PMS (J.4.3, J.6.2, J.6.3); the plan is where they are scheduled.",
        "fix": "Add each of them to items with its month.",
    },
    "PML626": {
        "title": "Planned activity overdue",
        "what": "Reports a plan item whose month has ended without done_on.",
        "why": "Planned against actual is what examiners compare (J.3.3).",
        "fix": "Do the activity and record done_on, or move it to a new month and say why in notes.",
    },
    "PML627": {
        "title": "Activity done without its record",
        "what": "Reports a plan item with done_on but no record, or a record that is not of the matching kind (training → training, internal audit → audit report, management review → review).",
        "why": "Every actual in the plan is backed by a record (J.3.3); a typed date alone proves nothing.",
        "fix": "Name the record's id in record.",
    },
    "PML628": {
        "title": "Operation check overdue",
        "what": "Reports a department of pmarklint.yaml whose last operation check is older than its interval (operation_check.departments.ID, else operation_check.every, default P1Y), or that has none one interval after the first check on record; a warning within the warning window. A repository that keeps no operation checks is asked nothing here.",
        "why": "Each department checks regularly that its procedures are followed (J.6.1) and reports to top management; a yearly check alone may draw a finding, so many offices check quarterly.",
        "fix": "Check the department's operation and record it (kind: operation_check), or set the interval that the office decided.",
    },
    "PML629": {
        "title": "Hand-written last_done disagrees with the records",
        "what": "Reports a control's recurring task that names the record kind proving it (record_kind) and whose hand-written last_done differs from the newest record of that kind (a regular training, an audit report, a management review, an operation check by its date; an annual plan by its approval).",
        "why": "A typed date proves nothing; the record does. Once records are kept, the task's last date comes from them (and PML306 judges it), so a different date by hand is a mistake in one of the two.",
        "fix": "Remove last_done and let the records say it, or correct the record.",
    },
}
