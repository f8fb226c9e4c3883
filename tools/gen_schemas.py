"""Generate the JSON Schemas in ``schemas/`` from one Python description.

The shipped schemas are plain JSON files (editors read them directly); this script is where they are
written, so that the definitions every kind shares (dates, durations, ids, approvals) are written once.
Run ``python tools/gen_schemas.py`` after a change; ``tests/documents/test_schemas.py`` fails while the files and
this script disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pmarklint.resources import KINDS as _KINDS
from pmarklint.resources import RECORD_KINDS as _RECORD_KINDS
from pmarklint.resources import ROLES as _ROLES  # the project's own package, beside this tool

SCHEMA_VERSION = 1
BASE = f"https://pmarklint.github.io/schemas/v{SCHEMA_VERSION}"
ROOT = Path(__file__).resolve().parent.parent / "schemas"

ROLES = list(_ROLES)  # one list of roles: pmarklint.resources
RECORD_KINDS = list(_RECORD_KINDS)  # the PDCA records (docs/records.md)
KINDS = list(_KINDS)
EMPLOYMENT = ["officer", "regular", "contract", "part_time", "dispatched"]


def doc(ja_title: str, en_title: str, ja: str = "", en: str = "") -> dict[str, str]:
    """Title and description in Japanese and English, shown by editors as help."""
    out = {"title": f"{ja_title} / {en_title}"}
    if ja or en:
        out["description"] = f"{ja}\n\n{en}".strip()
    return out


def prop(schema: dict[str, Any], ja_title: str, en_title: str, ja: str = "", en: str = "") -> dict[str, Any]:
    return {**doc(ja_title, en_title, ja, en), **schema}


REF = {name: {"$ref": f"#/$defs/{name}"} for name in ("id", "ref", "date", "duration", "text", "texts", "path")}


def common_defs() -> dict[str, Any]:
    return {
        "id": {
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "x-pmarklint-hint": "id",
            **doc(
                "ID",
                "ID",
                "英数字で始まり、英数字・ピリオド・ハイフン・アンダースコアのみ(例: PI-CS-001, nakamura)。"
                "リポジトリ全体で一意、再利用しない。",
                "Starts with a letter or digit; letters, digits, '.', '-', '_' only (e.g. PI-CS-001, nakamura). "
                "Unique across the repository and never reused.",
            ),
        },
        "ref": {
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "x-pmarklint-hint": "id",
            **doc("参照ID", "Reference", "他のエントリのID。", "The id of another entry."),
        },
        "date": {
            "type": "string",
            "format": "date",
            "x-pmarklint-hint": "date",
            **doc("日付", "Date", "YYYY-MM-DD 形式(例: 2026-04-01)。", "A date written YYYY-MM-DD (e.g. 2026-04-01)."),
        },
        "duration": {
            "type": "string",
            "pattern": "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$",
            "x-pmarklint-hint": "duration",
            **doc(
                "期間",
                "Duration",
                "ISO 8601 の期間(例: P1Y = 1年、P6M = 6か月、P30D = 30日)。",
                "An ISO 8601 duration (e.g. P1Y = one year, P6M = six months, P30D = 30 days).",
            ),
        },
        "text": {"type": "string", "minLength": 1},
        "texts": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "path": {
            "type": "string",
            "minLength": 1,
            **doc(
                "パス",
                "Path",
                "リポジトリのルートからの相対パス(glob可)。",
                "A path relative to the repository root (globs allowed).",
            ),
        },
        "approval": {
            "type": "object",
            "additionalProperties": False,
            "required": ["by", "role", "date", "digest"],
            "properties": {
                "by": prop(
                    REF["ref"],
                    "承認者",
                    "Approver",
                    "承認した人のID(people/)。",
                    "The approving person's id (people/).",
                ),
                "role": prop(
                    {"enum": ROLES}, "承認時の役割", "Role", "承認した立場。", "The role in which they approved."
                ),
                "date": prop(REF["date"], "承認日", "Approval date"),
                "digest": prop(
                    {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$", "x-pmarklint-hint": "digest"},
                    "内容ダイジェスト",
                    "Content digest",
                    "承認した内容のSHA-256。pmarklint sign が書き込みます。",
                    "SHA-256 of the approved content; written by pmarklint sign.",
                ),
            },
            **doc("承認", "Approval"),
        },
        "bilingual": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {"ja": REF["text"], "en": REF["text"]},
        },
    }


def common_entry_props() -> dict[str, Any]:
    return {
        "id": REF["id"],
        "owner": prop(
            REF["ref"],
            "責任者",
            "Owner",
            "このエントリに責任を持つ人のID。",
            "Id of the person responsible for this entry.",
        ),
        "last_reviewed": prop(REF["date"], "最終見直し日", "Last reviewed"),
        "review_every": prop(
            REF["duration"],
            "見直し間隔",
            "Review interval",
            "省略時は pmarklint.yaml の既定値(P1Y)。",
            "Defaults to the interval in pmarklint.yaml (P1Y).",
        ),
        "retired_on": prop(REF["date"], "廃止日", "Retired on"),
        "reason": prop(
            REF["text"], "理由", "Reason", "廃止・適用除外の理由。", "Why the entry is retired or not applicable."
        ),
        "notes": prop(REF["text"], "備考", "Notes"),
        "approvals": prop({"type": "array", "items": {"$ref": "#/$defs/approval"}}, "承認", "Approvals"),
    }


STATUS_ACTIVE = prop(
    {"enum": ["active", "retired"], "default": "active"},
    "状態",
    "Status",
    "active(既定)または retired。廃止したエントリは削除せず retired にし、retired_on と reason を書きます。",
    "active (default) or retired. Keep a retired entry for the record with retired_on and reason.",
)
RETIRED_RULE = {
    "if": {"required": ["status"], "properties": {"status": {"const": "retired"}}},
    "then": {"required": ["retired_on", "reason"]},
}


def entry_schema(
    kind_props: dict[str, Any], required: list[str], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    props = {**common_entry_props(), **kind_props}
    props.setdefault("status", STATUS_ACTIVE)
    schema: dict[str, Any] = {
        "type": "object",
        "required": required,
        "properties": props,
        "patternProperties": {"^x[-_]": {}},
        "additionalProperties": False,
        "allOf": [RETIRED_RULE],
    }
    if extra:
        schema["allOf"] = [RETIRED_RULE, *extra.get("allOf", [])]
    return schema


def obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        out["required"] = required
    return out


def list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


BOOL = {"type": "boolean"}
TEXT_OR_BILINGUAL = {"anyOf": [REF["text"], {"$ref": "#/$defs/bilingual"}]}
# require_approvals: how much a missing or invalid approval weighs (pmarklint.approvals.digest.Level)
APPROVAL_LEVEL = {"enum": ["off", "warning", "error", True, False]}
COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$", "x-pmarklint-hint": "country"}


def person_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "name": prop(REF["text"], "氏名", "Name"),
            "emails": prop(
                list_of({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$", "x-pmarklint-hint": "email"}),
                "メールアドレス",
                "Emails",
                "この人が git のコミットに使うメールアドレス(承認の検証に使います)。",
                "The e-mail addresses this person commits with in git (used to verify approvals).",
            ),
            "department": prop(
                REF["ref"],
                "所属部門",
                "Department",
                "pmarklint.yaml の departments のID。",
                "A department id from pmarklint.yaml.",
            ),
            "roles": prop(
                {"type": "array", "uniqueItems": True, "items": {"enum": ROLES}},
                "PMS上の役割",
                "PMS roles",
                "top_management(トップマネジメント)、privacy_manager(個人情報保護管理者)、audit_lead(個人情報保護監査責任者)、"
                "internal_auditor(内部監査員)、department_manager(部門管理者)、education_lead(教育責任者)、"
                "complaints_desk(苦情相談窓口)、secretariat(事務局)など。",
                "top_management, privacy_manager, audit_lead, internal_auditor, department_manager, education_lead, "
                "complaints_desk, secretariat, and others.",
            ),
            "employment": prop(
                {"enum": EMPLOYMENT},
                "雇用形態",
                "Employment",
                "officer(役員)、regular(正社員)、contract(契約社員)、part_time(パート・アルバイト)、dispatched(派遣)。"
                "PMS の役割がない人も従業者として名簿に載せます(教育の対象)。",
                "officer, regular, contract, part_time or dispatched. People without a PMS role belong in the roster "
                "too: every member of staff is trained.",
            ),
            "joined": prop(
                REF["date"],
                "入社日・着任日",
                "Joined",
                "入社時教育の期限の起点。",
                "Starts the onboarding training's deadline.",
            ),
            "left": prop(
                REF["date"],
                "退職日・離任日",
                "Left",
                "この日から在籍していない扱いになります(教育の対象外、承認不可)。以前の承認と記録は有効なままです。",
                "Not employed from this day (no training falls due, approves nothing); earlier approvals and "
                "records stay valid.",
            ),
            "signing_keys": prop(
                list_of(
                    {
                        "type": "string",
                        "pattern": "^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/=]+( .*)?$",
                        "x-pmarklint-hint": "ssh_key",
                    }
                ),
                "署名鍵",
                "Signing keys",
                "この人のコミットに署名するSSH公開鍵(任意)。",
                "SSH public keys that sign this person's commits (optional).",
            ),
        },
        ["id", "name"],
    )


def control_entry() -> dict[str, Any]:
    status = prop(
        {"enum": ["fit", "partial", "gap", "not_applicable", "retired"]},
        "対応状況",
        "Status",
        "fit(適合)、partial(一部対応)、gap(未対応)、not_applicable(適用除外: reason が必要)、retired(廃止)。",
        "fit, partial, gap, not_applicable (needs a reason) or retired.",
    )
    na_rule = {
        "if": {"required": ["status"], "properties": {"status": {"const": "not_applicable"}}},
        "then": {"required": ["reason"]},
    }
    return entry_schema(
        {
            "status": status,
            "title": prop({"$ref": "#/$defs/bilingual"}, "表題", "Title"),
            "summary": prop({"$ref": "#/$defs/bilingual"}, "要旨", "Summary"),
            "jis_2023": prop(
                REF["text"],
                "JIS Q 15001:2023 の箇条",
                "JIS Q 15001:2023 clause",
                "指針が表題の後に示す JIS Q 15001:2023 の箇条(本文の箇条、または附属書Aの番号 A.1〜A.28)。",
                "The JIS Q 15001:2023 clause the guideline prints after the title (a body clause, or an Annex A "
                "number A.1 to A.28).",
            ),
            "jis_2017_clause": prop(
                REF["text"],
                "JIS Q 15001:2017 本文の箇条",
                "JIS Q 15001:2017 body clause",
                "この項目の元になった JIS Q 15001:2017 本文の箇条(例: 7.5.1)。",
                "The JIS Q 15001:2017 body clause the item descends from (e.g. 7.5.1).",
            ),
            "jis_2017_annex_a": prop(
                REF["text"],
                "JIS Q 15001:2017 附属書Aの番号",
                "JIS Q 15001:2017 Annex A number",
                "この項目の元になった JIS Q 15001:2017 附属書Aの管理策の番号(例: A.3.5.1)。",
                "The JIS Q 15001:2017 Annex A control the item descends from (e.g. A.3.5.1).",
            ),
            "jis_2017": prop(
                REF["text"],
                "JIS Q 15001:2017 の番号(旧)",
                "JIS Q 15001:2017 number (old)",
                "本文の箇条と附属書Aの番号が混在していた旧フィールド。jis_2017_clause と jis_2017_annex_a に分けて"
                "書いてください(このフィールドも読めます)。",
                "The old field that mixed body clauses and Annex A numbers: write jis_2017_clause and "
                "jis_2017_annex_a instead (this one is still read).",
            ),
            "verified": prop(
                BOOL,
                "確認済み",
                "Verified",
                "true: 表題と JIS Q 15001:2023 の箇条が複数の資料で確認できている。false の場合、確認が必要な点を "
                "to_verify に書きます(レポートでは表題に印が付きます)。",
                "true when the title and the JIS Q 15001:2023 clause are confirmed by more than one source; when "
                "false, to_verify says what still needs checking (reports mark the title).",
            ),
            "to_verify": prop(
                {"$ref": "#/$defs/bilingual"},
                "要確認の点",
                "Still to verify",
                "指針の原文で確認が必要な点(表題、箇条の番号など)と、その理由。",
                "What still needs checking against the guideline itself (title, clause numbers), and why.",
            ),
            "documents": prop(
                list_of(
                    obj(
                        {
                            "title": prop(
                                TEXT_OR_BILINGUAL,
                                "規程・マニュアルの名称",
                                "Rule or manual",
                                "文字列、または {ja: …, en: …}(レポートは読む人の言語で表示します)。",
                                "A string, or {ja: …, en: …} (reports show the reader's language).",
                            ),
                            "path": prop(
                                REF["path"],
                                "ファイルのパス",
                                "Path",
                                "リポジトリ内の規程・マニュアルのファイル。",
                                "The rule's or manual's file in the repository.",
                            ),
                        },
                        ["title"],
                    )
                ),
                "関連する社内規程・マニュアル",
                "Related rules and manuals",
            ),
            "initial_tasks": prop(
                list_of(TEXT_OR_BILINGUAL),
                "初年度のタスク",
                "First-year tasks",
                "この項目のために初年度に行う作業。文字列、または {ja: …, en: …}。",
                "What the company does in its first year for this item; a string, or {ja: …, en: …}.",
            ),
            "examination": prop(
                list_of(TEXT_OR_BILINGUAL),
                "審査での確認ポイント",
                "What the examination checks",
                "審査員がこの項目で確認すること。文字列、または {ja: …, en: …}。",
                "What the examiner looks at for this item; a string, or {ja: …, en: …}.",
            ),
            "records": prop(
                list_of(
                    obj(
                        {
                            "title": prop(
                                TEXT_OR_BILINGUAL,
                                "記録の名称",
                                "Record",
                                "文字列、または {ja: …, en: …}(レポートは読む人の言語で表示します)。",
                                "A string, or {ja: …, en: …} (reports show the reader's language).",
                            ),
                            "approver_role": prop(
                                {"enum": ROLES},
                                "承認者の役割",
                                "Approver's role",
                                "この記録を承認する役割(pmarklint roles で一覧)。",
                                "The role that approves this record (pmarklint roles lists them).",
                            ),
                            "evidence": {"type": "array", "items": REF["path"]},
                        },
                        ["title"],
                    )
                ),
                "審査時に必要な文書とその承認者",
                "Records an audit needs, and who approves them",
            ),
            "recurring": prop(
                list_of(
                    obj(
                        {
                            "task": prop(
                                TEXT_OR_BILINGUAL,
                                "作業",
                                "Task",
                                "文字列、または {ja: …, en: …}(メッセージとレポートは読む人の言語で表示します)。",
                                "A string, or {ja: …, en: …} (messages and reports show the reader's language).",
                            ),
                            "every": prop(
                                REF["duration"], "間隔", "Interval", "例: P1Y = 年1回。", "E.g. P1Y = yearly."
                            ),
                            "owner": prop(REF["ref"], "担当者", "Owner", "担当する人のID。", "The owner's person id."),
                            "owner_role": prop(
                                {"enum": ROLES},
                                "担当する役割",
                                "Owner's role",
                                "この作業を担当する役割(pmarklint roles で一覧)。カタログはこれを書き、"
                                "各社は owner に担当者を書きます。",
                                "The role that does this task (pmarklint roles lists them); the catalog gives it, "
                                "a company names the person in owner.",
                            ),
                            "last_done": prop(REF["date"], "最終実施日", "Last done"),
                            "record_kind": prop(
                                {"enum": ["training", "audit_report", "review", "operation_check", "plan"]},
                                "実施を示す記録の種類",
                                "Record kind that proves it",
                                "指定すると、最終実施日はその種類の最新の記録から決まります(last_done は不要)。",
                                "When set, the task was last done when the newest record of this kind says "
                                "(no last_done needed).",
                            ),
                        },
                        ["task", "every"],
                    )
                ),
                "次年度以降の通年運用",
                "Yearly operation",
                "定期的な作業(例: 教育 P1Y)。every は ISO 8601 の期間。",
                "Recurring tasks (e.g. education every P1Y); every is an ISO 8601 duration.",
            ),
            "no_recurring": prop(
                {"$ref": "#/$defs/bilingual"},
                "定期作業がない理由",
                "Why there is no recurring task",
                "recurring を書かない理由(以前のカタログの書き方。今のカタログはすべての項目に recurring があります)。",
                "Why the item has no recurring task (as earlier catalogs wrote it; today's catalog gives every item "
                "a recurring task).",
            ),
            "no_records": prop(
                {"$ref": "#/$defs/bilingual"},
                "記録がない理由",
                "Why there is no record",
                "records を書かない理由。",
                "Why the item has no record.",
            ),
            "difficulty": prop(
                {"enum": ["low", "medium", "high"]},
                "次年度以降の難易度",
                "Difficulty of yearly operation",
                "low(低)、medium(中)、high(高)。理由は difficulty_reason に書きます。",
                "low, medium or high; difficulty_reason says why.",
            ),
            "difficulty_reason": prop({"$ref": "#/$defs/bilingual"}, "難易度の理由", "Why this difficulty"),
            "rules_clause": prop(
                REF["text"],
                "関連する社内規程の条項",
                "Clause of the company's rules",
                "この要求事項を満たす自社の規程の条項(例: 個人情報保護規程 第12条)。Fit & Gap 表の列になり、"
                "申請で求められる指針との対応表として使えます。",
                "The clause of the company's own rules that meets this item (e.g. 個人情報保護規程 第12条). "
                "A column of the Fit & Gap table, so that the table serves as the correspondence table to the "
                "guideline that an application asks for.",
            ),
        },
        ["id", "title", "status"],
        {"allOf": [na_rule]},
    )


def contractor_entry() -> dict[str, Any]:
    clauses = [
        ("responsibilities", "責任の明確化", "Responsibilities"),
        ("security_measures", "安全管理に関する事項", "Security measures"),
        ("subcontracting", "再委託に関する事項", "Subcontracting"),
        ("reporting", "取扱状況の報告の内容及び頻度", "Status reporting"),
        ("audit_rights", "遵守状況の確認", "Audit rights"),
        ("breach_measures", "遵守されなかった場合の措置", "Measures on breach"),
        ("incident_reporting", "事件・事故時の報告・連絡", "Incident reporting"),
        ("end_of_contract", "契約終了後の措置", "End of contract"),
    ]
    return entry_schema(
        {
            "name": prop(REF["text"], "委託先名", "Contractor name"),
            "service": prop(REF["text"], "委託業務", "Entrusted service"),
            "country": prop(
                COUNTRY, "所在国", "Country", "ISO 3166 の2文字コード(既定 JP)。", "ISO 3166 alpha-2 code (default JP)."
            ),
            "entrusted_data": prop(
                {"type": "array", "items": REF["ref"]},
                "委託する個人情報",
                "Entrusted data",
                "個人情報管理台帳のID。台帳側の entrusted_to と一致させます。",
                "Inventory ids; must agree with the inventory's entrusted_to.",
            ),
            "certifications": prop(
                list_of(
                    obj(
                        {"type": {"enum": ["pmark", "isms", "other"]}, "number": REF["text"], "expires": REF["date"]},
                        ["type"],
                    )
                ),
                "認証",
                "Certifications",
            ),
            "evaluation": prop(
                obj(
                    {"date": REF["date"], "result": {"enum": ["pass", "conditional", "fail"]}, "evaluator": REF["ref"]},
                    ["date", "result"],
                ),
                "委託先評価",
                "Evaluation",
            ),
            "contract": prop(
                obj(
                    {
                        "signed": REF["date"],
                        "expires": REF["date"],
                        "document": REF["path"],
                        "clauses": prop(
                            obj({key: prop(BOOL, ja, en) for key, ja, en in clauses}),
                            "契約に盛り込む8項目",
                            "The eight required clauses",
                        ),
                    }
                ),
                "契約",
                "Contract",
            ),
            "subcontractors": prop(
                {"type": "array", "items": REF["ref"]}, "再委託先", "Subcontractors", "委託先のID。", "Contractor ids."
            ),
        },
        ["id", "name", "service"],
    )


def inventory_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "name": prop(
                REF["text"],
                "名称",
                "Name",
                "個人情報の名称(例: 顧客情報)。",
                "What the information is called (e.g. customer data).",
            ),
            "department": prop(
                REF["ref"],
                "管理部門",
                "Department",
                "pmarklint.yaml の departments のID。",
                "A department id from pmarklint.yaml.",
            ),
            "data_items": prop(REF["texts"] | {"minItems": 1}, "個人情報の項目", "Data items"),
            "data_subjects": prop(REF["text"], "本人の種類", "Data subjects"),
            "purpose": prop(REF["text"], "利用目的", "Purpose of use"),
            "record_count": prop({"type": "integer", "minimum": 0}, "件数", "Record count"),
            "acquisition": prop(
                obj({"method": REF["text"], "direct_in_writing": BOOL, "notice": REF["text"], "consent": BOOL}),
                "取得",
                "Acquisition",
            ),
            "sensitive": prop(BOOL, "要配慮個人情報", "Sensitive (special-care) data"),
            "my_number": prop(BOOL, "特定個人情報(マイナンバー)", "My Number data"),
            "storage": prop(obj({"location": REF["text"], "medium": REF["text"]}), "保管", "Storage"),
            "access": prop(REF["texts"], "アクセス権者", "Access holders", "人のID。", "Person ids."),
            "retention": prop(
                obj(
                    {
                        "period": prop(REF["duration"], "保管期限", "Retention period"),
                        "basis": prop(REF["text"], "根拠", "Basis"),
                    }
                ),
                "保管期限",
                "Retention",
            ),
            "disposal": prop(REF["text"], "廃棄方法", "Disposal method"),
            "entrusted_to": prop(
                {"type": "array", "items": REF["ref"]}, "委託先", "Entrusted to", "委託先のID。", "Contractor ids."
            ),
            "third_party_provision": prop(
                obj({"provided": BOOL, "recipients": REF["texts"], "basis": REF["text"]}, ["provided"]),
                "第三者提供",
                "Third-party provision",
            ),
            "overseas": prop(
                list_of(
                    obj(
                        {
                            "country": COUNTRY,
                            "recipient": REF["text"],
                            "basis": {"enum": ["consent", "equivalent_system", "adequacy"]},
                            "last_checked": REF["date"],
                        }
                    )
                ),
                "外国にある第三者への提供",
                "Overseas transfers",
            ),
            "risks": prop(
                list_of(
                    obj(
                        {
                            "phase": REF["text"],
                            "threat": REF["text"],
                            "measure": REF["text"],
                            "residual": {"enum": ["low", "medium", "high"]},
                        },
                        ["threat"],
                    )
                ),
                "リスク",
                "Risks",
            ),
            # last, so that the spreadsheet columns of the fields before it keep their letters
            "retained_personal_data": prop(
                BOOL,
                "保有個人データ",
                "Retained personal data",
                "開示等の請求の対象となる保有個人データなら true。",
                "true when the data is retained personal data, open to requests from the people it is about.",
            ),
        },
        ["id", "name", "department", "data_items", "purpose"],
    )


# -- the PDCA records (docs/records.md) ----------------------------------------------------------------------
TOPICS = ["policy", "importance", "roles", "consequences"]


def record_date(ja: str, en: str) -> dict[str, Any]:
    return prop(REF["date"], ja, en)


def person_ref(ja: str, en: str, ja_text: str = "", en_text: str = "") -> dict[str, Any]:
    return prop(REF["ref"], ja, en, ja_text or "従業者名簿(people/)の人のID。", en_text or "A person's id (people/).")


def training_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "title": prop(REF["text"], "教育の名称", "Title"),
            "type": prop(
                {"enum": ["regular", "onboarding", "role", "special"]},
                "教育の種類",
                "Type",
                "regular(定期教育: 全従業者、年1回以上)、onboarding(入社時教育)、role(役職者・役割別)、"
                "special(特別教育)。",
                "regular (yearly, for all staff), onboarding (on joining), role (for role holders) or special.",
            ),
            "date": record_date("実施日", "Date"),
            "topics": prop(
                {"type": "array", "uniqueItems": True, "items": {"enum": TOPICS}},
                "教育の内容(J.4.3の4項目)",
                "Topics (the four points of J.4.3)",
                "policy(個人情報保護方針)、importance(PMSに適合することの重要性及び利点)、roles(PMSに適合するための役割及び責任)、"
                "consequences(PMSに違反した際に予想される結果)。定期教育は4項目すべてを扱います。",
                "policy (the personal information protection policy), importance (why conforming to the PMS matters "
                "and what it brings), roles (each person's role and responsibilities), consequences (what may follow "
                "a breach). A regular training covers all four.",
            ),
            "materials": prop(
                {"type": "array", "items": REF["path"]},
                "教材",
                "Materials",
                "教材のファイル(リポジトリ内のパス)。",
                "The training materials (paths in the repository).",
            ),
            "quiz": prop(
                obj(
                    {
                        "method": prop(REF["text"], "理解度確認の方法", "Method", "例: 確認テスト", "e.g. a test"),
                        "pass_mark": prop({"type": "number", "minimum": 0}, "合格点", "Pass mark"),
                    }
                ),
                "理解度確認",
                "Understanding check",
            ),
            "attendance": prop(
                list_of(
                    obj(
                        {
                            "person": person_ref("受講者", "Attendee"),
                            "date": prop(
                                REF["date"],
                                "受講日",
                                "Attended on",
                                "実施日と異なる場合(録画での受講など)。",
                                "When it differs from the training's date (e.g. a recording).",
                            ),
                            "score": prop({"type": "number", "minimum": 0}, "点数", "Score"),
                            "passed": prop(BOOL, "合格", "Passed"),
                        },
                        ["person"],
                    )
                ),
                "受講者一覧",
                "Attendance",
            ),
            "absentees": prop(
                list_of(
                    obj(
                        {
                            "person": person_ref("欠席者", "Absentee"),
                            "follow_up_by": prop(
                                REF["date"],
                                "フォロー期限",
                                "Follow up by",
                                "この日までに補講などで受講させます。",
                                "The day by which the person is trained after all (a make-up session).",
                            ),
                            "reason": prop(REF["text"], "理由", "Reason"),
                        },
                        ["person", "follow_up_by"],
                    )
                ),
                "欠席者とフォロー",
                "Absentees and their follow-up",
            ),
        },
        ["id", "title", "type", "date"],
    )


CORRECTIVE_SOURCES = ["audit", "operation_check", "incident", "complaint", "external_audit", "review", "other"]
ITEM = prop(
    REF["ref"],
    "要求事項",
    "Requirement item",
    "関係する要求事項のID(例: J.4.3)。",
    "The requirement item concerned (e.g. J.4.3).",
)


def corrective_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "source": prop(
                {"enum": CORRECTIVE_SOURCES},
                "発生源",
                "Source",
                "audit(内部監査)、operation_check(運用の確認)、incident(事故)、complaint(苦情)、"
                "external_audit(審査機関の審査)、review(マネジメントレビュー)、other(その他)。",
                "audit (internal audit), operation_check, incident, complaint, external_audit (the assessment "
                "body's examination), review (management review) or other.",
            ),
            "source_ref": prop(
                REF["ref"],
                "発生源の記録",
                "Source record",
                "不適合を見つけた記録のID(監査報告、運用の確認など)。その記録の側からもこの是正処置を指します。",
                "The id of the record that found the nonconformity (an audit report, an operation check...); "
                "that record names this corrective action too.",
            ),
            "item": ITEM,
            "raised_on": record_date("発見日", "Raised on"),
            "nonconformity": prop(REF["text"], "不適合の内容", "Nonconformity"),
            "correction": prop(REF["text"], "修正(応急処置)", "Correction"),
            "root_cause": prop(REF["text"], "根本原因", "Root cause"),
            "action": prop(REF["text"], "是正処置", "Corrective action"),
            "due": record_date("期限", "Due"),
            "done_on": record_date("完了日", "Done on"),
            "effectiveness": prop(
                obj(
                    {
                        "checked_on": record_date("確認日", "Checked on"),
                        "by": person_ref("確認者", "Checked by"),
                        "result": prop(
                            {"enum": ["effective", "not_effective"]},
                            "結果",
                            "Result",
                            "effective(有効)または not_effective(有効でない: 処置をやり直します)。",
                            "effective, or not_effective (the action is taken again).",
                        ),
                    },
                    ["checked_on", "result"],
                ),
                "有効性の確認",
                "Effectiveness check",
            ),
        },
        ["id", "source", "nonconformity", "owner", "due"],
    )


CRITERIA = prop(
    {"type": "array", "uniqueItems": True, "items": {"enum": ["conformity", "operation"]}},
    "監査の観点",
    "Criteria",
    "conformity(適合状況監査: 規程が規格に適合しているか)、operation(運用状況監査: 規程どおりに運用しているか)。"
    "年度の監査で両方を扱います。",
    "conformity (do the rules meet the standard) and operation (are they followed). A year's audits cover both.",
)
DEPARTMENT = prop(REF["ref"], "部門", "Department", "pmarklint.yaml の departments のID。", "A department id.")


def audit_plan_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "fiscal_year": prop(
                {"type": "integer", "minimum": 2000, "maximum": 2100},
                "年度",
                "Fiscal year",
                "年度を開始した年(例: 2026 = 2026年度)。",
                "The year the fiscal year starts in (e.g. 2026).",
            ),
            "lead": person_ref("個人情報保護監査責任者", "Audit lead"),
            "scope": prop(
                {"type": "array", "uniqueItems": True, "items": REF["ref"]},
                "監査対象の部門",
                "Departments in scope",
                "全部門を対象にします。",
                "Every department is audited.",
            ),
            "auditors": prop(
                list_of(
                    obj(
                        {"department": DEPARTMENT, "auditor": person_ref("監査員", "Auditor")},
                        ["department", "auditor"],
                    )
                ),
                "部門ごとの監査員",
                "Auditor per department",
                "監査員は自部門を監査しません。",
                "No auditor audits their own department.",
            ),
            "criteria": CRITERIA,
            "schedule": prop(REF["text"], "実施時期", "Schedule", "例: 2027年1月", "e.g. January 2027"),
        },
        ["id", "fiscal_year", "scope"],
    )


def audit_report_entry() -> dict[str, Any]:
    finding_types = {"enum": ["nonconformity", "observation", "improvement"]}
    return entry_schema(
        {
            "plan": prop(REF["ref"], "監査計画", "Audit plan", "audit_plan のID。", "The audit plan's id."),
            "department": DEPARTMENT,
            "date": record_date("監査日", "Audit date"),
            "auditor": person_ref("監査員", "Auditor"),
            "checklist": prop(
                REF["path"], "チェックリスト", "Checklist", "リポジトリ内のパス。", "A path in the repository."
            ),
            "findings": prop(
                list_of(
                    obj(
                        {
                            "id": REF["id"],
                            "type": prop(
                                finding_types,
                                "種類",
                                "Type",
                                "nonconformity(不適合)、observation(観察事項)、improvement(改善の機会)。",
                                "nonconformity, observation or improvement.",
                            ),
                            "item": ITEM,
                            "text": prop(REF["text"], "内容", "Text"),
                            "corrective": prop(
                                REF["ref"],
                                "是正処置",
                                "Corrective action",
                                "不適合には是正処置(corrective)のIDが必要です。",
                                "A nonconformity needs the id of its corrective action.",
                            ),
                        },
                        ["type", "text"],
                    )
                ),
                "指摘事項",
                "Findings",
            ),
            "reported_to_top_management": record_date("トップマネジメントへの報告日", "Reported to top management"),
        },
        ["id", "plan", "department", "date", "auditor"],
    )


REVIEW_INPUTS = [
    (
        "previous_actions",
        "前回までのマネジメントレビューの結果とった処置の状況",
        "Status of actions from previous reviews",
    ),
    ("issues_changes", "外部及び内部の課題の変化", "Changes in external and internal issues"),
    ("nonconformities", "不適合及び是正処置", "Nonconformities and corrective actions"),
    ("operation_checks", "運用の確認の結果", "Results of operation checks"),
    ("audit_results", "監査結果", "Audit results"),
    ("objectives", "個人情報保護目的の達成度", "Fulfilment of objectives"),
    ("feedback", "利害関係者からのフィードバック(苦情を含む)", "Feedback from interested parties, complaints included"),
    ("risk_assessment", "リスクアセスメントの結果及びリスク対応計画の状況", "Risk assessment and treatment status"),
    ("improvement_opportunities", "継続的改善の機会", "Opportunities for continual improvement"),
    ("law_changes", "法令、国が定める指針その他の規範の改正状況", "Changes in laws and guidelines"),
]
REVIEW_OUTPUTS = [
    ("improvements", "継続的改善の機会に関する決定", "Decisions on improvement"),
    ("pms_changes", "PMSのあらゆる変更の必要性に関する決定", "Decisions on changes to the PMS"),
    ("resources", "資源の必要性", "Resources needed"),
]


def review_entry() -> dict[str, Any]:
    content = {
        "anyOf": [
            REF["text"],
            obj({"summary": REF["text"], "documents": {"type": "array", "items": REF["path"]}}),
        ]
    }
    return entry_schema(
        {
            "date": record_date("実施日", "Date"),
            "attendees": prop(
                {"type": "array", "items": REF["ref"]},
                "出席者",
                "Attendees",
                "人のID。トップマネジメントが出席します。",
                "Person ids; top management attends.",
            ),
            "inputs": prop(
                obj({key: prop(content, ja, en) for key, ja, en in REVIEW_INPUTS}),
                "インプット",
                "Inputs",
                "各項目に内容(文章)または {summary, documents} を書きます。",
                "Each heading holds text or {summary, documents}.",
            ),
            "outputs": prop(
                obj({key: prop(REF["text"], ja, en) for key, ja, en in REVIEW_OUTPUTS}),
                "アウトプット(トップマネジメントの決定)",
                "Outputs (top management's decisions)",
            ),
            "actions": prop(
                list_of(
                    obj(
                        {
                            "id": REF["id"],
                            "text": REF["text"],
                            "owner": person_ref("担当者", "Owner"),
                            "due": record_date("期限", "Due"),
                            "done_on": record_date("完了日", "Done on"),
                            "carried_from": prop(
                                REF["ref"],
                                "繰越元",
                                "Carried over from",
                                "前回のレビューの処置を引き継ぐとき、そのID。",
                                "The id of the previous review's action this one carries over.",
                            ),
                        },
                        ["id", "text"],
                    )
                ),
                "処置",
                "Actions",
            ),
        },
        ["id", "date", "attendees"],
    )


ACTIVITIES = [
    "training",
    "internal_audit",
    "management_review",
    "operation_check",
    "inventory_review",
    "risk_assessment",
    "contractor_evaluation",
    "law_review",
    "drill",
    "policy_review",
]


def plan_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "fiscal_year": prop(
                {"type": "integer", "minimum": 2000, "maximum": 2100},
                "年度",
                "Fiscal year",
                "年度を開始した年(例: 2026 = 2026年度)。年度の開始前に承認します(approvals)。",
                "The year the fiscal year starts in (e.g. 2026). Approved before the year starts (approvals).",
            ),
            "items": prop(
                list_of(
                    obj(
                        {
                            "activity": prop(
                                {"enum": ACTIVITIES},
                                "活動",
                                "Activity",
                                "training(教育)、internal_audit(内部監査)、management_review(マネジメントレビュー)、"
                                "operation_check(運用の確認)、inventory_review(台帳の見直し)、risk_assessment"
                                "(リスクアセスメント)、contractor_evaluation(委託先の評価)、law_review(法令等の見直し)、"
                                "drill(緊急事態の訓練)、policy_review(方針の見直し)。",
                                "training, internal_audit, management_review, operation_check, inventory_review, "
                                "risk_assessment, contractor_evaluation, law_review, drill or policy_review.",
                            ),
                            "month": prop(
                                {
                                    "type": "string",
                                    "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
                                    "x-pmarklint-hint": "month",
                                },
                                "予定月",
                                "Planned month",
                                "YYYY-MM(例: 2026-06)。",
                                "YYYY-MM (e.g. 2026-06).",
                            ),
                            "owner": person_ref("担当者", "Owner"),
                            "done_on": record_date("実施日", "Done on"),
                            "record": prop(
                                REF["ref"],
                                "実施の記録",
                                "Record",
                                "実施を示す記録のID(教育、監査報告、マネジメントレビューなど)。",
                                "The id of the record that shows it was done (a training, an audit report...).",
                            ),
                            "notes": REF["text"],
                        },
                        ["activity", "month"],
                    )
                ),
                "計画の項目",
                "Planned activities",
            ),
        },
        ["id", "fiscal_year", "items"],
    )


def operation_check_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "department": DEPARTMENT,
            "date": record_date("確認日", "Date"),
            "checker": person_ref("確認者", "Checked by", "通常は部門管理者。", "Usually the department manager."),
            "checklist": prop(
                REF["path"], "チェックリスト", "Checklist", "リポジトリ内のパス。", "A path in the repository."
            ),
            "result": prop(
                {"enum": ["conforming", "issues_found"]},
                "結果",
                "Result",
                "conforming(問題なし)または issues_found(問題あり)。",
                "conforming or issues_found.",
            ),
            "issues": prop(
                list_of(
                    obj(
                        {
                            "text": REF["text"],
                            "corrective": prop(
                                REF["ref"], "是正処置", "Corrective action", "是正処置のID。", "A corrective id."
                            ),
                        },
                        ["text"],
                    )
                ),
                "問題点",
                "Issues",
            ),
            "reported_on": record_date("報告日", "Reported on"),
        },
        ["id", "department", "date", "checker"],
    )


# -- the registers (PML7xx) -----------------------------------------------------------------------------------
INCIDENT_TYPES = [
    "leak",
    "loss",
    "destruction",
    "damage",
    "misdelivery",
    "tampering",
    "unauthorized_acquisition",
    "unauthorized_use",
    "other",
]
INVENTORY_REFS = prop(
    list_of(REF["ref"]),
    "個人情報",
    "Inventory entries",
    "個人情報管理台帳(inventory/)のID。",
    "Ids of the personal-information inventory (inventory/).",
)


def _report_dates(ja: str, en: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {
        "preliminary_on": record_date("速報の日", "Preliminary report on"),
        "final_on": record_date("確報の日", "Final report on"),
        **(extra or {}),
    }
    return prop(
        obj(props),
        ja,
        en,
        "速報と確報を出した日。",
        "The days the preliminary and the final report were made.",
    )


def incident_entry() -> dict[str, Any]:
    flag = BOOL
    return entry_schema(
        {
            "discovered_on": record_date("発覚日", "Discovered on"),
            "occurred_on": record_date("発生日", "Occurred on"),
            "type": prop(
                {"enum": INCIDENT_TYPES},
                "種類",
                "Type",
                "leak(漏えい)、loss(紛失)、destruction(滅失)、damage(き損)、misdelivery(誤送付)、"
                "tampering(改ざん)、unauthorized_acquisition(不正取得)、unauthorized_use(目的外利用)、other。",
                "leak, loss, destruction, damage, misdelivery, tampering, unauthorized_acquisition, "
                "unauthorized_use or other.",
            ),
            "description": prop(
                REF["text"],
                "事故の内容",
                "What happened",
                "個人情報そのもの(氏名、電話番号など)は書かないでください(PML505)。",
                "Write no personal data itself (names, phone numbers...) here (PML505).",
            ),
            "media": prop(REF["text"], "媒体", "Media", "例: 紙、メール、ノートPC。", "e.g. paper, e-mail, laptop."),
            "inventory": INVENTORY_REFS,
            "count": prop(
                {"type": "integer", "minimum": 0},
                "本人の数",
                "Number of people",
                "漏えい等のおそれがある本人の数(1,000人を超えると速報が必要)。",
                "How many people the data concerns (over 1,000: a preliminary report is needed).",
            ),
            "sensitive": prop(flag, "要配慮個人情報を含む", "Sensitive data involved"),
            "my_number": prop(flag, "特定個人情報(マイナンバー)を含む", "My Number data involved"),
            "financial_risk": prop(
                flag,
                "財産的被害のおそれ",
                "Possible financial harm",
                "クレジットカード番号など、財産的被害が生じるおそれがあれば true(速報が必要)。",
                "true when the data could cause financial harm, such as card numbers (a preliminary report is needed).",
            ),
            "malicious": prop(
                flag,
                "不正の目的によるもの",
                "Malicious",
                "不正アクセスなど、不正の目的によるおそれがあれば true(速報が必要、確報は60日以内)。",
                "true when it may be malicious, such as unauthorised access (a preliminary report; the final one "
                "within 60 days).",
            ),
            "encrypted": prop(
                flag,
                "高度な暗号化などの保護",
                "Encrypted (protected)",
                "高度な暗号化などで本人の権利利益が守られていれば true(法令上の報告の要否の判断に使います)。",
                "true when strong encryption or the like protects the people concerned (decides whether the law asks "
                "for a report).",
            ),
            "contractor": prop(REF["ref"], "委託先", "Contractor", "委託先のID。", "A contractor id."),
            "subjects_notified_on": record_date("本人への通知日", "Data subjects notified on"),
            "published_on": record_date("公表日", "Published on"),
            "reports": prop(
                obj(
                    {
                        "pmark": _report_dates("審査機関への報告", "Reports to the assessment body"),
                        "ppc": _report_dates(
                            "個人情報保護委員会への報告",
                            "Reports to the Personal Information Protection Commission",
                            {
                                "required": prop(
                                    flag,
                                    "報告義務あり",
                                    "Required",
                                    "法令上の報告対象事態なら true。",
                                    "true when the incident is reportable under the law.",
                                )
                            },
                        ),
                    }
                ),
                "報告",
                "Reports",
                "審査機関(pmark)と個人情報保護委員会(ppc)への報告。",
                "The reports to the assessment body (pmark) and to the Commission (ppc).",
            ),
            "prevention": prop(
                REF["ref"], "再発防止策", "Prevention", "是正処置(corrective)のID。", "A corrective action id."
            ),
            "closed_on": record_date("終結日", "Closed on"),
        },
        ["id", "discovered_on", "type", "description"],
    )


REQUEST_TYPES = [
    "purpose_notice",
    "disclosure",
    "third_party_record_disclosure",
    "correction",
    "suspension",
    "stop_third_party",
]


def request_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "received_on": record_date("受付日", "Received on"),
            "type": prop(
                {"enum": REQUEST_TYPES},
                "請求の種類",
                "Type",
                "purpose_notice(利用目的の通知)、disclosure(開示)、third_party_record_disclosure(第三者提供記録の開示)、"
                "correction(訂正等)、suspension(利用停止等)、stop_third_party(第三者提供の停止)。",
                "purpose_notice, disclosure, third_party_record_disclosure, correction, suspension (of use) or "
                "stop_third_party (stop of provision to third parties).",
            ),
            "identity_check": prop(
                obj({"method": REF["text"], "on": record_date("確認日", "Checked on")}),
                "本人確認",
                "Identity check",
                "請求者が本人(または代理人)であることを確かめた方法と日。回答より前に必要です。",
                "How and when the requester was confirmed to be the person (or their agent); needed before the "
                "response.",
            ),
            "inventory": INVENTORY_REFS,
            "decision": prop(
                {"enum": ["full", "partial", "refused", "withdrawn"]},
                "決定",
                "Decision",
                "full(全部)、partial(一部)、refused(不開示等)、withdrawn(取下げ)。"
                "一部・不開示は reason に理由を書きます。",
                "full, partial, refused or withdrawn. A partial or refused decision gives its reason in reason.",
            ),
            "responded_on": record_date("回答日", "Responded on"),
            "method": prop(
                REF["text"], "回答の方法", "Response method", "例: 書面(郵送)、電子メール。", "e.g. letter, e-mail."
            ),
        },
        ["id", "received_on", "type"],
    )


def drill_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "date": prop(REF["date"], "実施日", "Date", "訓練を行った日。", "The day the drill was held."),
            "scenario": prop(
                REF["text"],
                "想定した事態",
                "Scenario",
                "訓練で想定した緊急事態(例: ノートPCの紛失、誤送信、システムへの不正アクセス)。",
                "The emergency rehearsed (e.g. a lost laptop, a misdirected e-mail, unauthorised access).",
            ),
            "participants": prop(
                list_of(REF["ref"]),
                "参加者",
                "Participants",
                "従業者名簿(people/)の人のID。",
                "Ids of the people who took part (people/).",
            ),
            "lessons": prop(
                REF["text"],
                "教訓",
                "Lessons",
                "訓練でわかった問題点と改善点(連絡網の見直しなど)。",
                "What the drill showed and what is to change (such as the contact list).",
            ),
            "corrective": prop(
                REF["ref"],
                "是正処置",
                "Corrective action",
                "訓練の教訓から始めた是正処置(corrective)のID。",
                "The id of the corrective action started from the drill's lessons.",
            ),
        },
        ["id", "date", "scenario"],
    )


COMPLAINT_CATEGORIES = ["complaint", "consultation", "request", "suspected_incident"]


def complaint_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "received_on": prop(
                REF["date"], "受付日", "Received on", "苦情・相談を受け付けた日。", "The day it was received."
            ),
            "channel": prop(
                REF["text"],
                "受付の経路",
                "Channel",
                "例: 電話、メール、問合せフォーム、窓口。",
                "e.g. telephone, e-mail, web form, in person.",
            ),
            "category": prop(
                {"enum": COMPLAINT_CATEGORIES},
                "区分",
                "Category",
                "complaint(苦情)、consultation(相談)、"
                "request(開示等の請求にあたるもの: request に請求の記録を書きます)、"
                "suspected_incident(事故の疑い: incident に事故の記録を書きます)。",
                "complaint, consultation, request (a request from the person: name the request record in request) or "
                "suspected_incident (name the incident record in incident).",
            ),
            "summary": prop(
                REF["text"],
                "概要",
                "Summary",
                "内容の要約。氏名や連絡先など個人情報そのものは書きません。",
                "What it was about, without personal data such as names or contact details.",
            ),
            "inventory": INVENTORY_REFS,
            "handler": prop(
                REF["ref"],
                "対応者",
                "Handler",
                "対応した人のID(people/)。",
                "The id of the person who handled it (people/).",
            ),
            "responded_on": prop(
                REF["date"], "回答日", "Responded on", "申出者に回答した日。", "The day it was answered."
            ),
            "closed_on": prop(REF["date"], "完了日", "Closed on", "対応を終えた日。", "The day handling it ended."),
            "incident": prop(
                REF["ref"],
                "事故の記録",
                "Incident",
                "事故の疑いがあるとき、事故(incident)のID。",
                "For a suspected incident, the incident's id.",
            ),
            "request": prop(
                REF["ref"],
                "開示等の請求の記録",
                "Request",
                "開示等の請求にあたるとき、請求(request)のID。",
                "For a request from the person, the request's id.",
            ),
        },
        ["id", "received_on", "category", "summary"],
    )


def disposal_entry() -> dict[str, Any]:
    return entry_schema(
        {
            "date": prop(REF["date"], "廃棄日", "Date", "廃棄した日。", "The day of the disposal."),
            "inventory": INVENTORY_REFS,
            "media": prop(
                REF["text"],
                "媒体",
                "Media",
                "例: 紙(応募書類)、ハードディスク、USBメモリ。",
                "e.g. paper (application forms), hard disk, USB stick.",
            ),
            "method": prop(
                REF["text"],
                "廃棄の方法",
                "Method",
                "例: 溶解処理、シュレッダー、データ消去ソフトによる消去、物理破壊。",
                "e.g. pulping, shredding, erasure software, physical destruction.",
            ),
            "by": prop(
                REF["ref"], "実施者", "Done by", "廃棄した人のID(people/)。", "The id of the person who did it."
            ),
            "witness": prop(
                REF["ref"], "立会者", "Witness", "立ち会った人のID(people/)。", "The id of the person who witnessed it."
            ),
            "contractor": prop(
                REF["ref"],
                "委託先",
                "Contractor",
                "廃棄を委託したときの委託先のID。委託したときは廃棄証明書が必要です。",
                "The contractor's id when the disposal was outsourced; a certificate is then needed.",
            ),
            "certificate": prop(
                REF["path"],
                "廃棄証明書",
                "Certificate",
                "委託先の廃棄証明書のファイル(リポジトリ内で git が管理するもの)。",
                "The contractor's certificate of disposal: a file git tracks in the repository.",
            ),
        },
        ["id", "date", "method"],
    )


RISK_PHASES = ["acquisition", "transfer", "use", "storage", "disposal"]
RISK_THREATS = ["leak", "loss", "damage", "misuse", "legal_violation", "rights_infringement"]
RISK_LEVEL = {"enum": ["low", "medium", "high"]}


def risk_entry() -> dict[str, Any]:
    """The risk register (リスク分析・対策, J.3.1.3 and J.3.1.4): one entry per inventory entry and phase of its
    lifecycle, assessed or marked not applicable with a reason (docs/risks.md)."""
    return entry_schema(
        {
            "inventory": prop(
                REF["ref"],
                "個人情報",
                "Inventory entry",
                "リスクを分析した個人情報管理台帳(inventory/)のID。",
                "The id of the personal-information inventory entry (inventory/) whose risks are assessed.",
            ),
            "phase": prop(
                {"enum": RISK_PHASES},
                "局面",
                "Phase",
                "acquisition(取得・入力)、transfer(移送・送信)、use(利用・加工)、storage(保管・バックアップ)、"
                "disposal(消去・廃棄)。",
                "acquisition, transfer, use, storage (and backup) or disposal (erasure and disposal).",
            ),
            "not_applicable": prop(
                obj({"reason": prop(REF["text"], "理由", "Reason")}, ["reason"]),
                "該当なし",
                "Not applicable",
                "この局面がこの個人情報にない場合、その理由(例: 移送しない)。threats 以下は書きません。",
                "When the data never goes through this phase, why (e.g. it is never transferred); then no threats.",
            ),
            "threats": prop(
                {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": RISK_THREATS}},
                "脅威",
                "Threats",
                "leak(漏えい)、loss(滅失・紛失)、damage(き損)、misuse(目的外利用)、legal_violation(法令違反)、"
                "rights_infringement(本人の権利利益の侵害)。",
                "leak, loss, damage, misuse (use beyond the purpose), legal_violation (breaking the law) or "
                "rights_infringement (harm to the person's rights and interests).",
            ),
            "description": prop(REF["text"], "リスクの内容", "Risk", "何が起こりうるか。", "What could happen."),
            "likelihood": prop(RISK_LEVEL, "発生の可能性", "Likelihood", "low、medium、high。", "low, medium or high."),
            "impact": prop(RISK_LEVEL, "影響の大きさ", "Impact", "low、medium、high。", "low, medium or high."),
            "measures": prop(
                list_of(
                    obj(
                        {
                            "text": prop(REF["text"], "対策", "Measure"),
                            "control": prop(
                                REF["ref"],
                                "管理策",
                                "Control",
                                "対策が実施する管理策の ID(例: J.7.2)。",
                                "The id of the control the measure carries out (e.g. J.7.2).",
                            ),
                        },
                        ["text"],
                    )
                ),
                "対策",
                "Measures",
                "リスクへの対策と、それが実施する管理策。",
                "The measures against the risk, and the control each carries out.",
            ),
            "residual": prop(
                RISK_LEVEL,
                "残留リスク",
                "Residual risk",
                "対策後に残るリスク(low、medium、high)。トップマネジメントが承認します。法令違反のリスクは残留リスクに"
                "できません。",
                "The risk left after the measures (low, medium or high), accepted by top management. A risk of "
                "breaking the law cannot be left as residual risk.",
            ),
            "accepted_by": prop(
                REF["ref"],
                "残留リスクの承認者",
                "Residual risk accepted by",
                "残留リスクを承認したトップマネジメント(people/ のID)。",
                "The person holding top_management who accepted the residual risk (an id of people/).",
            ),
            "accepted_on": record_date("残留リスクの承認日", "Residual risk accepted on"),
            "assessed_digest": prop(
                {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                "分析時の台帳のダイジェスト",
                "Inventory digest when assessed",
                "分析したときの台帳エントリのダイジェスト(承認と同じ sha256:…)。台帳が変わると再分析を求めます。",
                "The inventory entry's digest when it was assessed (sha256:…, as approvals use); when the entry "
                "changes, the risk is assessed again.",
            ),
            "reviewed_on": record_date("見直し日", "Reviewed on"),
        },
        ["id", "inventory", "phase"],
        {"allOf": [{"if": {"not": {"required": ["not_applicable"]}}, "then": {"required": ["threats"]}}]},
    )


ENTRY_BUILDERS = {
    "person": (person_entry, "体制(人と役割)", "Roster (people and roles)"),
    "control": (control_entry, "管理策", "Controls"),
    "contractor": (contractor_entry, "委託先管理台帳", "Contractor ledger"),
    "inventory": (inventory_entry, "個人情報管理台帳", "Personal-information inventory"),
    "training": (training_entry, "教育の記録", "Training records"),
    "corrective": (corrective_entry, "是正処置の記録", "Corrective actions"),
    "audit_plan": (audit_plan_entry, "内部監査計画", "Internal audit plans"),
    "audit_report": (audit_report_entry, "内部監査報告", "Internal audit reports"),
    "review": (review_entry, "マネジメントレビュー", "Management reviews"),
    "plan": (plan_entry, "年間計画", "Annual plans"),
    "operation_check": (operation_check_entry, "運用の確認", "Operation checks"),
    "incident": (incident_entry, "事故・緊急事態の記録", "Incidents"),
    "request": (request_entry, "開示等の請求の記録", "Requests from data subjects"),
    "drill": (drill_entry, "緊急事態への準備の訓練の記録", "Emergency drills"),
    "complaint": (complaint_entry, "苦情・相談の記録", "Complaints and consultations"),
    "disposal": (disposal_entry, "廃棄記録", "Disposal records"),
    "risk": (risk_entry, "リスク分析・対策", "Risk register"),
}


def kind_schema(kind: str) -> dict[str, Any]:
    builder, ja, en = ENTRY_BUILDERS[kind]
    defs = common_defs()
    defs["entry"] = builder()
    props: dict[str, Any] = {
        "kind": prop({"const": kind}, "種類", "Kind"),
        "entries": prop({"type": "array", "items": {"$ref": "#/$defs/entry"}}, "エントリ", "Entries"),
    }
    if kind == "control":
        props["framework"] = prop(REF["text"], "フレームワーク", "Framework", "例: pmark-2023", "e.g. pmark-2023")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}/{kind}.schema.json",
        **doc(ja, en),
        "type": "object",
        "required": ["kind", "entries"],
        "additionalProperties": False,
        "properties": props,
        "$defs": defs,
    }


INCIDENT_SETTINGS = [
    (
        "pmark_preliminary_within",
        "審査機関への速報の期限",
        "Preliminary report to the assessment body within",
        "要配慮個人情報、財産的被害のおそれ、不正の目的、1,000人超、マイナンバー100人超のとき。既定 P5D。",
        "When sensitive data, financial harm, malice, more than 1,000 people or My Number data of more than 100 "
        "people is involved. Default P5D.",
    ),
    (
        "pmark_final_within",
        "審査機関への確報の期限",
        "Final report to the assessment body within",
        "すべての事故。既定 P30D。",
        "Every incident. Default P30D.",
    ),
    (
        "pmark_final_within_malicious",
        "不正の目的による事故の確報の期限",
        "Final report within, when malicious",
        "既定 P60D。",
        "Default P60D.",
    ),
    (
        "ppc_preliminary_within",
        "個人情報保護委員会への速報の期限",
        "Preliminary report to the Commission within",
        "法令は「速やかに」(おおむね3〜5日)。既定 P5D。",
        "The law says promptly (about 3 to 5 days). Default P5D.",
    ),
    (
        "ppc_final_within",
        "個人情報保護委員会への確報の期限",
        "Final report to the Commission within",
        "既定 P30D。",
        "Default P30D.",
    ),
    (
        "ppc_final_within_malicious",
        "不正の目的による事故の委員会への確報の期限",
        "Final report to the Commission within, when malicious",
        "既定 P60D。",
        "Default P60D.",
    ),
]


def config_schema() -> dict[str, Any]:
    severity = {"enum": ["error", "warning", "off"]}
    rule_setting = {
        "anyOf": [
            {"const": "off"},
            {"type": "boolean", "const": False},
            {
                **obj(
                    {
                        "severity": severity,
                        "allow": prop(
                            REF["texts"],
                            "許容する値",
                            "Allowed values",
                            "誤検知として許容する値またはパターン(PML505。例: *@example.co.jp)。",
                            "Known false positives to accept, exact or as a pattern (PML505; e.g. *@example.co.jp).",
                        ),
                    }
                ),
                "minProperties": 1,
            },
        ]
    }
    defs = common_defs()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}/pmarklint.schema.json",
        **doc("pmarklint の設定", "pmarklint settings"),
        "type": "object",
        "additionalProperties": False,
        "required": ["organization", "framework"],
        "properties": {
            "organization": prop(
                obj(
                    {
                        "name": prop(REF["text"], "事業者名", "Organisation name"),
                        "certification": prop(
                            obj(
                                {
                                    "number": prop(
                                        {
                                            "type": "string",
                                            "pattern": "^[0-9]{8}(\\([0-9]{2}\\))?$",
                                            "x-pmarklint-hint": "pmark_number",
                                        },
                                        "登録番号",
                                        "Registration number",
                                        "例: 10820123(03)",
                                        "e.g. 10820123(03)",
                                    ),
                                    "expires": prop(REF["date"], "有効期限", "Expires"),
                                }
                            ),
                            "プライバシーマーク",
                            "Privacy Mark",
                        ),
                    },
                    ["name"],
                ),
                "事業者",
                "Organisation",
            ),
            "framework": prop(
                {"enum": ["pmark-2023"]},
                "準拠する指針",
                "Framework",
                "pmark-2023: 構築・運用指針(JIS Q 15001:2023準拠)",
                "pmark-2023: the P-mark guideline for JIS Q 15001:2023",
            ),
            "language": prop({"enum": ["ja", "en"]}, "表示言語", "Language"),
            "timezone": prop(
                {
                    "type": "string",
                    "pattern": "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
                    "examples": ["Asia/Tokyo", "UTC"],
                },
                "タイムゾーン",
                "Time zone",
                "今日の日付、未来の日付、期限をこのタイムゾーンで判定します(IANA 名。既定: language が ja なら "
                "Asia/Tokyo、それ以外は UTC)。",
                "Today, future dates and due dates are judged in this time zone (an IANA name; default: Asia/Tokyo "
                "when language is ja, else UTC).",
            ),
            "fiscal_year_start": prop(
                {
                    "type": "string",
                    "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
                    "x-pmarklint-hint": "month_day",
                },
                "年度の開始日",
                "Fiscal year start",
                'MM-DD 形式(例: "04-01")。省略時は language: ja なら 04-01(4月1日)、それ以外は 01-01。'
                "年度は開始した年で呼びます(04-01 なら 2026年度 = 2026-04-01〜2027-03-31)。日は28日まで。",
                'MM-DD (e.g. "04-01"). Default: 04-01 (April 1) with language: ja, 01-01 otherwise. A fiscal '
                "year is named by the year it starts in (with 04-01, fiscal year 2026 runs 2026-04-01 to "
                "2027-03-31). Days up to 28 only.",
            ),
            "paths": prop(
                obj({kind: REF["path"] for kind in KINDS}),
                "フォルダ",
                "Folders",
                "各種類のファイルを置くフォルダ(既定: people, controls, contractors, inventory。"
                "記録の種類は docs/records.md)。",
                "Folders for each kind (defaults: people, controls, contractors, inventory; "
                "for the records see docs/records.md).",
            ),
            "departments": prop(
                list_of(obj({"id": REF["id"], "name": REF["text"]}, ["id", "name"])),
                "部門",
                "Departments",
            ),
            "approvals": prop(
                obj({kind: {"type": "array", "items": {"enum": ROLES}} for kind in [*KINDS, "policy"]}),
                "承認できる役割",
                "Roles that may approve",
                "種類ごとに、その種類のエントリを承認できる役割。policy は、この pmarklint.yaml の承認に関する設定"
                "(docs/approvals.md)を承認できる役割です(既定: top_management)。",
                "For each kind, the roles that may approve its entries; policy: the roles that may approve the "
                "approval settings of this pmarklint.yaml (docs/approvals.md; default: top_management).",
            ),
            "policy_approvals": prop(
                {"type": "array", "items": {"$ref": "#/$defs/approval"}},
                "承認に関する設定の承認",
                "Approvals of the approval settings",
                "approvals、require_approvals、require_signed_approvals、waivers、paths と rules の PML4xx・PML9xx "
                "の承認です。pmarklint sign pmarklint.yaml --as 承認者ID が書き込みます。",
                "Approvals of approvals, require_approvals, require_signed_approvals, waivers, paths and the "
                "PML4xx and PML9xx settings of rules; written by pmarklint sign pmarklint.yaml --as PERSON.",
            ),
            "require_approvals": prop(
                {
                    "anyOf": [
                        APPROVAL_LEVEL,
                        obj({kind: APPROVAL_LEVEL for kind in KINDS}),
                    ]
                },
                "承認を求める",
                "Require approvals",
                "承認のないエントリを報告するか: off(既定: 報告しない)、warning(警告: 導入中のやることリスト)、"
                "error(エラー: 必須)。全種類に一つ、または種類ごとに {control: error, inventory: warning} のように"
                "指定します。true は error、false は off と同じです。",
                "Whether an entry without an approval is a finding: off (the default: not reported), warning (a "
                "to-do list while approvals are adopted) or error (enforced). One level for every kind, or one per "
                "kind such as {control: error, inventory: warning}; true means error, false off.",
            ),
            "require_signed_approvals": prop(BOOL, "署名付き承認を必須にする", "Require signed approvals"),
            "review": prop(
                obj(
                    {
                        "every": prop(
                            obj({kind: REF["duration"] for kind in KINDS}),
                            "見直し間隔",
                            "Review intervals",
                        ),
                        "warn_within": prop(
                            REF["duration"], "事前警告の期間", "Warning window", "既定 P30D", "Default P30D"
                        ),
                    }
                ),
                "見直し",
                "Reviews",
            ),
            "training": prop(
                obj(
                    {
                        "every": prop(
                            REF["duration"],
                            "定期教育の間隔",
                            "Regular training interval",
                            "省略時は年度ごとに1回(fiscal_year_start)。指定すると、最後の修了からこの期間ごと。",
                            "Default: once in each fiscal year (fiscal_year_start). When set: this long after the last "
                            "pass.",
                        ),
                        "onboarding_within": prop(
                            REF["duration"],
                            "入社時教育の期限",
                            "Onboarding within",
                            "入社日(joined)からこの期間内に教育を受けます。既定 P1M。",
                            "A new person is trained this long after joined at the latest. Default P1M.",
                        ),
                    }
                ),
                "教育",
                "Training",
            ),
            "corrective": prop(
                obj(
                    {
                        "effectiveness_within": prop(
                            REF["duration"],
                            "有効性確認の期限",
                            "Effectiveness check within",
                            "是正処置の完了(done_on)からこの期間内に有効性を確認します。既定 P3M。",
                            "The effectiveness of an action is checked this long after done_on at the latest. "
                            "Default P3M.",
                        ),
                    }
                ),
                "是正処置",
                "Corrective actions",
            ),
            "requests": prop(
                obj(
                    {
                        "respond_within": prop(
                            REF["duration"],
                            "回答の期限",
                            "Respond within",
                            "受付日から回答までの社内基準(法令は「遅滞なく」)。既定 P14D。",
                            "The company's standard from receipt to response (the law says without delay). "
                            "Default P14D.",
                        ),
                    }
                ),
                "開示等の請求",
                "Requests",
                "開示等の請求への回答の社内基準。",
                "The company's standard for answering requests.",
            ),
            "complaints": prop(
                obj(
                    {
                        "respond_within": prop(
                            REF["duration"],
                            "回答の期限",
                            "Respond within",
                            "受付日から回答までの社内基準。既定 P14D。",
                            "The company's standard from receipt to response. Default P14D.",
                        ),
                        "close_within": prop(
                            REF["duration"],
                            "完了の期限",
                            "Close within",
                            "受付日から対応の完了までの社内基準。既定 P30D。",
                            "The company's standard from receipt to closing. Default P30D.",
                        ),
                    }
                ),
                "苦情・相談",
                "Complaints",
                "苦情・相談への対応の社内基準。",
                "The company's standards for handling complaints.",
            ),
            "drills": prop(
                obj(
                    {
                        "yearly": prop(
                            BOOL,
                            "毎年度の訓練",
                            "Every fiscal year",
                            "緊急事態への準備の訓練を毎年度確かめるか(既定 true)。"
                            "手順で別の間隔を定めているときは false。",
                            "Whether a drill is checked for every fiscal year (default true); false when the procedure "
                            "sets another interval.",
                        ),
                    }
                ),
                "緊急事態への準備の訓練",
                "Emergency drills",
                "訓練の検査の設定。",
                "The settings of the drills' check.",
            ),
            "incident": prop(
                obj(
                    {
                        name: prop(REF["duration"], ja, en, ja_text, en_text)
                        for name, ja, en, ja_text, en_text in INCIDENT_SETTINGS
                    }
                ),
                "事故の報告期限",
                "Incident report deadlines",
                "発覚日(discovered_on)からの期間。既定値の出典は docs/incidents.md。",
                "Counted from discovered_on. docs/incidents.md gives the source of each default.",
            ),
            "operation_check": prop(
                obj(
                    {
                        "every": prop(
                            REF["duration"],
                            "運用の確認の間隔",
                            "Operation check interval",
                            "全部門の既定(既定 P1Y。四半期ごとなら P3M)。",
                            "For every department (default P1Y; P3M for quarterly).",
                        ),
                        "departments": prop(
                            {"type": "object", "additionalProperties": REF["duration"]},
                            "部門ごとの間隔",
                            "Interval per department",
                            "例: {cs: P3M}",
                            "e.g. {cs: P3M}",
                        ),
                    }
                ),
                "運用の確認",
                "Operation checks",
            ),
            "audit": prop(
                obj(
                    {
                        "report_within": prop(
                            REF["duration"],
                            "トップマネジメントへの報告の期限",
                            "Report within",
                            "監査日からこの期間内にトップマネジメントへ報告します。既定 P1M。",
                            "An audit is reported to top management this long after its date at the latest. "
                            "Default P1M.",
                        ),
                    }
                ),
                "内部監査",
                "Internal audit",
            ),
            "limits": prop(
                obj(
                    {
                        "max_file_size": prop(
                            {"type": "integer", "minimum": 1},
                            "最大ファイルサイズ(バイト)",
                            "Largest file size (bytes)",
                            "既定 20971520 (20 MiB)。作業ツリーのファイルにも、履歴から読む各版にも適用します",
                            "Default 20971520 (20 MiB); applies to the files and to every revision read from history",
                        ),
                        "max_string_length": prop(
                            {"type": "integer", "minimum": 1},
                            "1つの値の最大文字数",
                            "Longest text value (characters)",
                            "既定 32767 (Excelの1セルに入る文字数)。超えると PML007",
                            "Default 32767 (what one Excel cell holds); a longer value is PML007",
                        ),
                        # import (docs/integrations/excel.md, "Limits")
                        "max_import_file_size": prop(
                            {"type": "integer", "minimum": 1},
                            "取り込む表の最大ファイルサイズ(バイト)",
                            "Largest table file to import (bytes)",
                        ),
                        "max_import_unpacked_size": prop(
                            {"type": "integer", "minimum": 1},
                            "取り込むxlsxの展開後の最大サイズ(バイト)",
                            "Largest unpacked size of an xlsx to import (bytes)",
                        ),
                        "max_import_rows": prop(
                            {"type": "integer", "minimum": 1},
                            "取り込む表の最大行数",
                            "Most rows of a table to import",
                        ),
                        "max_import_cells": prop(
                            {"type": "integer", "minimum": 1},
                            "取り込む表の最大セル数",
                            "Most cells of a table to import",
                        ),
                    }
                ),
                "上限",
                "Limits",
                "すべての上限とその既定値は docs/limits.md にあります",
                "Every limit and its default is listed in docs/limits.md",
            ),
            "rules": prop(
                {
                    "type": "object",
                    "propertyNames": {"pattern": "^PML[0-9]{3}$", "x-pmarklint-hint": "rule_code"},
                    "additionalProperties": rule_setting,
                },
                "ルールの設定",
                "Rule settings",
                "例: {PML302: {severity: error}, PML505: off}",
                "e.g. {PML302: {severity: error}, PML505: off}",
            ),
            "waivers": prop(
                list_of(
                    obj(
                        {
                            "rule": {"type": "string", "pattern": "^PML[0-9]{3}$", "x-pmarklint-hint": "rule_code"},
                            "entry": REF["ref"],
                            "reason": REF["text"],
                            "approved_by": REF["ref"],
                            "expires": REF["date"],
                        },
                        ["rule", "entry", "reason", "approved_by", "expires"],
                    )
                ),
                "例外承認",
                "Waivers",
            ),
        },
        "$defs": defs,
    }


def output_schema() -> dict[str, Any]:
    finding = obj(
        {
            "rule": {"type": "string", "pattern": "^PML[0-9]{3}$"},
            "name": {"type": "string"},
            "severity": {"enum": ["error", "warning"]},
            "file": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "entry": {"type": ["string", "null"]},
            "path": {"type": ["string", "null"]},
            "message": {"type": "string"},
            "follows_from": obj(
                {
                    "file": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 1},
                    "rule": {"type": "string", "pattern": "^PML[0-9]{3}$"},
                },
                ["file", "line", "column", "rule"],
            ),
            "awaiting_approval": obj(
                {"roles": {"type": "array", "items": {"type": "string"}, "minItems": 1}}, ["roles"]
            ),
        },
        ["rule", "name", "severity", "file", "line", "column", "entry", "path", "message"],
    )
    waived = dict(finding)
    waived["properties"] = {**finding["properties"], "waiver": {"type": "object"}}
    waived["required"] = [*finding["required"], "waiver"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}/check-output.schema.json",
        **doc("pmarklint check の JSON 出力", "JSON output of pmarklint check"),
        **obj(
            {
                "tool": {"const": "pmarklint"},
                "format_version": {"const": 1},
                "version": {"type": "string"},
                "today": {"type": "string", "format": "date"},
                "stage": {"enum": ["commit", "merge"]},
                "root": {"type": "string"},
                "findings": list_of(finding),
                "waived": list_of(waived),
                "changed_since": {
                    "anyOf": [
                        {"type": "null"},
                        obj(
                            {
                                "ref": {"type": "string"},
                                "commit": {"type": "string", "pattern": "^[0-9a-f]{40,64}$"},
                                "files": {"type": "array", "items": {"type": "string"}},
                                "entries": {"type": "array", "items": {"type": "string"}},
                            },
                            ["ref", "commit", "files", "entries"],
                        ),
                    ]
                },
                "as_of": {
                    "anyOf": [
                        {"type": "null"},
                        obj(
                            {
                                "requested": {"type": "string"},
                                "commit": {"type": "string", "pattern": "^[0-9a-f]{40,64}$"},
                                "committed": {"type": "string"},
                                "subject": {"type": "string"},
                            },
                            ["requested", "commit", "committed", "subject"],
                        ),
                    ]
                },
                "summary": obj(
                    {
                        "files": {"type": "integer", "minimum": 0},
                        "entries": {"type": "integer", "minimum": 0},
                        "errors": {"type": "integer", "minimum": 0},
                        "warnings": {"type": "integer", "minimum": 0},
                        "waived": {"type": "integer", "minimum": 0},
                    },
                    ["files", "entries", "errors", "warnings", "waived"],
                ),
            },
            ["tool", "format_version", "version", "today", "findings", "waived", "summary"],
        ),
    }


def trail_schema() -> dict[str, Any]:
    """``pmarklint trail --format json`` (docs/output-trail.md)."""
    sha = {"type": "string", "pattern": "^[0-9a-f]{40,64}$"}
    day = {"type": "string", "format": "date"}
    text = {"type": "string"}
    maybe_text = {"type": ["string", "null"]}
    count = {"type": "integer", "minimum": 0}
    kind = {"enum": KINDS}

    def counts(*names: str) -> dict[str, Any]:
        return obj({name: count for name in names}, list(names))

    commit = obj(
        {
            "sha": sha,
            "author": obj({"name": text, "email": text}, ["name", "email"]),
            "date": {"type": "string", "format": "date-time"},
            "committed": {"type": "string", "format": "date-time"},
            "subject": text,
            "merge": BOOL,
            "signature": obj(
                {
                    "status": {"enum": ["good", "bad", "unsigned", "unknown"]},
                    "git": {"type": "string", "pattern": "^[GBUXYRNE]$"},
                    "signer": maybe_text,
                },
                ["status", "git", "signer"],
            ),
        },
        ["sha", "author", "date", "committed", "subject", "merge", "signature"],
    )
    change = obj(
        {
            "entry": text,
            "kind": kind,
            "commit": sha,
            "action": {"enum": ["added", "modified", "moved", "retired", "removed"]},
            "path": text,
            "moved_from": maybe_text,
            "merge": BOOL,
            "content_changed": BOOL,
            "digest": {"type": ["string", "null"], "pattern": "^sha256:[0-9a-f]{64}$"},
            "approval": {"enum": ["approved", "superseded", "unapproved", "not_required", None]},
            "approved_in": list_of(sha),
            "fields": list_of(obj({"field": text, "old": {}, "new": {}}, ["field", "old", "new"])),
        },
        [
            "entry",
            "kind",
            "commit",
            "action",
            "path",
            "moved_from",
            "merge",
            "content_changed",
            "digest",
            "approval",
            "approved_in",
            "fields",
        ],
    )
    approval = obj(
        {
            "entry": text,
            "kind": kind,
            "path": text,
            "commit": sha,
            "by": text,
            "role": text,
            "date": text,
            "digest": text,
            "matches_content": BOOL,
            "backed": BOOL,
            "reason": maybe_text,
            "message": maybe_text,
        },
        [
            "entry",
            "kind",
            "path",
            "commit",
            "by",
            "role",
            "date",
            "digest",
            "matches_content",
            "backed",
            "reason",
            "message",
        ],
    )
    move = {"entry": text, "kind": kind, "path": text, "commit": sha, "from": {"type": ["string", "null"]}, "to": text}
    state = obj(
        {"entry": text, "kind": kind, "path": text, "last_reviewed": maybe_text, "every": text, "due": maybe_text},
        ["entry", "kind", "path", "last_reviewed", "every", "due"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}/trail.schema.json",
        **doc("pmarklint trail の JSON 出力(監査証跡)", "JSON output of pmarklint trail (the audit trail)"),
        **obj(
            {
                "tool": {"const": "pmarklint"},
                "report": {"const": "trail"},
                "format_version": {"const": 1},
                "version": text,
                "organization": text,
                "period": obj(
                    {
                        "since": day,
                        "until": day,
                        "since_rev": maybe_text,
                        "until_rev": maybe_text,
                        "since_commit": {"anyOf": [{"type": "null"}, sha]},
                        "until_commit": {"anyOf": [{"type": "null"}, sha]},
                        "end_commit": {"anyOf": [{"type": "null"}, sha]},
                    },
                    ["since", "until", "since_rev", "until_rev", "since_commit", "until_commit", "end_commit"],
                ),
                "filters": obj(
                    {"kinds": list_of(kind), "ids": list_of(text), "paths": list_of(text)}, ["kinds", "ids", "paths"]
                ),
                "summary": obj(
                    {
                        "commits": count,
                        "entries": counts("changed", "added", "retired", "removed", "moved"),
                        "changes": counts("total", "approved", "unapproved", "superseded", "not_required"),
                        "approvals": counts("added", "backed", "not_backed"),
                        "reviews": counts("done", "overdue", "never_reviewed"),
                        "contractors_evaluated": count,
                        "approvers": list_of(
                            obj(
                                {"person": text, "approvals": count, "backed": count}, ["person", "approvals", "backed"]
                            )
                        ),
                    },
                    ["commits", "entries", "changes", "approvals", "reviews", "contractors_evaluated", "approvers"],
                ),
                "commits": list_of(commit),
                "changes": list_of(change),
                "approvals": list_of(approval),
                "reviews": list_of(obj(move, list(move))),
                "evaluations": list_of(obj({**move, "result": maybe_text}, [*move, "result"])),
                "overdue": list_of(state),
                "never_reviewed": list_of(state),
                "skipped": list_of(
                    obj(
                        {
                            "path": text,
                            "commit": {"anyOf": [{"type": "null"}, sha]},
                            "size": count,
                            "limit": count,
                            "blob": sha,
                        },
                        ["path", "commit", "size", "limit", "blob"],
                    )
                ),
            },
            [
                "tool",
                "report",
                "format_version",
                "version",
                "organization",
                "period",
                "filters",
                "summary",
                "commits",
                "changes",
                "approvals",
                "reviews",
                "evaluations",
                "overdue",
                "never_reviewed",
                "skipped",
            ],
        ),
    }


# What an editor (yaml-language-server, VS Code) says when a value does not match a pattern, instead of the
# raw regular expression: Japanese first, then English, by the pattern's hint.
PATTERN_MESSAGES = {
    "id": (
        "IDは英数字で始め、英数字・ピリオド・ハイフン・アンダースコアだけで書きます(例: PI-CS-001, nakamura)。",
        "An id starts with a letter or digit and holds only letters, digits, '.', '-' and '_' (e.g. PI-CS-001).",
    ),
    "duration": (
        "期間は P1Y(1年)、P6M(6か月)、P30D(30日)のように書きます。「1年」ではなく P1Y と書いてください。",
        "Write a duration as P1Y (1 year), P6M (6 months) or P30D (30 days).",
    ),
    "digest": (
        "内容ダイジェストは pmarklint sign が書き込みます。手で書き換えないでください。",
        "The content digest is written by pmarklint sign; do not edit it by hand.",
    ),
    "country": (
        "国は JP、US のように大文字2文字で書きます。",
        "Write a country as two capital letters, such as JP or US.",
    ),
    "email": ("メールアドレスの形(name@example.jp)で書きます。", "Write an email address (name@example.com)."),
    "month": ('年月は "2026-09" のように書きます。', 'Write a month as "2026-09".'),
    "month_day": (
        '月日は "04-01" のように書きます(日は28日まで)。',
        'Write a month and day as "04-01" (up to the 28th).',
    ),
    "pmark_number": (
        'プライバシーマークの登録番号は "10820123(03)" のように書きます。',
        'Write the P-mark number as "10820123(03)".',
    ),
    "rule_code": ("ルールコードは PML101 のように書きます。", "Write a rule code as PML101."),
    "ssh_key": (
        "SSH 公開鍵を1行で書きます(ssh-ed25519 AAAA... の形)。",
        "Write an SSH public key on one line (ssh-ed25519 AAAA...).",
    ),
}


def with_pattern_messages(node: Any) -> Any:
    """Every pattern with a hint gets ``patternErrorMessage`` (the keyword yaml-language-server and VS Code
    read), so that an editor explains a bad value in words rather than showing the regular expression."""
    if isinstance(node, dict):
        out = {key: with_pattern_messages(value) for key, value in node.items()}
        hint = node.get("x-pmarklint-hint")
        if "pattern" in node and hint in PATTERN_MESSAGES:
            ja, en = PATTERN_MESSAGES[hint]
            out["patternErrorMessage"] = f"{ja} / {en}"
        return out
    if isinstance(node, list):
        return [with_pattern_messages(item) for item in node]
    return node


# Help for the fields that have only a title (or nothing): by (parent field, field); "*" as the parent
# matches any. Japanese first, then English, as every other description.
FIELD_HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("", "kind"): ("このファイルの種類。ファイルごとに一つ。", "What this file holds; one kind per file."),
    ("", "entries"): (
        "エントリのリスト。各エントリの id はリポジトリ全体で一意。",
        "The list of entries; each id is unique.",
    ),
    ("*", "approvals"): (
        "このエントリの承認。pmarklint sign が書き込みます(by、role、date、digest)。",
        "The entry's approvals, written by pmarklint sign (by, role, date, digest).",
    ),
    ("", "findings"): (
        "監査で見つかった指摘事項(不適合・観察事項)。",
        "What the audit found (nonconformities, observations).",
    ),
    ("", "certifications"): ("委託先が持つ認証と有効期限。", "The contractor's certifications and their expiry."),
    ("certifications", "type"): (
        "pmark(プライバシーマーク)、isms(ISMS)、other(その他)。",
        "pmark (Privacy Mark), isms (ISMS) or other.",
    ),
    ("", "evaluation"): ("選定基準による直近の委託先評価。", "The latest evaluation against the selection criteria."),
    ("evaluation", "result"): (
        "pass(合格)、conditional(条件付き合格)、fail(不合格)。",
        "pass, conditional or fail.",
    ),
    ("", "contract"): ("委託契約と、契約に盛り込んだ事項。", "The contract and what it covers."),
    ("contract", "clauses"): (
        "指針が委託契約に求める8項目。盛り込んだ項目を true にします(8項目すべてが必要)。",
        "The eight clauses the guideline asks of a contract; set each one the contract has to true.",
    ),
    ("clauses", "*"): (
        "契約にこの事項が盛り込まれていれば true。",
        "true when the contract covers this clause.",
    ),
    ("", "documents"): (
        "この管理策の根拠になる規程・手順書と、そのパス。",
        "The rules and procedures behind it, with their paths.",
    ),
    ("", "records"): (
        "審査で示す記録と、それを承認する役割。",
        "The records shown at an audit, and the role that approves each.",
    ),
    ("records", "evidence"): (
        "記録そのもののパス(glob可)。ファイルがなければ PML204。",
        "Paths of the records themselves (globs allowed); a missing file is PML204.",
    ),
    ("", "effectiveness"): (
        "処置の有効性の確認: 確認日、結果、確認者。",
        "The effectiveness check of the action: date, result, who checked.",
    ),
    ("", "record_count"): ("おおよその件数(本人の数)。", "About how many records (data subjects)."),
    ("", "acquisition"): (
        "取得の方法と、本人の同意の有無。",
        "How the data is acquired, and whether consent is given.",
    ),
    ("acquisition", "direct_in_writing"): (
        "本人から書面(ウェブフォームを含む)で直接取得する場合は true(J.8.5 の明示と同意が必要)。",
        "true when acquired directly from the person in writing, web forms included (J.8.5 notice and consent).",
    ),
    ("acquisition", "consent"): ("本人の同意を得ていれば true。", "true when the person's consent is obtained."),
    ("", "sensitive"): (
        "要配慮個人情報を含む場合は true(取得には本人の同意が必要)。",
        "true when the data includes special-care information (consent needed to acquire it).",
    ),
    ("", "my_number"): ("個人番号(マイナンバー)を含む場合は true。", "true when the data includes My Number."),
    ("", "storage"): ("保管場所と媒体。", "Where and on what the data is kept."),
    ("", "retention"): ("保管期間(period)と、その根拠。", "How long the data is kept (period), and why."),
    ("", "third_party_provision"): (
        "第三者提供の有無と、その根拠。",
        "Whether the data is provided to third parties, and on what basis.",
    ),
    ("third_party_provision", "provided"): (
        "第三者に提供していれば true。",
        "true when the data is provided to a third party.",
    ),
    ("", "overseas"): ("外国にある第三者への提供: 国と根拠。", "Transfers to third parties abroad: country and basis."),
    ("overseas", "country"): ("提供先の国(ISO 3166 の2文字コード)。", "The recipient's country (ISO 3166 alpha-2)."),
    ("overseas", "basis"): (
        "consent(本人の同意)、adequacy(十分性認定のある国)、equivalent_system(基準適合体制: 定期確認が必要)。",
        "consent, adequacy (a country with an adequacy decision) or equivalent_system (checked regularly).",
    ),
    ("", "risks"): (
        "以前の形式のリスクの記録。リスク分析は risks/(kind: risk)に記録します: 'pmarklint migrate risks' で移せます"
        "(PML735)。",
        "The former place of the risks. The risk analysis now goes in risks/ (kind: risk): 'pmarklint migrate "
        "risks' moves them (PML735).",
    ),
    ("risks", "residual"): (
        "対策後に残るリスク(トップマネジメントが承認)。",
        "The risk left after the measures (accepted by top management).",
    ),
    ("", "issues"): (
        "運用の確認で見つかった問題点と、その扱い。",
        "Problems the operation check found, and what was done.",
    ),
    ("", "items"): (
        "年間計画の活動: 予定月、担当、実施日、記録。",
        "The plan's activities: month, owner, day done, record.",
    ),
    ("", "organization"): (
        "事業者の名称と、プライバシーマークの登録番号・有効期限。",
        "The organisation's name, and its P-mark number and expiry.",
    ),
    ("organization", "certification"): (
        "プライバシーマークの登録番号と有効期限(更新の時期を PML308 が知らせます)。",
        "The P-mark number and expiry (PML308 says when to renew).",
    ),
    ("", "language"): ("メッセージとレポートの言語: ja または en。", "The language of messages and reports: ja or en."),
    ("", "departments"): (
        "部門の一覧(id と名称)。名簿、台帳、監査が参照します。",
        "The departments (id and name) the roster, ledgers and audits refer to.",
    ),
    ("approvals", "*"): (
        "この種類のエントリを承認できる役割(pmarklint roles で一覧)。",
        "The roles that may approve entries of this kind (pmarklint roles lists them).",
    ),
    ("require_approvals", "*"): (
        "この種類のエントリに承認を求めるか: off、warning、error。",
        "Whether entries of this kind need an approval: off, warning or error.",
    ),
    ("", "require_signed_approvals"): (
        "true にすると、承認を追加したコミットが承認者の SSH 鍵で署名されている必要があります(PML406)。",
        "When true, the commit adding an approval must be signed with the approver's SSH key (PML406).",
    ),
    ("", "review"): (
        "見直しの間隔と、期限前に警告する期間。",
        "Review intervals, and how early to warn before a due date.",
    ),
    ("review", "every"): (
        "種類ごとの見直し間隔(既定 P1Y = 年1回)。",
        "Review interval per kind (default P1Y, yearly).",
    ),
    ("", "training"): (
        "教育の間隔と、入社時教育の期限。",
        "How often staff are trained, and the deadline for new staff.",
    ),
    ("", "corrective"): (
        "是正処置の有効性を確認する期限。",
        "The deadline for checking a corrective action's effectiveness.",
    ),
    ("", "operation_check"): ("部門ごとの運用の確認の間隔。", "The interval of each department's operation checks."),
    ("", "audit"): ("内部監査の報告の期限など。", "Settings of the internal audit, such as the reporting deadline."),
    ("limits", "*"): ("上限を超える表は取り込みません。", "A table over this limit is not imported."),
    ("rules", "severity"): ("このルールの重大度: error、warning、off。", "The rule's severity: error, warning or off."),
    ("", "waivers"): (
        "期限付きで受け入れる指摘(例外承認): ルール、エントリ、理由、承認者、期限。"
        "期限切れや承認のないものは指摘になります。",
        "Findings accepted for a time: rule, entry, reason, approver, expiry; "
        "an expired or unapproved one is a finding.",
    ),
    ("waivers", "rule"): ("例外承認するルールのコード(例: PML303)。", "The code of the rule waived (e.g. PML303)."),
    ("inputs", "*"): (
        "このインプットについて報告した内容(summary)と、その資料(documents)。",
        "What was reported on this input (summary), and the documents behind it.",
    ),
    ("*", "documents"): ("報告に使った資料のパス。", "Paths of the documents behind it."),
    ("", "outputs"): (
        "トップマネジメントの決定: 改善(improvements)、PMSの変更(changes)、資源(resources)。",
        "Top management's decisions: improvements, changes to the PMS, resources.",
    ),
    ("", "actions"): ("決定した処置: 担当、期限、完了日。", "The actions decided: owner, due date, day done."),
    ("", "quiz"): ("理解度確認(テスト)と合格点。", "The understanding check (quiz) and its pass mark."),
    ("quiz", "pass_mark"): ("合格とする点数。", "The score needed to pass."),
    ("", "attendance"): ("受講した人と、その点数・合否。", "Who attended, with their score and result."),
    ("attendance", "score"): ("理解度確認の点数。", "The person's quiz score."),
    ("attendance", "passed"): ("合格なら true(合格点以上)。", "true when the person passed (at least the pass mark)."),
    ("", "absentees"): (
        "欠席した人と、追って受講させた記録。",
        "Who missed the session, and how they were followed up.",
    ),
}


def with_field_help(node: Any, parent: str = "") -> Any:
    """Every property without a description gets the help of FIELD_HELP, so that an editor's hover shows
    help in both languages for every field."""
    if isinstance(node, list):
        return [with_field_help(item, parent) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            props = {}
            for name, sub in value.items():
                sub = with_field_help(sub, name)
                if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub:
                    help_ = FIELD_HELP.get((parent, name)) or FIELD_HELP.get((parent, "*"))
                    help_ = help_ or FIELD_HELP.get(("*", name))
                    if help_:
                        sub = {**sub, "description": f"{help_[0]}\n\n{help_[1]}"}
                props[name] = sub
            out[key] = props
        elif key == "$defs" and isinstance(value, dict):
            out[key] = {name: with_field_help(sub, "") for name, sub in value.items()}
        else:
            out[key] = with_field_help(value, parent)
    return out


def all_schemas() -> dict[str, dict[str, Any]]:
    out = {f"{kind}.schema.json": kind_schema(kind) for kind in KINDS}
    out["pmarklint.schema.json"] = config_schema()
    out["check-output.schema.json"] = output_schema()
    out["trail.schema.json"] = trail_schema()
    return {name: with_pattern_messages(with_field_help(schema)) for name, schema in out.items()}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    for name, schema in all_schemas().items():
        (ROOT / name).write_text(render(schema), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
