"""Benchmark pmarklint against floors measured in the same run.

Run from the project root::

    python benchmarks/bench.py                          # default: 10,000 inventory entries in 20 files
    python benchmarks/bench.py --entries 1000 --files 4 # a quick run
    python benchmarks/bench.py --json bench.json        # also write the figures machine-readably
    python benchmarks/bench.py --keep /tmp/pms --validate --generate-only   # only make (and check) the data
    python benchmarks/bench.py --history                # history mode: 2,000 commits (benchmarks/history.py)

What it does, in one run:

1. Generates a synthetic PMS repository (deterministic for a given ``--seed``): ``pmarklint.yaml``, a
   roster of ``--people`` persons, the shipped control catalog (``controls/*.yaml`` of this project, if
   present), a ledger of ``--contractors`` contractors and ``--entries`` inventory entries of about 30
   fields each, split over ``--files`` files. The YAML text is written by a small emitter below (block
   style, Japanese values, unquoted dates) and committed to a fresh git repository, because pmarklint reads
   the files that git tracks. ``--validate`` checks that the files parse back to exactly the generated data
   and match the JSON Schemas in ``schemas/``.
2. Times, as subprocess wall clock, ``--repeat`` times each and round-robin (the machines are noisy):

   * floor *plain*: ``yaml.load(text, Loader=CSafeLoader)`` (timestamp resolver dropped, so dates stay
     strings as pmarklint keeps them; default GC) of every YAML file, plus one jsonschema pass:
     ``Draft202012Validator(..., format_checker=FormatChecker())`` built once per kind and ``is_valid``
     on every entry;
   * floor *startup*: ``python -c "import yaml, jsonschema, click"``;
   * pmarklint *cold*: ``python -m pmarklint check REPO --format json --today 2026-11-26`` with an empty
     ``PMARKLINT_CACHE_DIR``;
   * pmarklint *warm*: the same with a cache that an earlier run filled (nothing changed);
   * pmarklint *example*: ``check examples/shop`` with a warm cache;
   * pmarklint *edit*: with that warm cache, a few characters added to the first ``purpose`` of one inventory
     file (another file each repetition), 2 s of waiting, then the same command, run by a small wrapper
     process that reports the command's wall clock and its peak resident memory (``ru_maxrss`` of its
     children: pmarklint and the git processes it starts, never this script).
3. Prints median, min and max of each, and the ratios against the targets (docs/design/performance.md):
   cold / plain <= 0.25, warm / plain <= 0.05, warm / startup <= 1.2, example / startup <= 2.0,
   one edit / startup <= 2.0 and peak memory / data size <= 3.0 (the median peak of the edit runs against the
   bytes of the repository's YAML files).

History mode (``--history``, ``--commits N``; benchmarks/history.py): the same repository, at smaller default
sizes, built with a history of N commits by several authors (one ``git fast-import`` stream), and timed
against two floors read from that history: *A* ``git log --name-status`` and *B* ``git log -p``. Approval
verification (``check`` minus ``check --no-history``, warm cache) / A <= 3.0; the same after one more commit
(the pre-commit case) / A <= 2.0; on a fresh clone (cold cache, the CI case) / B <= 1.0; ``trail`` over the
whole history (cold cache) / B <= 1.5. A command this pmarklint does not have yet is reported as unavailable.

It is a measurement, not a test: it exits 0 even when a target is MISSED. It exits 2 when pmarklint cannot
run (exit code other than 0 or 1) and 1 when ``--validate`` finds the generated data invalid.
Standard library, PyYAML and jsonschema only (history mode also imports pmarklint's loader and digest).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
SCHEMAS = PROJECT / "schemas"
CATALOG = PROJECT / "controls"
EXAMPLE = PROJECT / "examples" / "shop"

TODAY = dt.date(2026, 11, 26)
TARGETS = {  # ratio name -> (numerator, denominator, upper bound)
    "cold / plain": ("cold", "plain", 0.25),  # issue 18 item 5 (0.70 before)
    "warm / plain": ("warm", "plain", 0.05),
    "warm / startup": ("warm", "startup", 1.2),  # issue 18 item 4: nothing changed, the kept run
    "example / startup": ("example", "startup", 2.0),
    "one edit / startup": ("edit", "startup", 2.0),  # issue 18 item 3: check after one edited entry
}
MEMORY_TARGET = 3.0  # issue 18 item 3: peak resident memory of that run / bytes of the repository's YAML files
LABELS = {
    "plain": "floor: CSafeLoader + jsonschema",
    "startup": "floor: import yaml, jsonschema, click",
    "cold": "pmarklint check, cold cache",
    "warm": "pmarklint check, warm cache",
    "example": "pmarklint check examples/shop, warm",
    "edit": "pmarklint check after one edited entry",
}

# --------------------------------------------------------------------------------------------------------
# YAML emitter: block style, plain scalars where they read back as the same string, JSON-style double
# quotes otherwise (a JSON string is a valid YAML double-quoted scalar).

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_quoted: dict[str, str] = {}
Doc = dict[str, Any]


def _str(s: str) -> str:
    out = _quoted.get(s)
    if out is None:
        plain = (
            s
            and s == s.strip()
            and s[0] not in _INDICATORS
            and ": " not in s
            and " #" not in s
            and not s.endswith(":")
            and s.isprintable()
            and _RESOLVER.resolve(yaml.ScalarNode, s, (True, False)) == _STR_TAG  # type: ignore[no-untyped-call]
        )
        out = s if plain else json.dumps(s, ensure_ascii=False)
        _quoted[s] = out
    return out


def _scalar(v: Any) -> str:
    if isinstance(v, str):
        return _str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()  # unquoted, as people write dates
    if v is None:
        return "null"
    raise TypeError(f"cannot emit {type(v).__name__}")


def _mapping(m: Doc, indent: int, out: list[str], first: str | None = None) -> None:
    pad = " " * indent
    for key, v in m.items():
        lead = first if first is not None else pad
        first = None
        if isinstance(v, dict) and v:
            out.append(f"{lead}{key}:")
            _mapping(v, indent + 2, out)
        elif isinstance(v, list) and v:
            out.append(f"{lead}{key}:")
            _sequence(v, indent + 2, out)
        elif isinstance(v, (dict, list)):
            out.append(f"{lead}{key}: {'{}' if isinstance(v, dict) else '[]'}")
        else:
            out.append(f"{lead}{key}: {_scalar(v)}")


def _sequence(seq: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for v in seq:
        if isinstance(v, dict) and v:
            _mapping(v, indent + 2, out, first=pad + "- ")
        elif isinstance(v, (dict, list)):
            raise TypeError("nested sequences and empty mappings in sequences are not used in PMS files")
        else:
            out.append(f"{pad}- {_scalar(v)}")


def to_yaml(doc: Doc, header: str = "") -> str:
    out = [f"# {line}" if line else "#" for line in header.splitlines()]
    _mapping(doc, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------------
# The synthetic PMS data.

DEPARTMENTS = [
    ("cs", "カスタマーサポート部"),
    ("sales", "営業部"),
    ("mkt", "マーケティング部"),
    ("hr", "人事部"),
    ("acct", "経理部"),
    ("it", "情報システム部"),
    ("legal", "法務部"),
    ("dev", "開発部"),
]


def _pool(text: str) -> list[str]:
    """A pool of values written as "a | b | c" over several lines (compact, and left alone by formatters)."""
    return [item.strip() for item in text.split("|")]


def _pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(item.split(" ", 1)) for item in _pool(text)]  # type: ignore[misc]


FAMILY = _pairs("""
    sato 佐藤 | suzuki 鈴木 | takahashi 高橋 | tanaka 田中 | ito 伊藤 | watanabe 渡辺 | yamamoto 山本 |
    nakamura 中村 | kobayashi 小林 | kato 加藤 | yoshida 吉田 | yamada 山田 | sasaki 佐々木 | yamaguchi 山口 |
    matsumoto 松本 | inoue 井上 | kimura 木村 | hayashi 林 | shimizu 清水 | mori 森""")
GIVEN = _pairs("""
    hiroshi 浩 | yuko 裕子 | takeshi 健 | akiko 明子 | kenji 健二 | naoko 直子 | daisuke 大輔 | megumi 恵 |
    shota 翔太 | haruka 遥 | kazuya 和也 | emi 恵美 | ryo 亮 | sayaka さやか | makoto 誠 | yumi 由美 |
    tsuyoshi 剛 | mai 舞 | satoshi 聡 | kaori 香織""")
LEDGER_NAMES = _pool("""
    顧客問い合わせ記録 | 会員登録情報 | 通信販売の受注情報 | メールマガジン配信リスト | キャンペーン応募者情報 |
    採用応募者情報 | 従業員名簿 | 給与・賞与計算データ | 健康診断結果 | 取引先担当者名刺情報 | 株主名簿 |
    アンケート回答 | コールセンター通話録音 | ポイントカード利用履歴 | 修理受付票 | セミナー参加者リスト |
    退職者情報 | 入館記録 | 防犯カメラ映像 | 委託元から預託された顧客データ""")
DATA_ITEMS = _pool("""
    氏名 | フリガナ | 住所 | 電話番号 | メールアドレス | 生年月日 | 性別 | 勤務先 | 役職 | 購入履歴 | 会員番号 |
    銀行口座番号 | クレジットカード番号の下4桁 | 問い合わせ内容 | 通話録音 | 顔画像 | 職歴 | 学歴 | 扶養家族 |
    健康診断の結果 | IPアドレス | 閲覧履歴 | 配送先 | アンケート回答内容""")
SUBJECTS = _pool(
    "顧客 | 見込み顧客 | 会員 | 従業員 | 退職者 | 採用応募者 | 取引先担当者 | 株主 | 来訪者 | 問い合わせ者"
)
PURPOSES = _pool("""
    お問い合わせへの回答及び対応履歴の管理のため | 商品の発送、代金の請求及びアフターサービスのため |
    新商品・キャンペーンのご案内を送付するため | 採用選考及び採用者への連絡のため |
    給与計算、社会保険及び税務の手続のため | 雇用管理及び安全配慮義務の履行のため |
    取引先との連絡及び契約管理のため | サービス品質の向上及び統計資料の作成のため | 入退館の管理及び防犯のため |
    委託元との契約に基づく業務の遂行のため""")
METHODS = _pool("Webフォーム | 申込書(紙) | 電話 | 名刺交換 | 電子メール | 委託元からの預託 | 店頭受付 | アプリ登録")
NOTICES = _pool("""
    申込画面にて利用目的を明示 | 申込書の裏面に利用目的を記載 | 電話受付時に口頭で通知し、Webサイトで公表 |
    Webサイトのプライバシーポリシーで公表 | 雇用契約時に書面で通知 | 委託元にて取得済み""")
LOCATIONS = _pool("""
    本社3階 施錠キャビネット | 大阪支店 書庫 | 社内ファイルサーバ(アクセス制御あり) |
    クラウドサービス(東京リージョン) | 顧客管理システム | 人事給与システム | 基幹システムのデータベース""")
MEDIA = _pool("電子データ | 紙 | 電子データ・紙")
BASES = _pool("""
    社内規程(文書管理規程)による | 法令上の保存義務(労働基準法) | 法令上の保存義務(法人税法) |
    契約期間終了後の問い合わせ対応のため""")
DISPOSALS = _pool("""
    シュレッダーによる裁断 | 専門業者による溶解処理(廃棄証明書を取得) | データ消去ツールによる完全消去 |
    物理破壊(廃棄証明書を取得) | システム上の論理削除後、バックアップ世代の経過で消去""")
CORP_A = _pool("日本 | 東京 | 関西 | 中央 | 大和 | 富士 | さくら | みらい | あおば | ひかり")
CORP_B = _pool("""
    ロジスティクス | データサービス | システムズ | 印刷 | コールセンター | ビジネスサポート | ソリューションズ |
    ヘルスケア""")
SERVICES = _pool("""
    コールセンター業務 | 商品の発送代行 | 給与計算業務 | システム開発・保守 | クラウドサーバの提供 | データ入力業務 |
    ダイレクトメールの印刷・封入封緘 | 健康診断の実施 | 採用管理システムの提供 | 機密文書の保管・溶解処理""")
OVERSEAS = [
    ("US", "Example Cloud Inc.", "equivalent_system"),
    ("SG", "Example Support Pte. Ltd.", "consent"),
    ("GB", "Example Analytics Ltd.", "adequacy"),
    ("IE", "Example Mail Ltd.", "adequacy"),
]


def _day(rng: random.Random, lo: int, hi: int) -> dt.date:
    """A date between TODAY+lo and TODAY+hi days."""
    return TODAY + dt.timedelta(days=rng.randint(lo, hi))


def make_people(rng: random.Random, n: int) -> list[Doc]:
    names = [(f, g) for f in FAMILY for g in GIVEN]
    rng.shuffle(names)
    fixed = ["top_management", "privacy_manager", "audit_lead", "education_lead", "complaints_desk", "secretariat"]
    ids = []
    for i in range(n):  # 400 name pairs; beyond that, numbered
        (fr, _), (gr, _) = names[i % len(names)]
        ids.append(f"{fr}.{gr}" if i < len(names) else f"{fr}.{gr}{i // len(names) + 1}")
    secretariat = ids[min(5, n - 1)]  # owns the roster
    people = []
    for i, pid in enumerate(ids):
        (_, family), (_, given) = names[i % len(names)]
        dept = DEPARTMENTS[i % len(DEPARTMENTS)][0]
        roles = []
        if i < len(fixed):
            roles.append(fixed[i])
        elif i < len(fixed) + len(DEPARTMENTS):
            roles.append("department_manager")
            dept = DEPARTMENTS[i - len(fixed)][0]
        elif i < len(fixed) + len(DEPARTMENTS) + 4:
            roles.append("internal_auditor")
        elif i % 3 == 0:
            roles.append("entry_manager")
        people.append(
            {
                "id": pid,
                "name": f"{family} {given}",
                "emails": [f"{pid}@example.co.jp"],
                "department": dept,
                "roles": roles,
                "owner": secretariat,
                "last_reviewed": _day(rng, -300, -10),
            }
        )
    return people


def make_contractors(rng: random.Random, n: int, people: list[Doc]) -> list[Doc]:
    pm = people[min(1, len(people) - 1)]["id"]
    evaluators = [p["id"] for p in people if {"privacy_manager", "secretariat"} & set(p["roles"])] or [pm]
    out = []
    for i in range(n):
        cid = f"C-{i + 1:04d}"
        country = "JP" if rng.random() > 0.04 else rng.choice(["US", "SG", "IE"])
        c: dict[str, Any] = {
            "id": cid,
            "name": f"株式会社{rng.choice(CORP_A)}{rng.choice(CORP_B)}{'' if i < 80 else f'第{i // 80}'}",
            "service": rng.choice(SERVICES),
            "country": country,
            "owner": pm,
            "certifications": [],
            "evaluation": {
                "date": _day(rng, -300, -40),
                "result": rng.choices(["pass", "conditional", "fail"], [90, 8, 2])[0],
                "evaluator": rng.choice(evaluators),
            },
            "contract": {
                "signed": _day(rng, -2000, -30),
                "expires": _day(rng, 60, 1500),
                "clauses": {
                    k: rng.random() > 0.005
                    for k in (
                        "responsibilities",
                        "security_measures",
                        "subcontracting",
                        "reporting",
                        "audit_rights",
                        "breach_measures",
                        "incident_reporting",
                        "end_of_contract",
                    )
                },
            },
            "last_reviewed": _day(rng, -300, -40),
            "review_every": "P1Y",
        }
        if country == "JP" and rng.random() < 0.7:
            c["certifications"].append(
                {
                    "type": "pmark",
                    "number": f"{rng.randint(10000000, 29999999)}({rng.randint(1, 12):02d})",
                    "expires": _day(rng, 60, 730),
                }
            )
        if rng.random() < 0.25:
            c["certifications"].append(
                {"type": "isms", "number": f"IS {rng.randint(100000, 999999)}", "expires": _day(rng, 60, 1000)}
            )
        if not c["certifications"]:
            del c["certifications"]
        if i > 10 and rng.random() < 0.05:
            c["subcontractors"] = [f"C-{rng.randint(1, i):04d}"]
        if i > 10 and rng.random() < 0.01:
            c.update(status="retired", retired_on=_day(rng, -300, -10), reason="契約終了のため")
            c.pop("subcontractors", None)
        out.append(c)
    retired = {c["id"] for c in out if c.get("status") == "retired"}
    for c in out:  # never point at a retired contractor
        if any(s in retired for s in c.get("subcontractors", ())):
            del c["subcontractors"]
    return out


def make_inventory(
    rng: random.Random, n: int, files: int, people: list[Doc], contractors: list[Doc]
) -> list[list[Doc]]:
    managers = {p["department"]: p["id"] for p in people if "department_manager" in p["roles"]}
    fallback = people[min(1, len(people) - 1)]["id"]
    active = [c["id"] for c in contractors if c.get("status") != "retired"]
    chunks: list[list[Doc]] = [[] for _ in range(files)]
    for i in range(n):
        f = i * files // n
        dept, dept_ja = DEPARTMENTS[f % len(DEPARTMENTS)]
        provided = rng.random() < 0.1
        e: dict[str, Any] = {
            "id": f"PI-{dept.upper()}-{i + 1:05d}",
            "name": f"{rng.choice(LEDGER_NAMES)}({dept_ja})",
            "department": dept,
            "owner": managers.get(dept, fallback),
            "data_items": rng.sample(DATA_ITEMS, rng.randint(2, 6)),
            "data_subjects": rng.choice(SUBJECTS),
            "purpose": rng.choice(PURPOSES),
            "record_count": rng.randint(10, 500000),
            "acquisition": {
                "method": rng.choice(METHODS),
                "direct_in_writing": rng.random() < 0.6,
                "notice": rng.choice(NOTICES),
                "consent": rng.random() < 0.7,
            },
            "sensitive": rng.random() < 0.05,
            "my_number": dept == "hr" and rng.random() < 0.2,
            "storage": {"location": rng.choice(LOCATIONS), "medium": rng.choice(MEDIA)},
            "access": sorted({managers.get(dept, fallback), fallback}),  # person ids from the roster
            "retention": {"period": f"P{rng.choice([1, 3, 5, 5, 7, 10])}Y", "basis": rng.choice(BASES)},
            "disposal": rng.choice(DISPOSALS),
            "entrusted_to": rng.sample(active, min(len(active), rng.choice([0, 0, 1, 1, 1, 2, 3]))),
            "third_party_provision": (
                {"provided": True, "recipients": ["グループ会社"], "basis": "本人の同意"}
                if provided
                else {"provided": False}
            ),
            "last_reviewed": _day(rng, -150, -40),  # a maintained ledger: nothing due within a month
            "review_every": rng.choice(["P1Y", "P1Y", "P1Y", "P6M"]),
        }
        if rng.random() < 0.03:
            country, recipient, basis = rng.choice(OVERSEAS)
            e["overseas"] = [
                {"country": country, "recipient": recipient, "basis": basis, "last_checked": _day(rng, -300, -40)}
            ]
        if rng.random() < 0.1:
            e["notes"] = "次回見直し時に保管期限の妥当性を再確認する"
        if rng.random() < 0.01:
            e.update(status="retired", retired_on=_day(rng, -300, -10), reason="業務終了に伴い廃止", entrusted_to=[])
        chunks[f].append(e)
    return chunks


def make_settings(people: list[Doc], contractors: list[Doc]) -> Doc:
    pm = people[min(1, len(people) - 1)]["id"]
    settings: dict[str, Any] = {
        "organization": {
            "name": "株式会社サンプル",
            "certification": {"number": "10820123(03)", "expires": dt.date(2027, 9, 30)},
        },
        "framework": "pmark-2023",
        "language": "ja",
        "departments": [{"id": d, "name": name} for d, name in DEPARTMENTS],
        "approvals": {
            "control": ["top_management"],
            "contractor": ["privacy_manager"],
            "inventory": ["privacy_manager"],
            "person": ["top_management"],
        },
        "require_signed_approvals": False,
        "review": {
            "every": {"person": "P1Y", "control": "P1Y", "contractor": "P1Y", "inventory": "P1Y"},
            "warn_within": "P30D",
        },
        "limits": {"max_file_size": 100 * 1024 * 1024},
        # The generated repository keeps its risk analysis outside the repository (docs/risks.md): no `risks`
        # lists in the inventory (the format before the register, PML735) and no risk register, so PML736 is
        # off. PML730 checks phases only once a register exists, so it stays on and says nothing.
        "rules": {"PML736": "off"},
        "waivers": [],
    }
    if contractors:
        settings["waivers"].append(
            {
                "rule": "PML303",
                "entry": contractors[0]["id"],
                "reason": "再評価を2月に実施予定",
                "approved_by": pm,
                "expires": dt.date(2027, 2, 28),
            }
        )
    return settings


def synthetic_docs(args: argparse.Namespace) -> dict[str, Doc]:
    """{relative path: document} of the generated files (the catalog is copied, not generated)."""
    rng = random.Random(args.seed)
    people = make_people(rng, args.people)
    contractors = make_contractors(rng, args.contractors, people)
    chunks = make_inventory(rng, args.entries, args.files, people, contractors)
    entrusted: dict[str, list[str]] = {}
    for chunk in chunks:
        for e in chunk:
            for cid in e["entrusted_to"]:
                entrusted.setdefault(cid, []).append(e["id"])
    for c in contractors:
        if c["id"] in entrusted:
            c["entrusted_data"] = entrusted[c["id"]]
    width = max(2, len(str(args.files - 1)))
    docs: dict[str, Doc] = {
        "pmarklint.yaml": make_settings(people, contractors),
        "people/people.yaml": {"kind": "person", "entries": people},
        "contractors/contractors.yaml": {"kind": "contractor", "entries": contractors},
    }
    for i, chunk in enumerate(chunks):
        docs[f"inventory/inv-{i:0{width}d}.yaml"] = {"kind": "inventory", "entries": chunk}
    return docs


HEADER = "pmarklint ベンチマーク用の合成データ / synthetic data for benchmarks/bench.py"


def generate(repo: Path, args: argparse.Namespace) -> dict[str, Doc]:
    """Write the repository; return {relative path: document} of the generated (not copied) files."""
    docs = synthetic_docs(args)
    for rel, doc in docs.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(doc, HEADER), encoding="utf-8")
    if CATALOG.is_dir():
        (repo / "controls").mkdir(exist_ok=True)
        for src in sorted(CATALOG.glob("*.yaml")):
            shutil.copyfile(src, repo / "controls" / src.name)
    return docs


def git_commit(repo: Path) -> None:
    def git(*argv: str) -> None:
        subprocess.run(["git", *argv], cwd=repo, check=True, stdout=subprocess.DEVNULL)

    git("-c", "init.defaultBranch=main", "init", "-q")
    git("config", "user.name", "ベンチマーク")
    git("config", "user.email", "bench@example.invalid")
    git("config", "commit.gpgsign", "false")
    git("add", "-A")
    git("commit", "-q", "--no-verify", "-m", "synthetic PMS repository for benchmarks/bench.py")


def yaml_files(repo: Path) -> list[str]:
    return sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*.yaml") if ".git" not in p.parts)


# --------------------------------------------------------------------------------------------------------
# The plain floor, run as `python -c PLAIN_FLOOR REPO SCHEMAS FILE...`. It is also what --validate reuses.

PLAIN_FLOOR = r"""
import json, sys, yaml
from pathlib import Path
from jsonschema import Draft202012Validator, FormatChecker

