"""History mode of benchmarks/bench.py: the synthetic PMS repository with a git history behind it, and the
figures that read that history.

Run from the project root::

    python benchmarks/bench.py --history                  # 2,000 commits over the history-mode sizes
    python benchmarks/bench.py --history --commits 200    # a quick run
    python benchmarks/bench.py --history --keep /tmp/pms --validate --generate-only

The history is written as ONE ``git fast-import`` stream, deterministic for a given ``--seed``, with pinned
authors, committers and dates (from 2024-04-01 09:00 JST, a few working hours apart, weekdays only). It ends
in the very files the default mode generates for the same sizes, plus the approvals that the history put
into them, and ``require_approvals: warning`` in pmarklint.yaml. The commits:

* the first one imports every ledger (by the secretariat);
* staff edits (about 85%): a department manager or entry manager of the ledger's department (the secretariat
  and a few managers for the contractor ledger, the controls and the roster) changes one to three fields of
  one to three entries of one ledger file; some commits add an entry instead, a few move an entry from one
  inventory file to another (same department where there is one), and a handful rename an inventory file;
* approval commits (about 15%): the approver of the kind (the privacy manager for inventory and contractors,
  top management for controls and people) appends ``{by, role, date, digest}`` to the ``approvals`` of every
  entry of one ledger file that changed since it was last approved, authored with the approver's e-mail; they
  go round every file with changes. The digest is :func:`pmarklint.approvals.digest.digest` of the entry as pmarklint
  reads it (dates as text). Appending keeps every approval an entry ever had (``pmarklint sign`` refreshes the
  signer's own item in place instead): more approvals for the history checks to prove.

Field values move along a chain that ends at the generated value: a field edited k times starts at an earlier
value and reaches the generated one at its last edit, so the final tree does not depend on the history. Entries
edited after their last approval keep a stale approval (PML403), entries added after the last approval of
their file have none (PML401), as in a repository where approvals lag behind the work.

The pack. fast-import deltifies each blob against the blob it wrote just before, which is mostly another
file's, in chains of up to 50: on 2,000 commits its pack is 28.9 MB. A clone receives a pack whose deltas were
chosen among versions of the same file, so the repository is repacked with ``git repack -a -d -f`` (1.3 MB) and
given a commit-graph. Without ``-f`` (or with ``git gc``) git keeps fast-import's deltas: 0.3 s, but the pack stays
28.9 MB, nothing like a clone's. ``-f`` spends most of its time reading every object back through those chains,
not searching for deltas (``--window`` 1 to 10 changes little): git's delta base cache (96 MB by default) is too
small for them. With ``-c core.deltaBaseCacheLimit=512m`` for the repack alone, the same pack (the same size, the
same ``git log -p`` time) takes about 3 s instead of 7 to 9 s on 2,000 commits. Measured on 2026-12-04:
benchmarks/README.md, "The pack".
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import bench
import yaml

if str(bench.PROJECT) not in sys.path:  # pmarklint from this checkout, as the measured subprocesses use it
    sys.path.insert(0, str(bench.PROJECT))

from pmarklint.approvals.digest import digest
from pmarklint.documents.loader import parse

Doc = bench.Doc
JST = dt.timezone(dt.timedelta(hours=9))
START = dt.datetime(2024, 4, 1, 9, 0, tzinfo=JST)  # a Monday
WORKDAY = (9, 19)  # commits happen between 9:00 and 19:00, Monday to Friday
LAST_DAY = bench.TODAY - dt.timedelta(days=14)  # no commit after this day, so no approval lies in the future
PMS_PATHS = ("pmarklint.yaml", "people", "controls", "contractors", "inventory")
SHARES = {"approve": 0.15, "move": 0.02, "add": 0.04}  # of the commits after the first; renames: 1 per 400
EDIT_KINDS = {"inventory": 70, "contractor": 15, "control": 10, "person": 5}  # which ledger a staff edit touches
DELTA_BASE_CACHE = "512m"  # for the one repack; git's default (96m) makes it several times slower
BIG = 1 << 30  # rank offset of an entry that sits in a file other than its final one


class HistoryError(bench.BenchmarkError):
    """The generator could not build the history (git failed, or a bug left the final tree wrong)."""


# --------------------------------------------------------------------------------------------------------
# Earlier values of a field: draft(rng, later value, entry) -> a different value the field held before.

Draft = Callable[[random.Random, Any, Doc], Any]


def _other(pool: list[Any]) -> Draft:
    def draft(rng: random.Random, later: Any, entry: Doc) -> Any:
        choices = [v for v in pool if v != later]
        return rng.choice(choices) if choices else later

    return draft


def _earlier(lo: int, hi: int) -> Draft:
    def draft(rng: random.Random, later: Any, entry: Doc) -> Any:
        return later - dt.timedelta(days=rng.randint(lo, hi))

    return draft


def _sub(key: str, inner: Draft) -> Draft:
    """Change one key of a mapping value."""

    def draft(rng: random.Random, later: Any, entry: Doc) -> Any:
        return {**later, key: inner(rng, later[key], entry)}

    return draft


def _ledger_name(rng: random.Random, later: Any, entry: Doc) -> Any:
    dept = dict(bench.DEPARTMENTS).get(entry.get("department", ""), "")
    return _other([f"{name}({dept})" for name in bench.LEDGER_NAMES])(rng, later, entry)


def _record_count(rng: random.Random, later: Any, entry: Doc) -> Any:
    earlier = later - rng.randint(1, max(1, later // 5))
    return earlier if earlier >= 1 else later + rng.randint(1, 100)


def _data_items(rng: random.Random, later: Any, entry: Doc) -> Any:
    while True:
        items = rng.sample(bench.DATA_ITEMS, rng.randint(2, 6))
        if items != later:
            return items


def _evaluation(rng: random.Random, later: Any, entry: Doc) -> Any:
    when = later["date"] - dt.timedelta(days=rng.randint(120, 365))
    return {**later, "date": when, "result": rng.choice(["pass", "pass", "conditional"])}


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _date(value: Any) -> bool:
    return isinstance(value, dt.date)


def _has(key: str, test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, dict) and test(value.get(key))


# kind -> field -> (which values an edit may change, the value the field held before)
EDITABLE: dict[str, dict[str, tuple[Callable[[Any], bool], Draft]]] = {
    "inventory": {
        "name": (_text, _ledger_name),
        "purpose": (_text, _other(bench.PURPOSES)),
        "data_subjects": (_text, _other(bench.SUBJECTS)),
        "data_items": (lambda v: isinstance(v, list), _data_items),
        "record_count": (lambda v: isinstance(v, int), _record_count),
        "acquisition": (_has("notice", _text), _sub("notice", _other(bench.NOTICES))),
        "storage": (_has("location", _text), _sub("location", _other(bench.LOCATIONS))),
        "retention": (_has("period", _text), _sub("period", _other(["P1Y", "P3Y", "P5Y", "P7Y", "P10Y"]))),
        "disposal": (_text, _other(bench.DISPOSALS)),
        "last_reviewed": (_date, _earlier(90, 365)),
        "review_every": (_text, _other(["P1Y", "P6M"])),
    },
    "contractor": {
        "service": (_text, _other(bench.SERVICES)),
        "evaluation": (_has("date", _date), _evaluation),
        "contract": (_has("expires", _date), _sub("expires", _earlier(180, 540))),
        "last_reviewed": (_date, _earlier(90, 365)),
    },
    "control": {  # not_applicable and retired need a reason: those controls keep their status
        "status": (lambda v: v in ("fit", "partial", "gap"), _other(["fit", "partial", "gap"])),
        "difficulty": (_text, _other(["low", "medium", "high"])),
        "verified": (lambda v: isinstance(v, bool), lambda rng, later, entry: not later),
    },
    "person": {  # never ids, roles or e-mails: who may approve stays what it was
        "last_reviewed": (_date, _earlier(90, 365)),
        "department": (_text, _other([d for d, _ in bench.DEPARTMENTS])),
    },
}


def _editable(kind: str, entry: Doc) -> tuple[str, ...]:
    """The fields of ``entry`` a staff edit may change."""
    return tuple(name for name, (test, _) in EDITABLE[kind].items() if name in entry and test(entry[name]))


def as_read(value: Any) -> Any:
    """``value`` as pmarklint reads it back from the file: dates as ``YYYY-MM-DD`` text."""
    if isinstance(value, dict):
        return {k: as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_read(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------------------------------------
# The plan: which commit does what, by whom. Values are filled in afterwards (see _replay).


@dataclasses.dataclass
class Ledger:
    """One data file as it stands at some commit."""

    kind: str
    head: Doc  # the file's keys before `entries`
    final_path: str
    path: str
    number: int  # inventory files: their number (department = DEPARTMENTS[number % 8]); else 0
    ids: list[str]


@dataclasses.dataclass
class Op:
    """One commit. ``entries``: the entries it writes, with the fields it changes (edits only)."""

    action: str  # import, edit, add, move, rename, approve
    author: str  # person id
    ledger: int = -1
    target: int = -1  # move: the destination ledger
    entries: list[tuple[str, tuple[str, ...]]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class History:
    """What the generator built, for the report and for tests."""

    repo: Path
    docs: dict[str, Doc]  # the final tree's data files, as written (dates as dates)
    commits: int
    first_day: str
    last_day: str
    authors: dict[str, tuple[str, str]]  # person id -> (name, e-mail) of everyone who committed
    actions: dict[str, int]  # commits per action
    log: list[tuple[str, str]]  # (action, author's person id) of each commit, oldest first
    moves: list[tuple[int, str, str, str]]  # (commit number from 0, entry id, from file, to file)
    renames: list[tuple[int, str, str]]  # (commit number, old path, new path)
    added: list[str]
    latest_holds: dict[str, bool]  # id -> the entry's last approval approves its current content
    approval_items: int
    stale_items: int  # approval items whose entry changed after them (superseded or not)
    entries: int
    seconds: dict[str, float]
    stream_bytes: int
    pack_bytes: int


def _split(total: int) -> dict[str, int]:
    """How many commits of each action, for ``total`` commits after the first."""
    counts = {action: round(total * share) for action, share in SHARES.items()}
    counts["rename"] = max(1, total // 400)
    for action in ("move", "add"):
        counts[action] = max(1, counts[action])
    left = total
    for action in ("approve", "rename", "move", "add"):
        counts[action] = min(counts[action], left)
        left -= counts[action]
    counts["edit"] = left
    return counts


class Builder:
    """Plans the history (:meth:`plan`, :meth:`chains`) from the final tree's documents; :func:`_replay`
    writes it."""

    def __init__(self, docs: dict[str, Doc], commits: int, seed: int) -> None:
        self.rng = random.Random(seed * 7919 + commits)
        self.docs = docs
        self.final: dict[str, Doc] = {}
        self.kind: dict[str, str] = {}
        self.home: dict[str, int] = {}  # id -> index of its final ledger
        self.rank: dict[str, int] = {}
        self.ledgers: list[Ledger] = []
        for rel, doc in docs.items():
            if rel == "pmarklint.yaml":
                continue
            head = {k: v for k, v in doc.items() if k != "entries"}
            number = len([x for x in self.ledgers if x.kind == "inventory"]) if doc["kind"] == "inventory" else 0
            self.ledgers.append(Ledger(doc["kind"], head, rel, rel, number, []))
            for pos, entry in enumerate(doc["entries"]):
                self.final[entry["id"]] = entry
                self.kind[entry["id"]] = doc["kind"]
                self.home[entry["id"]] = len(self.ledgers) - 1
                self.rank[entry["id"]] = pos
        self.fields = {eid: _editable(self.kind[eid], e) for eid, e in self.final.items()}
        self.people = {p["id"]: p for p in docs["people/people.yaml"]["entries"]}
        self.counts = _split(commits - 1)
        self._choose_special()
        self._staff_pools()

    # -- who does what ---------------------------------------------------------------------------------

    def _holder(self, role: str) -> str:
        return next(str(pid) for pid, p in self.people.items() if role in p["roles"])

    def _staff_pools(self) -> None:
        approvals = self.docs["pmarklint.yaml"]["approvals"]
        self.approver = {kind: (self._holder(roles[0]), roles[0]) for kind, roles in approvals.items()}
        signers = {pid for pid, _ in self.approver.values()}
        staff = [p for pid, p in self.people.items() if pid not in signers]
        self.secretariat = next((p["id"] for p in staff if "secretariat" in p["roles"]), staff[0]["id"])

        def pick(test: Callable[[Doc], bool]) -> list[str]:
            return [p["id"] for p in staff if test(p)] or [self.secretariat]

        def keeps(*departments: str) -> Callable[[Doc], bool]:  # a manager who keeps these departments' ledgers
            managers = {"department_manager", "entry_manager"}
            return lambda p: bool(managers & {*p["roles"]}) and p["department"] in departments

        office = {"secretariat", "education_lead", "audit_lead"}
        self.pools = {
            "contractor": pick(lambda p: "secretariat" in p["roles"] or keeps("legal", "acct")(p)),
            "control": pick(lambda p: bool(office & {*p["roles"]})),
            "person": pick(lambda p: "secretariat" in p["roles"] or keeps("hr")(p)),
        }
        for dept, _ in bench.DEPARTMENTS:
            self.pools[dept] = pick(keeps(dept))

    def _staff(self, ledger: Ledger) -> str:
        if ledger.kind == "inventory":
            return self.rng.choice(self.pools[bench.DEPARTMENTS[ledger.number % len(bench.DEPARTMENTS)][0]])
        return self.rng.choice(self.pools[ledger.kind])

    # -- which entries are added, moved and which files renamed ---------------------------------------

    def _choose_special(self) -> None:
        rng = self.rng
        inventory = [i for i, x in enumerate(self.ledgers) if x.kind == "inventory"]
        ids = [eid for eid, k in self.kind.items() if k == "inventory"]
        addable = [eid for eid in ids if not self.final[eid]["entrusted_to"]]  # no contractor points at it
        self.added = rng.sample(addable, min(len(addable), self.counts["add"]))
        self.counts["edit"] += self.counts["add"] - len(self.added)
        self.counts["add"] = len(self.added)
        self.start: dict[str, int] = {}  # moved entries: where they start
        movable = [eid for eid in ids if eid not in set(self.added)] if len(inventory) > 1 else []
        for eid in rng.sample(movable, min(len(movable), self.counts["move"])):
            others = [i for i in inventory if i != self.home[eid]]
            same = [i for i in others if self._dept(i) == self._dept(self.home[eid])]
            self.start[eid] = rng.choice(same or others)
        self.counts["edit"] += self.counts["move"] - len(self.start)
        self.counts["move"] = len(self.start)
        self.renamed = rng.sample(inventory, min(len(inventory), self.counts["rename"]))
        self.counts["edit"] += self.counts["rename"] - len(self.renamed)
        self.counts["rename"] = len(self.renamed)

    def _dept(self, ledger: int) -> str:
        return bench.DEPARTMENTS[self.ledgers[ledger].number % len(bench.DEPARTMENTS)][0]

    def fresh_ledgers(self) -> list[Ledger]:
        """The ledgers as the first commit writes them."""
        out = []
        per_dept: Counter[str] = Counter()
        for i, x in enumerate(self.ledgers):
            path = x.final_path
            if i in self.renamed:
                per_dept[self._dept(i)] += 1
                path = f"inventory/{self._dept(i)}-{per_dept[self._dept(i)]}.yaml"
            out.append(dataclasses.replace(x, path=path, ids=[]))
        skip = set(self.added)
        for eid in self.final:
            if eid not in skip:
                self._insert(out, self.start.get(eid, self.home[eid]), eid)
        return out

    def _insert(self, ledgers: list[Ledger], at: int, eid: str) -> None:
        ids = ledgers[at].ids
        ids.insert(bisect.bisect(ids, self._rank(at, eid), key=lambda x: self._rank(at, x)), eid)

    def _rank(self, ledger: int, eid: str) -> int:
        return self.rank[eid] + (0 if self.home[eid] == ledger else BIG)

    # -- the plan --------------------------------------------------------------------------------------

    def plan(self) -> list[Op]:
        rng = self.rng
        ledgers = self.fresh_ledgers()
        actions = [a for a, n in self.counts.items() for _ in range(n)]
        rng.shuffle(actions)
        present = [eid for x in ledgers for eid in x.ids]
        ops = [Op("import", self.secretariat, entries=[(eid, ()) for eid in present])]
        pending = set(present)  # changed since the last approval of the entry
        added, moved, renamed = list(self.added), list(self.start), list(self.renamed)
        where = {eid: i for i, x in enumerate(ledgers) for eid in x.ids}
        for action in actions:
            if action == "approve":
                op = self._plan_approval(ledgers, pending) or self._plan_edit(ledgers, pending)
            elif action == "add":
                eid = added.pop()
                self._insert(ledgers, self.home[eid], eid)
                where[eid] = self.home[eid]
                pending.add(eid)
                op = Op("add", self._staff(ledgers[self.home[eid]]), self.home[eid], entries=[(eid, ())])
            elif action == "move":
                eid = moved.pop()
                src, dst = where[eid], self.home[eid]
                ledgers[src].ids.remove(eid)
                self._insert(ledgers, dst, eid)
                where[eid] = dst
                op = Op("move", self._staff(ledgers[src]), src, dst, [(eid, ())])
            elif action == "rename":
                at = renamed.pop()
                ledgers[at].path = ledgers[at].final_path
                op = Op("rename", self.secretariat, at)
            else:
                op = self._plan_edit(ledgers, pending)
            ops.append(op)
        return ops

    def _plan_approval(self, ledgers: list[Ledger], pending: set[str]) -> Op | None:
        waiting = [[eid for eid in x.ids if eid in pending] for x in ledgers]
        files = [i for i, w in enumerate(waiting) if w]  # any file with changes: the approvers go round them all
        if not files:
            return None
        at = self.rng.choice(files)
        pending.difference_update(waiting[at])
        return Op("approve", self.approver[ledgers[at].kind][0], at, entries=[(eid, ()) for eid in waiting[at]])

    def _plan_edit(self, ledgers: list[Ledger], pending: set[str]) -> Op:
        rng = self.rng
        kinds = [k for k in EDIT_KINDS if any(x.kind == k and x.ids for x in ledgers)]
        while kinds:
            kind = rng.choices(kinds, [EDIT_KINDS[k] for k in kinds])[0]
            options = [i for i, x in enumerate(ledgers) if x.kind == kind and x.ids]
            rng.shuffle(options)
            for at in options:
                ids = [eid for eid in ledgers[at].ids if self.fields[eid]]
                if ids:
                    return self._edit(ledgers, at, ids, pending)
            kinds.remove(kind)
        raise HistoryError("no entry has a field that a staff edit could change")

    def _edit(self, ledgers: list[Ledger], at: int, ids: list[str], pending: set[str]) -> Op:
        rng = self.rng
        chosen = set(rng.sample(ids, min(len(ids), rng.choices([1, 2, 3], [6, 3, 1])[0])))
        entries = []
        for eid in (eid for eid in ids if eid in chosen):  # in file order
            fields = self.fields[eid]
            entries.append((eid, tuple(rng.sample(fields, min(len(fields), rng.choices([1, 2, 3], [5, 3, 2])[0])))))
            pending.add(eid)
        return Op("edit", self._staff(ledgers[at]), at, entries=entries)

    # -- values and text -------------------------------------------------------------------------------

    def chains(self, ops: list[Op]) -> dict[tuple[str, str], list[Any]]:
        """For every edited (id, field): its values, oldest first; the last is the generated value."""
        edits: Counter[tuple[str, str]] = Counter()
        for op in ops:
            if op.action == "edit":
                edits.update((eid, name) for eid, names in op.entries for name in names)
        out = {}
        for (eid, name), n in sorted(edits.items()):
            values = [self.final[eid][name]]
            for _ in range(n):
                values.append(EDITABLE[self.kind[eid]][name][1](self.rng, values[-1], self.final[eid]))
            out[eid, name] = values[::-1]
        return out


class Renderer:
    """File text from entry blocks, each rendered once per version of the entry: the same text as
    bench.to_yaml of the whole document."""

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}

    def forget(self, eid: str) -> None:
        self.blocks.pop(eid, None)

    def text(self, ledger: Ledger, state: dict[str, Doc]) -> str:
        out = [f"# {line}" if line else "#" for line in bench.HEADER.splitlines()]
        bench._mapping(ledger.head, 0, out)
        if not ledger.ids:
            return "\n".join([*out, "entries: []"]) + "\n"
        parts = ["\n".join([*out, "entries:"]) + "\n"]
        for eid in ledger.ids:
            block = self.blocks.get(eid)
            if block is None:
                lines: list[str] = []
                bench._mapping(state[eid], 4, lines, first="  - ")
                block = self.blocks[eid] = "\n".join(lines) + "\n"
            parts.append(block)
        return "".join(parts)


# --------------------------------------------------------------------------------------------------------
# git


def git(repo: Path, *argv: str) -> str:
    proc = subprocess.run(["git", *argv], cwd=repo, capture_output=True)
    if proc.returncode:
        raise HistoryError(f"git {' '.join(argv)}: {proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout.decode("utf-8", "replace")


class FastImport:
    """One ``git fast-import`` process fed commit by commit on refs/heads/main."""

    def __init__(self, repo: Path) -> None:
        self.errors: IO[bytes] = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done", "--date-format=raw"],
            cwd=repo,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
        )
        self.bytes = 0

    def commit(
        self,
        who: tuple[str, str],
        when: dt.datetime,
        message: str,
        files: dict[str, str],
        renames: tuple[tuple[str, str], ...] = (),
    ) -> None:
        offset = when.utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds()) // 60
        stamp = f"{int(when.timestamp())} {'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
        ident = f"{who[0]} <{who[1]}> {stamp}\n"
        msg = message.encode("utf-8")
        parts = [b"commit refs/heads/main\n", b"author " + ident.encode(), b"committer " + ident.encode()]
        parts += [b"data %d\n" % len(msg), msg, b"\n"]
        parts += [f'R "{old}" "{new}"\n'.encode() for old, new in renames]
        for path, text in files.items():
            data = text.encode("utf-8")
            parts += [f"M 100644 inline {path}\n".encode(), b"data %d\n" % len(data), data, b"\n"]
        parts.append(b"\n")
        self._write(b"".join(parts))

    def _write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(data)
        except BrokenPipeError:
            self.close()
        self.bytes += len(data)

    def close(self) -> None:
        assert self.proc.stdin is not None
        try:
            if not self.proc.stdin.closed:
                self.proc.stdin.write(b"done\n")
                self.proc.stdin.close()
        except BrokenPipeError:
            pass
        code = self.proc.wait()
        self.errors.seek(0)
        errors = self.errors.read().decode("utf-8", "replace")
        self.errors.close()
        if code:
            raise HistoryError(f"git fast-import: exit code {code}\n{errors}")


def commit_times(rng: random.Random, n: int) -> list[dt.datetime]:
    """``n`` commit times from START: a few working hours apart, compressed to end by LAST_DAY."""
    days = sum(1 for d in range((LAST_DAY - START.date()).days + 1) if (START.date() + dt.timedelta(d)).weekday() < 5)
    per_day = (WORKDAY[1] - WORKDAY[0]) * 60
    scale = min(1.0, 0.9 * days * per_day / max(1, n * 150))  # 150 minutes: the mean gap below
    times, t = [START], START
    for _ in range(n - 1):
        t = _later(t, round(rng.randint(30, 270) * scale) or 1)
        times.append(t)
    return times


def _later(t: dt.datetime, minutes: int) -> dt.datetime:
    while True:
        close = t.replace(hour=WORKDAY[1], minute=0, second=0)
        room = int((close - t).total_seconds()) // 60
        if minutes < room:
            return t + dt.timedelta(minutes=minutes)
        minutes -= room
        t = (t + dt.timedelta(days=1)).replace(hour=WORKDAY[0], minute=0, second=0)
        while t.weekday() >= 5:
            t += dt.timedelta(days=1)


# --------------------------------------------------------------------------------------------------------
# Building the repository.


def history_docs(args: argparse.Namespace) -> dict[str, Doc]:
    """The final tree's data files: the default mode's generated files for these sizes, the shipped
    catalog (read as pmarklint reads it, written by the same emitter), require_approvals: warning."""
    docs = bench.synthetic_docs(args)
    settings = docs["pmarklint.yaml"]
    docs["pmarklint.yaml"] = {}
    for key, value in settings.items():
        docs["pmarklint.yaml"][key] = value
        if key == "approvals":
            docs["pmarklint.yaml"]["require_approvals"] = "warning"
    if bench.CATALOG.is_dir():
        for src in sorted(bench.CATALOG.glob("*.yaml")):
            document = parse(src.read_text("utf-8"), src.name).document
            if document is None:
                raise HistoryError(f"{src}: does not parse")
            docs[f"controls/{src.name}"] = document.data
    return docs


def build(repo: Path, args: argparse.Namespace, commits: int) -> History:
    """Generate the history into ``repo`` (new or empty) with one fast-import stream; check out the end."""
    t0 = time.perf_counter()
    docs = history_docs(args)
    builder = Builder(docs, commits, args.seed)
    ops = builder.plan()
    chains = builder.chains(ops)
    times = commit_times(builder.rng, len(ops))
    seconds = {"plan": time.perf_counter() - t0}

    t0 = time.perf_counter()
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    for key, value in (("user.name", "ベンチマーク"), ("user.email", "bench@example.invalid"), ("gc.auto", "0")):
        git(repo, "config", key, value)
    stream = FastImport(repo)
    try:
        result = _replay(builder, ops, chains, times, stream, repo)
    finally:
        stream.close()
    seconds["fast-import"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    # -f computes every delta afresh, as a clone's pack has them; the larger delta base cache keeps it from
    # re-reading fast-import's long chains of poor deltas (module docstring, "The pack").
    git(repo, "-c", f"core.deltaBaseCacheLimit={DELTA_BASE_CACHE}", "repack", "-a", "-d", "-f", "-q")
    git(repo, "commit-graph", "write", "--reachable")
    git(repo, "reset", "-q", "--hard")
    seconds["repack"] = time.perf_counter() - t0
    result.seconds = {k: round(v, 2) for k, v in seconds.items()}
    result.stream_bytes = stream.bytes
    result.pack_bytes = sum(p.stat().st_size for p in (repo / ".git" / "objects" / "pack").glob("*.pack"))
    return result


def _replay(
    builder: Builder,
    ops: list[Op],
    chains: dict[tuple[str, str], list[Any]],
    times: list[dt.datetime],
    stream: FastImport,
    repo: Path,
) -> History:
    """Write every commit of the plan, with the values of the chains, and return what was built."""
    ledgers = builder.fresh_ledgers()
    state = {eid: dict(e) for eid, e in builder.final.items()}
    step: Counter[tuple[str, str]] = Counter()
    for (eid, name), values in chains.items():
        state[eid][name] = values[0]
    render = Renderer()
    people = builder.people
    authors: dict[str, tuple[str, str]] = {}
    moves, renames = [], []
    settings_text = bench.to_yaml(builder.docs["pmarklint.yaml"], bench.HEADER)
    for number, (op, when) in enumerate(zip(ops, times, strict=True)):
        who = (people[op.author]["name"], people[op.author]["emails"][0])
        authors[op.author] = who
        files: dict[str, str] = {}
        renamed: tuple[tuple[str, str], ...] = ()
        ledger = ledgers[op.ledger] if op.ledger >= 0 else None
        if op.action == "import":
            files["pmarklint.yaml"] = settings_text
            files.update((x.path, render.text(x, state)) for x in ledgers)
            message = "PMSの台帳を登録"
        elif op.action == "edit":
            assert ledger is not None
            for eid, names in op.entries:
                for name in names:
                    step[eid, name] += 1
                    state[eid][name] = chains[eid, name][step[eid, name]]
                render.forget(eid)
            changed = sorted({name for _, names in op.entries for name in names})
            message = f"{', '.join(eid for eid, _ in op.entries)} を更新 ({', '.join(changed)})"
        elif op.action == "add":
            assert ledger is not None
            builder._insert(ledgers, op.ledger, op.entries[0][0])
            message = f"{op.entries[0][0]} を追加"
        elif op.action == "move":
            assert ledger is not None
            eid = op.entries[0][0]
            ledger.ids.remove(eid)
            builder._insert(ledgers, op.target, eid)
            files[ledgers[op.target].path] = render.text(ledgers[op.target], state)
            moves.append((number, eid, ledger.path, ledgers[op.target].path))
            message = f"{eid} を {ledger.path} から {ledgers[op.target].path} へ移動"
        elif op.action == "rename":
            assert ledger is not None
            renamed = ((ledger.path, ledger.final_path),)
            renames.append((number, ledger.path, ledger.final_path))
            message = f"{ledger.path} を {ledger.final_path} に改名"
            ledger.path = ledger.final_path
        else:  # approve
            assert ledger is not None
            by, role = builder.approver[ledger.kind]
            for eid, _ in op.entries:
                item = {"by": by, "role": role, "date": when.date(), "digest": digest(as_read(state[eid]))}
                state[eid]["approvals"] = [*state[eid].get("approvals", []), item]
                render.forget(eid)
            message = f"{ledger.path} の {len(op.entries)} 件を承認 ({role})"
        if ledger is not None and op.action != "rename":
            files[ledger.path] = render.text(ledger, state)
        stream.commit(who, when, message, files, renamed)
    return _result(builder, ops, ledgers, state, times, authors, moves, renames, repo)


def _result(
    builder: Builder,
    ops: list[Op],
    ledgers: list[Ledger],
    state: dict[str, Doc],
    times: list[dt.datetime],
    authors: dict[str, tuple[str, str]],
    moves: list[tuple[int, str, str, str]],
    renames: list[tuple[int, str, str]],
    repo: Path,
) -> History:
    docs = {"pmarklint.yaml": builder.docs["pmarklint.yaml"]}
    for x in ledgers:
        expected = [e["id"] for e in builder.docs[x.final_path]["entries"]]
        if x.path != x.final_path or x.ids != expected:
            raise HistoryError(f"{x.final_path}: the history does not end in the generated file")
        docs[x.path] = {**x.head, "entries": [state[eid] for eid in x.ids]}
    latest, items, stale = {}, 0, 0
    for eid, entry in state.items():
        if entry.get("approvals"):
            current = digest(as_read(entry))
            latest[eid] = entry["approvals"][-1]["digest"] == current
            items += len(entry["approvals"])
            stale += sum(1 for a in entry["approvals"] if a["digest"] != current)
    return History(
        repo=repo,
        docs=docs,
        commits=len(ops),
        first_day=times[0].date().isoformat(),
        last_day=times[-1].date().isoformat(),
        authors=authors,
        actions=dict(Counter(op.action for op in ops)),
        log=[(op.action, op.author) for op in ops],
        moves=moves,
        renames=renames,
        added=list(builder.added),
        latest_holds=latest,
        approval_items=items,
        stale_items=stale,
        entries=len(state),
        seconds={},
        stream_bytes=0,
        pack_bytes=0,
    )


def about_approvals(finding: Doc) -> bool:
    """A finding of the approval family, or about a value inside an entry's approvals."""
    return str(finding.get("rule", "")).startswith("PML4") or str(finding.get("path") or "").startswith("approvals")


