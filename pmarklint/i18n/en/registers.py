"""English: the checks of the registers (PML7xx: incidents...) and the words for their values."""

MESSAGES = {
    # PML701
    "PML701.due": "the final report to the assessment body is due within {within} of discovery on {start}, by {deadline} (today is {today}): report and record reports.pmark.final_on",
    "PML701.overdue": "the final report to the assessment body was due within {within} of discovery on {start}, by {deadline}, and none is recorded (today is {today}): report now and record reports.pmark.final_on",
    "PML701.late": "the final report to the assessment body was made on {done}, after its deadline of {deadline} ({within} from discovery on {start}; today is {today}): record why in notes",
    # PML702
    "PML702.due": "a preliminary report to the assessment body is needed ({triggers}) within {within} of discovery on {start}, by {deadline} (today is {today}): report and record reports.pmark.preliminary_on",
    "PML702.overdue": "a preliminary report to the assessment body was needed ({triggers}) within {within} of discovery on {start}, by {deadline}, and none is recorded (today is {today}): report now and record reports.pmark.preliminary_on",
    "PML702.late": "the preliminary report to the assessment body ({triggers}) was made on {done}, after its deadline of {deadline} ({within} from discovery on {start}; today is {today}): record why in notes",
    # PML703
    "PML703.due": "the preliminary report to the Personal Information Protection Commission is due within {within} of discovery on {start}, by {deadline} (today is {today}): report and record reports.ppc.preliminary_on",
    "PML703.overdue": "the preliminary report to the Personal Information Protection Commission was due within {within} of discovery on {start}, by {deadline}, and none is recorded (today is {today}): report now and record reports.ppc.preliminary_on",
    "PML703.late": "the preliminary report to the Personal Information Protection Commission was made on {done}, after its deadline of {deadline} ({within} from discovery on {start}; today is {today}): record why in notes",
    # PML704
    "PML704.due": "the final report to the Personal Information Protection Commission is due within {within} of discovery on {start}, by {deadline} (today is {today}): report and record reports.ppc.final_on",
    "PML704.overdue": "the final report to the Personal Information Protection Commission was due within {within} of discovery on {start}, by {deadline}, and none is recorded (today is {today}): report now and record reports.ppc.final_on",
    "PML704.late": "the final report to the Personal Information Protection Commission was made on {done}, after its deadline of {deadline} ({within} from discovery on {start}; today is {today}): record why in notes",
    # PML705
    "PML705.undecided": "the facts recorded ({triggers}) make this incident look reportable to the Personal Information Protection Commission, but reports.ppc.required is not set: decide whether the law requires a report and record true or false",
    # PML706
    "PML706.missing": "the final report was made on {final} but no prevention (a corrective action) is recorded: record the corrective action that keeps it from happening again in prevention",
    # PML707
    "PML707.due": "the response to this request is due within {within} of its receipt on {start}, by {deadline} (today is {today}): respond and record responded_on",
    "PML707.overdue": "the response to this request was due within {within} of its receipt on {start}, by {deadline}, and none is recorded (today is {today}): respond now and record responded_on",
    "PML707.late": "the response to this request was made on {done}, after the company's standard of {within} from its receipt on {start} (by {deadline}; today is {today}): record why in notes",
    # PML708
    "PML708.missing": "the response was made on {responded} but no identity check is recorded (identity_check.on): confirm the person's identity before responding, and record how and when",
    "PML708.after": "the identity was checked on {checked}, after the response on {responded}: the identity is checked before responding",
    # PML709
    "PML709.missing": "the decision is {decision} but no reason is given: the person must be told why (record it in reason)",
    # PML710
    "PML710.not_retained": "{id} ({file}) is not recorded as retained personal data (retained_personal_data: true): requests concern retained personal data; correct the inventory or the request",
    "request_decision.partial": "partial",
    "request_decision.refused": "refused",
    "trail.kind.request": "request from a data subject",
    # why an incident needs a preliminary report, or looks reportable under the law
    "incident_trigger.sensitive": "sensitive data",
    "incident_trigger.financial_risk": "possible financial harm",
    "incident_trigger.malicious": "malice",
    "incident_trigger.many_people": "more than 1,000 people",
    "incident_trigger.my_number": "My Number data of more than 100 people",
    # the trail's words for the kinds of the registers
    "trail.kind.incident": "incident",
}

