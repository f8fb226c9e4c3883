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
    "request_decision.full": "full",
    "request_decision.partial": "partial",
    "request_decision.refused": "refused",
    "request_decision.withdrawn": "withdrawn",
    # request types, incident types, complaint categories
    "request_type.purpose_notice": "notice of the purpose of use",
    "request_type.disclosure": "disclosure",
    "request_type.third_party_record_disclosure": "disclosure of third-party provision records",
    "request_type.correction": "correction",
    "request_type.suspension": "suspension of use",
    "request_type.stop_third_party": "stop of provision to third parties",
    "incident_type.leak": "leak",
    "incident_type.loss": "loss",
    "incident_type.destruction": "destruction",
    "incident_type.damage": "damage",
    "incident_type.misdelivery": "misdelivery",
    "incident_type.tampering": "tampering",
    "incident_type.unauthorized_acquisition": "unauthorised acquisition",
    "incident_type.unauthorized_use": "use beyond the purpose",
    "incident_type.other": "other",
    "complaint_category.complaint": "complaint",
    "complaint_category.consultation": "consultation",
    "complaint_category.request": "request from the person",
    "complaint_category.suspected_incident": "suspected incident",
    "trail.kind.request": "request from a data subject",
    # why an incident needs a preliminary report, or looks reportable under the law
    "incident_trigger.sensitive": "sensitive data",
    "incident_trigger.financial_risk": "possible financial harm",
    "incident_trigger.malicious": "malice",
    "incident_trigger.many_people": "more than 1,000 people",
    "incident_trigger.my_number": "My Number data of more than 100 people",
    # the trail's words for the kinds of the registers
    "trail.kind.incident": "incident",
    # PML711
    "PML711.missing": "no emergency drill is recorded in fiscal year {year}, from {start} to {deadline} (today is {today}); the last drill before it was on {last}: hold a drill every fiscal year and record it in drills/",
    "PML711.soon": "no emergency drill yet in fiscal year {year}, from {start}, which ends on {deadline} (today is {today}); the last drill was on {last}: hold one before the year ends and record it in drills/",
    "PML711.none": "no emergency drill is recorded: fiscal year {year}, from {start}, ends on {deadline} (today is {today}); hold one before the year ends and record it in drills/ (or set drills.yearly: false if your procedure sets another interval)",
    # PML712
    "PML712.due": "the response to this complaint is due within {within} of its receipt on {start}, by {deadline} (today is {today}): respond and record responded_on",
    "PML712.overdue": "the response to this complaint was due within {within} of its receipt on {start}, by {deadline}, and none is recorded (today is {today}): respond now and record responded_on",
    "PML712.late": "the response to this complaint was made on {done}, after the company's standard of {within} from its receipt on {start} (by {deadline}; today is {today}): record why in notes",
    # PML713
    "PML713.due": "this complaint is to be closed within {within} of its receipt on {start}, by {deadline} (today is {today}): close it and record closed_on",
    "PML713.overdue": "this complaint was to be closed within {within} of its receipt on {start}, by {deadline}, and is still open (today is {today}): finish handling it and record closed_on",
    "PML713.late": "this complaint was closed on {done}, after the standard of {within} from its receipt on {start} (by {deadline}; today is {today}): record why in notes",
    # PML714
    "PML714.missing": "this complaint, received on {received}, is a suspected incident but names no incident record: record the incident (kind: incident) and name it in incident",
    # PML715
    "PML715.missing": "this complaint, received on {received}, is a request from the person but names no request record: record the request (kind: request) and name it in request",
    # PML716
    "PML716.missing": "the disposal of {date} was done by the contractor {contractor}, but no certificate of disposal is recorded: add the certificate to the repository (git add) and name it in certificate",
    "PML716.untracked": "the certificate of disposal '{target}' is not a file git tracks in this repository: add it (git add), or correct the path",
    "PML716.outside": "the certificate of disposal '{target}' lies outside the repository (or is a symbolic link that leads out of it): keep the certificate itself in the repository",
    # PML717
    "PML717.missing": "this inventory entry was retired on {retired_on}, but no disposal record (kind: disposal) names it: record how its personal data was disposed of ({method}), when and by whom, in disposals/",
    "PML717.no_method": "this inventory entry was retired on {retired_on}, but no disposal record (kind: disposal) names it: record how its personal data was disposed of, when and by whom, in disposals/",
    "PML201.incident": "no incident with id '{id}' (kind: incident): record the incident, or correct the id",
    "PML201.request": "no request with id '{id}' (kind: request): record the request, or correct the id",
    # the trail's words for the drills, complaints and disposals
    "trail.kind.drill": "emergency drill",
    "trail.kind.complaint": "complaint or consultation",
    "trail.kind.disposal": "disposal",
    # PML750
    "PML750.none": "{item} is marked {control_status} but there is no {record_kind} record in fiscal year {year} ({start} to {end}) nor in the year before (today is {today}): add the record in {folder}, or change the status to partial or gap",
    "PML750.soon": "{item} is marked {control_status} but there is no {record_kind} record yet in fiscal year {year} ({start} to {end}); the last one is {last}, of the year before (today is {today}): hold it and record it in {folder} before {end}, or change the status",
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
        "why": "Whether the law requires a report is a decision the privacy manager must make and record; an "
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
    "PML711": {
        "title": "Fiscal year without an emergency drill",
        "what": "Reports a fiscal year, from the first one with a drill (kind: drill) on record, that ended without "
        "one; a reminder (warning) in the last weeks of the current fiscal year while none is recorded in it. "
        "drills.yearly: false turns the check off.",
        "why": "Preparing for emergencies includes rehearsing them: examiners expect a drill, with its lessons, at "
        "least once a year, and the contact list reviewed with it (J.4.4.2).",
        "fix": "Hold a drill and record it in drills/ (date, scenario, participants, lessons).",
    },
    "PML712": {
        "title": "Complaint not answered within the standard",
        "what": "Reports a complaint or consultation with no responded_on within complaints.respond_within "
        "(default P14D) of received_on, or answered after it; a reminder (warning) until the deadline.",
        "why": "Complaints are answered against the company's own standard, and examiners compare each complaint "
        "with it (J.11).",
        "fix": "Respond and record responded_on; set complaints.respond_within to your standard.",
    },
    "PML713": {
        "title": "Complaint still open past its deadline",
        "what": "Reports a complaint or consultation with no closed_on within complaints.close_within (default "
        "P30D) of received_on, or closed after it; a reminder (warning) until the deadline.",
        "why": "A complaint left open is a complaint not handled; the counts of handled complaints feed the "
        "management review (J.11, J.6.3).",
        "fix": "Finish handling the complaint and record closed_on; set complaints.close_within to your standard.",
    },
    "PML714": {
        "title": "Suspected incident without an incident record",
        "what": "Reports a complaint whose category is suspected_incident and that names no incident (incident).",
        "why": "A complaint that may be an incident is handled as one, with its reports and deadlines (J.11, J.4.4.2).",
        "fix": "Record the incident (kind: incident) and name it in the complaint's incident.",
    },
    "PML715": {
        "title": "Request received as a complaint without a request record",
        "what": "Reports a complaint whose category is request and that names no request (request).",
        "why": "A request for disclosure, correction or suspension is handled as a request, with its own deadline "
        "and identity check (J.11, J.10).",
        "fix": "Record the request (kind: request) and name it in the complaint's request.",
    },
    "PML716": {
        "title": "Outsourced disposal without a certificate",
        "what": "Reports a disposal record with a contractor and no certificate, or a certificate that is not a "
        "file git tracks in the repository (outside it, or a symbolic link leading out of it).",
        "why": "When a contractor disposes of personal data, its certificate of disposal is the evidence that it "
        "was done (J.9).",
        "fix": "Add the contractor's certificate to the repository (git add) and name its path in certificate.",
    },
    "PML717": {
        "title": "Retired inventory entry without a disposal record",
        "what": "Reports an inventory entry retired (status: retired) on or before today that no disposal record "
        "(kind: disposal) dated up to today names.",
        "why": "Personal data no longer used is disposed of by the method the inventory states, and the disposal "
        "is recorded (J.9).",
        "fix": "Record the disposal in disposals/ (date, inventory, media, method, by, witness).",
    },
    "PML750": {
        "title": "Control marked fit or partial without its records",
        "what": "Reports a control whose status is fit or partial and whose yearly records (training, the internal "
        "audit plan and reports, the management review, the annual plan, operation checks, the emergency drill, the "
        "review of the risk analysis: the table in docs/evidence.md) have none in the current fiscal year; while the "
        "year before has one, only once the year's end is near (review.warn_within). Records made when something "
        "happens (incidents, requests, complaints, corrective actions, disposals) are not asked for, nor a kind "
        "of which the repository keeps no record at all (it is then kept elsewhere, as records[].evidence says).",
        "why": "For each item marked fit, the examiner asks for the records that show it in operation; a Fit & Gap "
        "that says fit with no record of the year is the first thing to fall apart in the examination.",
        "fix": "Add this year's record (for example the internal audit report in audits/); if the item is not in "
        "operation yet, change its status to partial or gap.",
    },
}