def comparable(output: Doc) -> Counter[tuple[str, str, str, str]]:
    """A check's findings without positions and without those about approvals: what the history cannot
    change. Two runs judge a repository the same when these are equal."""
    return Counter(
        (f.get("rule", ""), f.get("file", ""), f.get("entry") or "", f.get("path") or "")
        for f in output.get("findings", [])
        if not about_approvals(f)
    )


# --------------------------------------------------------------------------------------------------------
# Measuring.

LABELS = {
    "floor_a": "floor A: git log --name-status",
    "floor_b": "floor B: git log -p",
    "check": "pmarklint check, warm cache",
    "check_no_history": "pmarklint check --no-history, warm",
    "check_next": "pmarklint check after one more commit",
    "check_no_history_next": "the same with --no-history",
    "check_cold": "pmarklint check, cold cache",
    "check_no_history_cold": "pmarklint check --no-history, cold",
    "trail": "pmarklint trail, cold cache",
}
VERIFICATION = "approval verification (difference)"
VERIFICATION_COLD = "verification, first run (difference)"
TARGETS = {  # ratio name -> (numerator, denominator, upper bound)
    "approval verification / floor A": ("verification", "floor_a", 3.0),
    "after one more commit / floor A": ("verification_next", "floor_a", 2.0),
    "fresh clone / floor B": ("verification_cold", "floor_b", 1.0),
    "trail / floor B": ("trail", "floor_b", 1.5),
}