RULE_DOCS = {
    "PML701": {
        "title": "Final report on an incident to the assessment body late or missing",
        "what": "Reports an incident whose final report (reports.pmark.final_on) is not made within "
        "incident.pmark_final_within (default P30D) of discovered_on, or incident.pmark_final_within_malicious "
        "(default P60D) when malicious; a reminder (warning) until the deadline.",
        "why": "The P-mark rules ask for a final report on every incident to the assessment body within 30 days "
        "of discovery (60 when malicious), wider than the law: a lost encrypted laptop is reported too (J.4.4.2).",
        "fix": "Send the final report to the assessment body and record the day in reports.pmark.final_on.",
    },
    "PML702": {
        "title": "Preliminary report on an incident to the assessment body late or missing",
        "what": "Reports an incident involving sensitive data, possible financial harm, malice, more than 1,000 "
        "people or My Number data of more than 100 people whose preliminary report (reports.pmark.preliminary_on) "
        "is not made within incident.pmark_preliminary_within (default P5D) of discovered_on.",
        "why": "For these incidents the assessment body asks for a preliminary report within a few days of "
        "discovery, before the final one (J.4.4.2).",
        "fix": "Send the preliminary report and record the day in reports.pmark.preliminary_on.",
    },
    "PML703": {
        "title": "Preliminary report to the Commission late or missing",
        "what": "Reports an incident with reports.ppc.required whose preliminary report (reports.ppc.preliminary_on) "
        "is not made within incident.ppc_preliminary_within (default P5D) of discovered_on.",
        "why": "The law asks for a prompt preliminary report (about 3 to 5 days) to the Personal Information "
        "Protection Commission on a reportable incident.",
        "fix": "Report to the Commission and record the day in reports.ppc.preliminary_on.",
    },
    "PML704": {
        "title": "Final report to the Commission late or missing",
        "what": "Reports an incident with reports.ppc.required whose final report (reports.ppc.final_on) is not "
        "made within incident.ppc_final_within (default P30D) of discovered_on, or "
        "incident.ppc_final_within_malicious (default P60D) when malicious.",
        "why": "The law asks for a final report to the Commission within 30 days of discovery (60 when malicious).",
        "fix": "Send the final report to the Commission and record the day in reports.ppc.final_on.",
    },
    "PML705": {
        "title": "Incident that looks reportable to the Commission, undecided",
        "what": "Warns about an incident whose facts (sensitive data, possible financial harm, malice, more than "
        "1,000 people, and not encrypted) make it look reportable under the law while reports.ppc.required is "
        "not set.",
        "why": "Whether the law requires a report is a decision the privacy office must make and record; an "
        "incident reported to nobody is a breach of the law.",
        "fix": "Decide and record reports.ppc.required: true (and report) or false (with the reason in notes).",
    },
    "PML706": {
        "title": "Incident without prevention after its final report",
        "what": "Reports an incident whose final report is made (reports.pmark.final_on) but that names no "
        "corrective action in prevention.",
        "why": "The final report describes the measures that keep the incident from happening again; they are "
        "carried out as a corrective action (J.4.4.2, J.7.1).",
        "fix": "Record the corrective action (kind: corrective, source: incident) and name it in prevention.",
    },
    "PML707": {
        "title": "Request from a data subject not answered within the standard",
        "what": "Reports a request (not withdrawn) with no responded_on within requests.respond_within (default "
        "P14D) of received_on, or answered after it; a reminder (warning) until the deadline.",
        "why": "The law asks for a response without delay (遅滞なく) and leaves the standard to the company; "
        "examiners compare each request with the company's own standard (J.10).",
        "fix": "Respond and record responded_on; set requests.respond_within to your standard.",
    },
    "PML708": {
        "title": "Request answered without an identity check",
        "what": "Reports a request answered (responded_on) with no identity_check.on, or checked after the response.",
        "why": "Disclosing personal data to someone who is not the person is itself a leak; the identity is "
        "checked before responding (J.10).",
        "fix": "Record identity_check: {method, on}, with a day no later than responded_on.",
    },
    "PML709": {
        "title": "Partial or refused decision without a reason",
        "what": "Reports a request whose decision is partial or refused and that gives no reason.",
        "why": "The person must be told why a request is not met in full (J.10).",
        "fix": "Record the reason given to the person in reason.",
    },
    "PML710": {
        "title": "Request about data not recorded as retained personal data",
        "what": "Reports a request naming an inventory entry that is not marked retained_personal_data: true.",
        "why": "Requests for disclosure, correction or suspension concern retained personal data (保有個人データ); "
        "the inventory must say which data that is (J.10, J.3.1.1).",
        "fix": "Mark the inventory entry retained_personal_data: true, or correct the request's inventory.",
    },
}