class Loader(yaml.CSafeLoader):
    pass

Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}

def validator(schemas, kind):
    schema = json.loads((schemas / f"{kind}.schema.json").read_text("utf-8"))
    if kind != "pmarklint":  # the entry schema, with the kind schema's $defs
        drop = ("type", "required", "properties", "additionalProperties")
        schema = {k: v for k, v in schema.items() if k not in drop}
        schema["$ref"] = "#/$defs/entry"
    return Draft202012Validator(schema, format_checker=FormatChecker())

def main(root, schemas, files):
    validators = {}
    entries = invalid = 0
    for rel in files:
        doc = yaml.load((root / rel).read_text("utf-8"), Loader=Loader)
        kind, items = ("pmarklint", [doc]) if rel == "pmarklint.yaml" else (doc["kind"], doc["entries"])
        v = validators.get(kind) or validators.setdefault(kind, validator(schemas, kind))
        for item in items:
            entries += 1
            if not v.is_valid(item):
                invalid += 1
    print(json.dumps({"files": len(files), "entries": entries, "invalid": invalid}))

if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
"""

STARTUP_FLOOR = "import yaml, jsonschema, click"


def validate(repo: Path, docs: dict[str, Doc]) -> int:
    """Check that each file reads back as the generated data and matches its schema; return the error count."""
    from jsonschema import Draft202012Validator, FormatChecker

    namespace: dict[str, Any] = {"__name__": "pmarklint_bench_floor"}
    exec(PLAIN_FLOOR, namespace)
    loader = namespace["Loader"]
    as_strings = json.loads(json.dumps(docs, default=str, ensure_ascii=False))  # dates become YYYY-MM-DD
    errors = 0
    for rel in yaml_files(repo):
        loaded = yaml.load((repo / rel).read_text("utf-8"), Loader=loader)
        if rel in as_strings and loaded != as_strings[rel]:
            print(f"  {rel}: does not read back as the generated data")
            errors += 1
        kind = "pmarklint" if rel == "pmarklint.yaml" else loaded.get("kind")
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        if validator.is_valid(loaded):
            continue
        for err in validator.iter_errors(loaded):
            errors += 1
            if errors <= 20:
                print(f"  {rel}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
    return errors


# --------------------------------------------------------------------------------------------------------
# Measuring.


class BenchmarkError(Exception):
    pass


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=PROJECT)
    return time.perf_counter() - start, proc


# Runs the command in argv[1:] and prints {"seconds": wall clock, "max_rss": peak resident bytes} on standard
# error's last line: the peak is that of the command (and of what it waited for), not of this benchmark script,
# whose own children (the plain floor) would mask it. Standard output passes through.
MEASURED = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux, bytes on macOS
sys.stdout.buffer.write(proc.stdout)
sys.stderr.buffer.write(proc.stderr)
scale = 1 if sys.platform == "darwin" else 1024
sys.stderr.write("\n" + json.dumps({"seconds": seconds, "max_rss": kb * scale}) + "\n")
sys.exit(proc.returncode)
"""


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.CompletedProcess[bytes]]:
    """``cmd``'s wall clock, peak resident memory (bytes) and result, measured by a wrapper process."""
    proc = subprocess.run([sys.executable, "-c", MEASURED, *cmd], capture_output=True, env=env, cwd=PROJECT)
    head, _, last = proc.stderr.rstrip(b"\n").rpartition(b"\n")
    try:
        figures = json.loads(last)
    except ValueError:
        raise BenchmarkError(f"measuring {cmd[:4]}: {proc.stderr.decode('utf-8', 'replace')}") from None
    proc.stderr = head
    return float(figures["seconds"]), int(figures["max_rss"]), proc