def commands(repo: Path, hist: History, trail_output: Path) -> dict[str, list[str]]:
    log = ["git", "-C", str(repo), "log"]
    check = bench.pmarklint_cmd(repo)
    trail = [sys.executable, "-m", "pmarklint", "trail", str(repo), "--since", hist.first_day]
    return {
        "floor_a": [*log, "--format=%H%x00%an%x00%ae%x00%aI", "--name-status", "--", *PMS_PATHS],
        "floor_b": [*log, "-p", "--", *PMS_PATHS],
        "check": check,
        "check_no_history": [*check, "--no-history"],
        "trail": [*trail, "--until", hist.last_day, "--format", "json", "--output", str(trail_output)],
    }


def usage_error(proc: subprocess.CompletedProcess[bytes]) -> str | None:
    """click's complaint when this pmarklint does not know a command or option (yet), else None."""
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 2 or "Usage:" not in stderr:
        return None
    errors = [line.strip() for line in stderr.splitlines() if line.strip().startswith("Error:")]
    return errors[-1] if errors else stderr.strip().splitlines()[-1]


def _trail_output(proc: subprocess.CompletedProcess[bytes], path: Path) -> Doc:
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1) or "Traceback (most recent call last)" in stderr:
        raise bench.BenchmarkError(f"pmarklint trail: exit code {proc.returncode}\n{stderr}")
    try:
        output: Doc = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise bench.BenchmarkError(f"pmarklint trail: {path} is not a JSON report ({exc})\n{stderr}") from None
    return output


def measure(
    repo: Path, work: Path, repeat: int, hist: History
) -> tuple[dict[str, list[float]], dict[str, str], dict[str, Any]]:
    """Times of each measurement, the measurements this pmarklint cannot make (with why), and outputs."""
    out = work / "trail.json"
    cmd = commands(repo, hist, out)
    # every warm run is computed (PMARKLINT_KEEP_RUN=0): a kept run answers a run whose inputs did not change
    # in the same time with or without --no-history, and the difference would not measure verification
    warm = computed(work / "cache-history")
    unavailable: dict[str, str] = {}
    info: dict[str, Any] = {}
    _, proc = bench.timed(cmd["check"], warm)  # fills the cache
    info["check_output"] = bench.checked("pmarklint check", proc)
    _, proc = bench.timed(cmd["check_no_history"], warm)
    why = usage_error(proc)
    if why:
        unavailable["check_no_history"] = why
    else:
        info["no_history_output"] = bench.checked("pmarklint check --no-history", proc)

    times: dict[str, list[float]] = {name: [] for name in LABELS}
    for i in range(repeat):  # round-robin, as in the default mode
        for name in ("floor_a", "floor_b"):
            t, proc = bench.timed(cmd[name])
            if proc.returncode:
                raise bench.BenchmarkError(f"{LABELS[name]}: {proc.stderr.decode('utf-8', 'replace')}")
            info[f"{name}_bytes"] = len(proc.stdout)
            times[name].append(t)
        t, proc = bench.timed(cmd["check"], warm)
        bench.checked("pmarklint check (warm)", proc)
        times["check"].append(t)
        if "check_no_history" not in unavailable:
            t, proc = bench.timed(cmd["check_no_history"], warm)
            bench.checked("pmarklint check --no-history (warm)", proc)
            times["check_no_history"].append(t)
        next_times = _after_one_commit(repo, work / f"next-{i}", work / "cache-history", cmd["check"])
        times["check_next"].append(next_times[0])
        times["check_no_history_next"].append(next_times[1])
        if "check_no_history" not in unavailable:  # the first run in a clone: nothing cached, not even files
            for name, extra in (("check_cold", []), ("check_no_history_cold", ["--no-history"])):
                t, proc = bench.timed([*cmd["check"], *extra], bench.pmarklint_env(work / f"cache-{name}-{i}"))
                bench.checked(f"pmarklint check {' '.join(extra)} (cold)", proc)
                times[name].append(t)
        if "trail" not in unavailable:
            out.unlink(missing_ok=True)
            t, proc = bench.timed(cmd["trail"], bench.pmarklint_env(work / f"cache-trail-{i}"))
            why = usage_error(proc)
            if why:
                unavailable["trail"] = why
                continue
            info["trail_output"] = _trail_output(proc, out)
            times["trail"].append(t)
    return times, unavailable, info