def edit_one(repo: Path, i: int) -> str:
    """Add a few characters to the first ``purpose`` of the i-th inventory file (cyclically); its name."""
    files = sorted(p for p in (repo / "inventory").glob("*.yaml"))
    path = files[i % len(files)]
    lines = path.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        key, sep, value = line.partition("purpose: ")
        if sep and not key.strip():
            quote = value[:1] if value[:1] in ("'", '"') else ""
            lines[n] = f"{key}{sep}{quote}（改{i}）{value[len(quote) :]}"
            break
    else:
        raise BenchmarkError(f"{path}: no purpose to edit")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.relative_to(repo).as_posix()


def pmarklint_env(cache_dir: Path) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE would make every run compile pmarklint's modules again, while the floors import
    # libraries installed with their bytecode: an installed pmarklint has its bytecode too
    env = {k: v for k, v in os.environ.items() if not k.startswith("PMARKLINT_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PMARKLINT_CACHE_DIR"] = str(cache_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return env


def pmarklint_cmd(path: Path) -> list[str]:
    return [sys.executable, "-m", "pmarklint", "check", str(path), "--format", "json", "--today", TODAY.isoformat()]


def checked(name: str, proc: subprocess.CompletedProcess[bytes], ok_codes: tuple[int, ...] = (0, 1)) -> Doc:
    """Fail on an exit code outside ok_codes or a traceback; return the parsed JSON output."""
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in ok_codes or "Traceback (most recent call last)" in stderr:
        raise BenchmarkError(f"{name}: exit code {proc.returncode}\n{stderr}")
    try:
        output: Doc = json.loads(proc.stdout)
    except ValueError as exc:
        raise BenchmarkError(f"{name}: output is not JSON ({exc})\n{proc.stdout[:2000]!r}\n{stderr}") from None
    return output


def measure(repo: Path, work: Path, repeat: int) -> tuple[dict[str, list[float]], dict[str, Any]]:
    files = yaml_files(repo)
    plain_cmd = [sys.executable, "-c", PLAIN_FLOOR, str(repo), str(SCHEMAS), *files]
    startup_cmd = [sys.executable, "-c", STARTUP_FLOOR]
    warm_env = pmarklint_env(work / "cache-cold-0")  # filled by the first cold run
    example_env = pmarklint_env(work / "cache-example")
    info: dict[str, Any] = {}

    _, proc = timed(pmarklint_cmd(EXAMPLE), example_env)  # fills the example's cache
    info["example_output"] = checked("pmarklint check examples/shop", proc)

    times: dict[str, list[float]] = {name: [] for name in LABELS}
    for i in range(repeat):  # round-robin, so that a noisy phase of the machine hits every figure alike
        t, proc = timed(plain_cmd)
        info["plain_output"] = checked("plain floor", proc, (0,))
        times["plain"].append(t)
        t, proc = timed(startup_cmd)
        if proc.returncode != 0:
            raise BenchmarkError(f"startup floor: {proc.stderr.decode('utf-8', 'replace')}")
        times["startup"].append(t)
        t, proc = timed(pmarklint_cmd(repo), pmarklint_env(work / f"cache-cold-{i}"))
        output = checked("pmarklint check (cold)", proc)
        info.setdefault("repo_output", output)
        times["cold"].append(t)
        t, proc = timed(pmarklint_cmd(repo), warm_env)
        if checked("pmarklint check (warm)", proc) != info["repo_output"]:
            info["warm_differs"] = True
        times["warm"].append(t)
        t, proc = timed(pmarklint_cmd(EXAMPLE), example_env)
        checked("pmarklint check examples/shop", proc)
        times["example"].append(t)
        info.setdefault("edited", []).append(edit_one(repo, i))  # one edited entry, with the warm cache
        time.sleep(2)  # as a hook runs some seconds after the save (a file written < 2 s before is not kept)
        t, rss, proc = measured(pmarklint_cmd(repo), warm_env)
        if checked("pmarklint check (one edit)", proc) != info["repo_output"]:
            info["edit_differs"] = True  # the edits touch no finding's text or position
        times["edit"].append(t)
        info.setdefault("edit_rss", []).append(rss)
    return times, info


def rule_counts(output: Doc) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in output.get("findings", []):
        counts[f.get("rule", "?")] = counts.get(f.get("rule", "?"), 0) + 1
    return dict(sorted(counts.items()))


def report(times: dict[str, list[float]], info: dict[str, Any], args: argparse.Namespace, setup: dict[str, Any]) -> Doc:
    stats: dict[str, Doc] = {
        name: {"median": statistics.median(ts), "min": min(ts), "max": max(ts), "runs": ts}
        for name, ts in times.items()
    }
    print()
    print(f"{'measurement':40} {'median':>9} {'min':>9} {'max':>9}")
    for name, s in stats.items():
        print(f"{LABELS[name]:40} {s['median']:8.3f}s {s['min']:8.3f}s {s['max']:8.3f}s")
    print()
    ratios = {}
    for label, (num, den, target) in TARGETS.items():
        value = stats[num]["median"] / stats[den]["median"]
        ok = value <= target
        ratios[label] = {"value": value, "target": target, "ok": ok}
        print(f"{label:18} = {value:5.2f} (target <= {target:.2f}) {'OK' if ok else 'MISSED'}")
    rss = int(statistics.median(info["edit_rss"]))
    value = rss / setup["yaml_bytes"]
    ratios["peak memory / data size"] = {
        "value": value,
        "target": MEMORY_TARGET,
        "ok": value <= MEMORY_TARGET,
        "peak_bytes": rss,
        "peak_runs": info["edit_rss"],
        "data_bytes": setup["yaml_bytes"],
    }
    print(
        f"{'peak memory / data':18} = {value:5.2f} (target <= {MEMORY_TARGET:.2f}) "
        f"{'OK' if value <= MEMORY_TARGET else 'MISSED'}  ({rss / 1e6:.0f} MB after one edit, "
        f"{setup['yaml_bytes'] / 1e6:.1f} MB of YAML)"
    )
    missed = [k for k, r in ratios.items() if not r["ok"]]
    if missed:
        print(f"\nMISSED: {', '.join(missed)}")

    repo_out = info["repo_output"]
    counts = rule_counts(repo_out)
    summary = repo_out.get("summary", {})
    print(
        f"\npmarklint on the synthetic repository: {summary.get('files', '?')} files, "
        f"{summary.get('entries', '?')} entries, {summary.get('errors', '?')} errors, "
        f"{summary.get('warnings', '?')} warnings, {summary.get('waived', '?')} waived"
    )
    print("  findings by rule: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    if counts.get("PML101"):
        first = next(f for f in repo_out["findings"] if f.get("rule") == "PML101")
        print(
            f"  WARNING: {counts['PML101']} PML101 (schema) findings on generated data, e.g. "
            f"{first.get('file')}:{first.get('line')}: {first.get('message')}"
        )
    if info.get("warm_differs"):
        print("  WARNING: the warm run's output differs from the cold run's")
    if info.get("edit_differs"):
        print("  WARNING: the output after one edited entry differs from the cold run's")
    plain = info["plain_output"]
    if plain.get("invalid"):
        print(f"  WARNING: the plain floor found {plain['invalid']} invalid entries: the floor is not like for like")

    return {
        "tool": "pmarklint-bench",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "parameters": {k: getattr(args, k) for k in ("entries", "files", "contractors", "people", "repeat", "seed")},
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "pyyaml": yaml.__version__,
            "libyaml": bool(yaml.__with_libyaml__),
            "jsonschema": _version("jsonschema"),
            "pmarklint": repo_out.get("version"),
        },
        "setup": {**setup, "edited": info["edited"]},
        "measurements": stats,
        "ratios": ratios,
        "pmarklint_repository": {"summary": summary, "findings_by_rule": counts},
        "plain_floor": plain,
    }


def _version(dist: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


SIZES = {"entries": 10_000, "files": 20, "contractors": 1_000, "people": 50}
HISTORY_SIZES = {"entries": 2_000, "files": 20, "contractors": 200, "people": 50}  # 2,000 revisions stay quick


def arguments(argv: list[str] | None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, help="inventory entries (default 10000; 2000 with --history)")
    parser.add_argument("--files", type=int, help="inventory files (default 20)")
    parser.add_argument("--contractors", type=int, help="contractor entries (default 1000; 200 with --history)")
    parser.add_argument("--people", type=int, help="persons in the roster (default 50)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement (default 2)")
    parser.add_argument("--seed", type=int, default=20261126, help="random seed of the generator")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="generate the repository into DIR (new or empty) and keep it"
    )
    parser.add_argument("--validate", action="store_true", help="check the generated files against the schemas first")
    parser.add_argument("--generate-only", action="store_true", help="generate (and --validate), measure nothing")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument(
        "--history", action="store_true", help="history mode: a repository with a git history (benchmarks/history.py)"
    )
    parser.add_argument("--commits", type=int, default=2_000, help="commits of the history (default 2000)")
    args = parser.parse_args(argv)
    for name, value in (HISTORY_SIZES if args.history else SIZES).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.history and args.commits < 2:
        parser.error("need --commits >= 2")
    if min(args.entries, args.contractors, args.people - 6, args.files - 1, args.repeat - 1) < 0 or args.files > max(
        args.entries, 1
    ):
        parser.error("need --files >= 1, --files <= --entries, --people >= 6, --repeat >= 1, no negative sizes")
    return parser, args


def main(argv: list[str] | None = None) -> int:
    parser, args = arguments(argv)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="pmarklint-bench-"))
    try:
        if args.keep:
            repo = args.keep.resolve()
            if repo.exists() and any(repo.iterdir()):
                parser.error(f"--keep {repo}: not empty")
            repo.mkdir(parents=True, exist_ok=True)
        else:
            repo = work / "repo"
            repo.mkdir()
        if args.history:
            import history  # benchmarks/history.py

            return history.run(args, repo, work, started)
        t0 = time.perf_counter()
        docs = generate(repo, args)
        git_commit(repo)
        files = yaml_files(repo)
        size = sum((repo / f).stat().st_size for f in files)
        setup = {
            "repository": str(repo) if args.keep else None,
            "yaml_files": len(files),
            "yaml_bytes": size,
            "generate_seconds": round(time.perf_counter() - t0, 3),
        }
        print(
            f"pmarklint benchmark: {args.entries:,} inventory entries in {args.files} files, {args.contractors:,} "
            f"contractors, {args.people} people, {len(list(CATALOG.glob('*.yaml'))) if CATALOG.is_dir() else 0} "
            f"catalog files; repeat {args.repeat}"
        )
        print(
            f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
            f"({'with' if yaml.__with_libyaml__ else 'WITHOUT'} libyaml), jsonschema {_version('jsonschema')}, "
            f"{os.cpu_count()} CPUs"
        )
        print(
            f"repository: {len(files)} YAML files, {size / 1e6:.1f} MB, generated and committed in "
            f"{setup['generate_seconds']:.1f} s{f' at {repo}' if args.keep else ''}"
        )
        if args.validate:
            t0 = time.perf_counter()
            errors = validate(repo, docs)
            print(f"validate: {errors} error(s) in {time.perf_counter() - t0:.1f} s")
            if errors:
                return 1
        if args.generate_only:
            return 0
        if not EXAMPLE.is_dir():
            raise BenchmarkError(f"{EXAMPLE} does not exist")
        times, info = measure(repo, work, args.repeat)
        result = report(times, info, args, setup)
        result["wall_seconds"] = round(time.perf_counter() - started, 1)
        print(f"\nwhole benchmark: {result['wall_seconds']:.1f} s")
        if args.json:
            args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    except BenchmarkError as exc:
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.modules.setdefault("bench", sys.modules[__name__])  # history.py imports this module as bench
    sys.exit(main())