def computed(cache: Path) -> dict[str, str]:
    """pmarklint's environment with the cache in ``cache`` and the kept run off (docs/design/cache.md)."""
    return {**bench.pmarklint_env(cache), "PMARKLINT_KEEP_RUN": "0"}


def _after_one_commit(repo: Path, into: Path, cache: Path, check: list[str]) -> tuple[float, float]:
    """The pre-commit case: a copy of the repository and of the warm cache, one more commit that changes a
    date in one ledger, then ``check --no-history`` once (which reads the changed ledger again, as any check
    would), and then, timed, ``check`` and ``check --no-history``, both computed (the kept run off): what the
    first adds to the second is the verification of the new commit (the verdicts about approvals that the
    commit did not touch are reused)."""
    import shutil

    shutil.copytree(repo, into / "repo")
    shutil.copytree(cache, into / "cache")
    ledger = sorted((into / "repo" / "inventory").glob("*.yaml"))[0]
    text = ledger.read_text("utf-8")
    at = text.index("last_reviewed: ") + len("last_reviewed: ")
    ledger.write_text(text[:at] + "2026-03-04" + text[at + 10 :], "utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.test"}
    env.update(GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.test")
    subprocess.run(["git", "-C", str(into / "repo"), "commit", "-q", "-am", "one more"], env=env, check=True)
    command = [str(into / "repo") if arg == str(repo) else arg for arg in check]
    env = computed(into / "cache")
    _, proc = bench.timed([*command, "--no-history"], env)
    bench.checked("pmarklint check --no-history after one more commit", proc)
    t, proc = bench.timed(command, env)
    bench.checked("pmarklint check after one more commit", proc)
    base, proc = bench.timed([*command, "--no-history"], env)
    bench.checked("pmarklint check --no-history after one more commit", proc)
    return t, base


def report(
    times: dict[str, list[float]],
    unavailable: dict[str, str],
    info: dict[str, Any],
    args: argparse.Namespace,
    setup: dict[str, Any],
) -> Doc:
    stats: dict[str, Doc] = {
        name: {"median": statistics.median(ts), "min": min(ts), "max": max(ts), "runs": ts}
        for name, ts in times.items()
        if ts
    }
    print()
    print(f"{'measurement':40} {'median':>9} {'min':>9} {'max':>9}")
    for name, label in LABELS.items():
        s = stats.get(name)
        if s:
            print(f"{label:40} {s['median']:8.3f}s {s['min']:8.3f}s {s['max']:8.3f}s")
        else:
            print(f"{label:40} unavailable: {unavailable.get(name, 'not measured')}")
    if "check" in stats and "check_no_history" in stats:
        value = stats["check"]["median"] - stats["check_no_history"]["median"]
        stats["verification"] = {"median": value, "of": "median(check) - median(check --no-history)"}
        print(f"{VERIFICATION:40} {value:8.3f}s")
    else:
        print(f"{VERIFICATION:40} unavailable: needs check --no-history")
    if "check_next" in stats and "check_no_history_next" in stats:
        value = stats["check_next"]["median"] - stats["check_no_history_next"]["median"]
        of = "median(check after a commit) - median(check --no-history after it)"
        stats["verification_next"] = {"median": value, "of": of}
        ratio = value / stats["floor_a"]["median"]
        print(f"{'verification after one more commit':40} {value:8.3f}s  ({ratio:.1f} x floor A)")
    if "check_cold" in stats and "check_no_history_cold" in stats:
        value = stats["check_cold"]["median"] - stats["check_no_history_cold"]["median"]
        stats["verification_cold"] = {"median": value, "of": "median(check) - median(check --no-history), cold"}
        ratio = value / stats["floor_a"]["median"]
        print(f"{VERIFICATION_COLD:40} {value:8.3f}s  ({ratio:.1f} x floor A; stretch target 10 x floor A)")
    print()
    ratios: dict[str, Doc] = {}
    for label, (num, den, target) in TARGETS.items():
        if num not in stats:
            ratios[label] = {"value": None, "target": target, "ok": None}
            print(f"{label:32} = unavailable (target <= {target:.2f})")
            continue
        value = stats[num]["median"] / stats[den]["median"]
        ok = value <= target
        ratios[label] = {"value": value, "target": target, "ok": ok}
        print(f"{label:32} = {value:5.2f} (target <= {target:.2f}) {'OK' if ok else 'MISSED'}")
    missed = [k for k, r in ratios.items() if r["ok"] is False]
    if missed:
        print(f"\nMISSED: {', '.join(missed)}")
    if unavailable:
        print(f"UNAVAILABLE: {', '.join(LABELS[k] for k in unavailable)}")

    outputs = {"check": info["check_output"], "check --no-history": info.get("no_history_output")}
    for name, output in outputs.items():
        if output is not None:
            summary = output.get("summary", {})
            counts = bench.rule_counts(output)
            print(
                f"\npmarklint {name}: {summary.get('files', '?')} files, {summary.get('entries', '?')} entries, "
                f"{summary.get('errors', '?')} errors, {summary.get('warnings', '?')} warnings"
            )
            print("  findings by rule: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
            if counts.get("PML101"):
                print(f"  WARNING: {counts['PML101']} PML101 (schema) findings on generated data")
            rules = Counter(str(f.get("rule")) for f in output.get("findings", []) if about_approvals(f))
            odd = {k: v for k, v in sorted(rules.items()) if not k.startswith("PML4")}
            if odd:  # e.g. the personal-data check reading ten digits of a digest as a phone number
                print(f"  NOTE: other checks on approval items: {', '.join(f'{k} {v}' for k, v in odd.items())}")
    print(
        f"git output per run: floor A {info.get('floor_a_bytes', 0) / 1e6:.1f} MB, "
        f"floor B {info.get('floor_b_bytes', 0) / 1e6:.1f} MB"
    )
    return {
        "tool": "pmarklint-bench",
        "mode": "history",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "parameters": {
            k: getattr(args, k) for k in ("commits", "entries", "files", "contractors", "people", "repeat", "seed")
        },
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "git": git(bench.PROJECT, "--version").strip(),
            "pmarklint": info["check_output"].get("version"),
        },
        "setup": setup,
        "measurements": stats,
        "unavailable": unavailable,
        "ratios": ratios,
        "findings_by_rule": {k: bench.rule_counts(v) for k, v in outputs.items() if v is not None},
    }


def same_judgement(repo: Path, work: Path, args: argparse.Namespace) -> list[str]:
    """Differences between what check says of the history's final tree and of the default mode's repository
    of the same sizes, approval findings left out (empty: judged the same)."""
    plain = work / "plain"
    plain.mkdir()
    bench.generate(plain, args)
    bench.git_commit(plain)
    outputs = []
    for path, extra in ((repo, ["--no-history"]), (plain, [])):
        env = bench.pmarklint_env(work / f"cache-compare-{path.name}")
        _, proc = bench.timed([*bench.pmarklint_cmd(path), *extra], env)
        if extra and usage_error(proc):  # no --no-history yet: no git-backed checks either
            _, proc = bench.timed(bench.pmarklint_cmd(path), env)
        outputs.append(comparable(bench.checked(f"pmarklint check {path}", proc)))
    ours, theirs = outputs
    return [f"only with history: {k} x{v}" for k, v in (ours - theirs).items()] + [
        f"only without history: {k} x{v}" for k, v in (theirs - ours).items()
    ]


def run(args: argparse.Namespace, repo: Path, work: Path, started: float) -> int:
    """The history mode of bench.py: generate, (validate), measure, report."""
    hist = build(repo, args, args.commits)
    files = bench.yaml_files(repo)
    size = sum((repo / f).stat().st_size for f in files)
    approved = len(hist.latest_holds)
    stale = sum(1 for holds in hist.latest_holds.values() if not holds)
    catalog = len(list(bench.CATALOG.glob("*.yaml"))) if bench.CATALOG.is_dir() else 0
    setup = {
        "repository": str(repo) if args.keep else None,
        "yaml_files": len(files),
        "yaml_bytes": size,
        "pack_bytes": hist.pack_bytes,
        "fast_import_bytes": hist.stream_bytes,
        "generate_seconds": hist.seconds,
        "history": {
            "commits": hist.commits,
            "first_day": hist.first_day,
            "last_day": hist.last_day,
            "authors": len(hist.authors),
            "actions": hist.actions,
            "entries": hist.entries,
            "entries_approved": approved,
            "entries_stale": stale,
            "approval_items": hist.approval_items,
            "stale_items": hist.stale_items,
        },
    }
    print(
        f"pmarklint benchmark, history mode: {hist.commits:,} commits; {args.entries:,} inventory entries in "
        f"{args.files} files, {args.contractors:,} contractors, {args.people} people, {catalog} catalog files; "
        f"repeat {args.repeat}"
    )
    print(
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"({'with' if yaml.__with_libyaml__ else 'WITHOUT'} libyaml), {git(repo, '--version').strip()}, "
        f"{os.cpu_count()} CPUs"
    )
    s = hist.seconds
    print(
        f"repository: {len(files)} YAML files, {size / 1e6:.1f} MB at HEAD, pack {hist.pack_bytes / 1e6:.1f} MB; "
        f"generated in {sum(s.values()):.1f} s (plan {s['plan']:.1f}, fast-import {s['fast-import']:.1f} of "
        f"{hist.stream_bytes / 1e6:.0f} MB, repack {s['repack']:.1f}){f' at {repo}' if args.keep else ''}"
    )
    print(
        f"history: {hist.first_day} .. {hist.last_day}, {len(hist.authors)} authors; "
        + ", ".join(f"{k} {v}" for k, v in sorted(hist.actions.items()))
    )
    print(
        f"approvals: {hist.approval_items:,} items, {hist.stale_items:,} of them older than their entry's content; "
        f"{approved:,} of {hist.entries:,} entries approved, {stale:,} of those stale at HEAD"
    )
    if args.validate:
        t0 = time.perf_counter()
        errors = bench.validate(repo, hist.docs)
        differences = same_judgement(repo, work, args)
        for line in differences[:20]:
            print(f"  {line}")
        print(
            f"validate: {errors} error(s); judged {'the same as' if not differences else 'UNLIKE'} the default "
            f"mode's repository (approval findings aside); {time.perf_counter() - t0:.1f} s"
        )
        if errors or differences:
            return 1
    if args.generate_only:
        return 0
    times, unavailable, info = measure(repo, work, args.repeat, hist)
    result = report(times, unavailable, info, args, setup)
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(f"\nwhole benchmark: {result['wall_seconds']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0
