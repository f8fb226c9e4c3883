"""``check`` from start to end: find the repository, read its settings, load every file (from the cache
where it has not changed), build the index, run the repository checks, apply the settings' severities."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmarklint.approvals.policy import in_force
from pmarklint.check.causes import CAUSES, mark_knock_ons, unread_files
from pmarklint.check.changes import ChangeSet, baseline_dir, changes_since, extract, resolve_ref, select
from pmarklint.check.stage import DEFAULT_STAGE, at_stage
from pmarklint.check.waivers import FAIL_CLOSED, apply_waivers
from pmarklint.dates import Duration, resolve_today
from pmarklint.documents.loader import DEFAULT_MAX_FILE_SIZE, Document, decode, parse
from pmarklint.errors import PmarklintError
from pmarklint.findings import Finding, finding
from pmarklint.i18n import PERSON_ARGS, text
from pmarklint.resources import KINDS, data_dir
from pmarklint.rules import REGISTRY, document_checks, history_scope_checks, open_history, repository_checks
from pmarklint.rules.context import Context, History
from pmarklint.rules.index import EntryRef, RepositoryIndex
from pmarklint.workspace.cache import Cache, default_directory, file_record, places_record, share_text
from pmarklint.workspace.config import CONFIG_NAME, Config, find_root, load_config
from pmarklint.workspace.files import discover, find_git_dir, find_toplevel, list_all_files

if TYPE_CHECKING:
    from pmarklint.check.as_of import AsOf  # reads git history: imported when --as-of is given


@dataclass
class FileResult:
    rel: str
    kind: str | None
    entries: list[Any]
    findings: list[Finding]
    document: Document | None = None  # kept when parsed in this run, for positions
    entry_lines: tuple[int, ...] = ()  # the line each entry starts on: lets a cached file be located cheaply
    places_key: str | None = None  # the cache key of where each entry's nodes stand (pmarklint.check.places)

    @property
    def lines_of_entries(self) -> tuple[int, ...]:
        if self.entry_lines or self.document is None:
            return self.entry_lines
        entries = self.document.data.get("entries") if isinstance(self.document.data, dict) else None
        count = len(entries) if isinstance(entries, list) else 0
        return tuple(self.document.position(("entries", i))[0] for i in range(count))


@dataclass
class CheckResult:
    root: Path
    today: dt.date
    config: Config
    files: int
    entries: int
    findings: list[Finding]
    waived: list[Finding] = field(default_factory=list)
    checked_files: tuple[str, ...] = ()  # every PMS file that was read, relative to the root
    repository_root: Path | None = None  # the git work tree's top folder, when the root is inside one
    changes: ChangeSet | None = None  # with --changed-since: what the change touched
    as_of: AsOf | None = None  # with --as-of: the commit whose tree was checked
    source_root: Path | None = None  # where the checked files are when not under root (--as-of)
    notices: tuple[tuple[str, dict[str, str]], ...] = ()  # one line each on standard error: (message key, args)
    stage: str = DEFAULT_STAGE  # how missing and stale approvals were weighed (pmarklint.check.stage)
    # who answers for each entry ((file, id) → person id: its owner field) and the roster's names (id → name),
    # for the reports that list deadlines by owner
    owners: dict[tuple[str, str], str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level == "warning")


def classify(document: Document, rel: str) -> tuple[str | None, list[Finding]]:
    """The file's kind, or a PML005 finding."""
    data = document.data
    if not isinstance(data, dict):
        line, column = document.position(())
        return None, [finding("PML005", rel, line, column, "PML005.not_mapping")]
    kind = data.get("kind")
    if kind is None:
        return None, [finding("PML005", rel, 1, 1, "PML005.missing_kind")]
    if kind not in KINDS:
        import difflib

        close = difflib.get_close_matches(str(kind), KINDS, n=1, cutoff=0.6)
        line, column = document.position(("kind",))
        return None, [
            finding(
                "PML005", rel, line, column, "PML005.unknown_kind", kind=str(kind), suggestion=close[0] if close else ""
            )
        ]
    return kind, []


def load_one(
    root: Path, rel: str, cache: Cache, max_size: int, options: Mapping[str, Mapping[str, Any]] | None = None
) -> FileResult:
    """What one file yields: its kind, entries and file-scope findings, from the cache if unchanged.
    ``options``: the rules' options the file-scope checks read (Config.rule_options)."""
    from pmarklint.workspace.files import TooLarge, link_finding, read_file

    options = options or {}
    link = link_finding(root, rel)  # before any stat or read, and never cached: it is not about content
    if link is not None:
        return FileResult(rel, None, [], [link])
    try:
        raw = read_file(root, rel, max_size)  # follows no link, even one swapped in since link_finding
    except TooLarge as exc:
        return FileResult(
            rel, None, [], [finding("PML004", rel, 1, 1, "PML004.too_large", size=exc.size, limit=max_size)]
        )
    except OSError as exc:
        return FileResult(rel, None, [], [finding("PML004", rel, 1, 1, "PML004.unreadable", error=str(exc))])
    key = cache.key("file", raw, sorted(options.items()))
    places_key = cache.key("places", raw)  # positions depend on the bytes alone
    cached = cache.get(key, shape=file_record)
    if isinstance(cached, tuple) and len(cached) == 4:
        kind, entries, found, lines = cached
        return FileResult(rel, kind, entries, [Finding.from_tuple(rel, f) for f in found], None, lines, places_key)
    result = _load_fresh(raw, rel, options)
    share_text(result.entries)
    found = tuple(f.to_tuple() for f in result.findings)
    cache.put(key, (result.kind, result.entries, found, result.lines_of_entries))
    result.places_key = places_key
    return result


def _load_fresh(raw: bytes, rel: str, options: Mapping[str, Mapping[str, Any]]) -> FileResult:
    content, problems = decode(raw, rel)
    if content is None:
        return FileResult(rel, None, [], problems)
    loaded = parse(content, rel)
    document = loaded.document
    if document is None:
        return FileResult(rel, None, [], loaded.findings)
    kind, problems = classify(document, rel)
    if kind is None:
        return FileResult(rel, None, [], loaded.findings + problems, document)
    from pmarklint.documents.schema import validate_document

    problems = validate_document(kind, document, rel)
    for check in document_checks():
        problems += check(kind, document, rel, options)
    entries = document.data.get("entries")
    entries = entries if isinstance(entries, list) else []  # every item, so that indexes match the file
    return FileResult(rel, kind, entries, [_name_entry(f, document) for f in loaded.findings] + problems, document)


_ENTRY_PATH = re.compile(r"entries\[(\d+)\]\.?(.*)\Z")


def _name_entry(item: Finding, document: Document) -> Finding:
    """Name the entry a loader finding falls in, with its path relative to that entry."""
    match = _ENTRY_PATH.match(item.path or "")
    if item.entry is not None or match is None:
        return item
    entries = document.data.get("entries") if isinstance(document.data, dict) else None
    entry = entries[int(match[1])] if isinstance(entries, list) and int(match[1]) < len(entries) else None
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    return replace(item, entry=entry_id if isinstance(entry_id, str) else None, path=match[2] or None)


class Locator:
    """Positions for repository-scope findings. A file parsed in this run answers from memory; a file that
    came from the cache answers from the places the cache keeps for its entries with findings
    (pmarklint.check.places), else by parsing the entry's lines, else the whole file (and pmarklint.yaml is
    parsed again only if a finding needs a position in it). :meth:`keep` stores the places of the entries
    located by a parse in this run, for the next run."""

    def __init__(self, root: Path, results: dict[str, FileResult], cache: Cache | None = None) -> None:
        self.root = root
        self.results = results
        self.cache = cache
        self.places: dict[str, tuple[bytes, ...]] = {}  # a cached file's kept positions, () when it has none
        self.documents: dict[Any, Document] = {}
        self.located: dict[str, set[int]] = {}  # entries located in a file parsed whole, by file
        self.read_keys: dict[str, str] = {}  # the places key of the bytes this locator read, by file
        self.sliced: dict[str, set[int]] = {}  # entries of cached files placed by parsing their lines
        self.lines: dict[str, list[str]] = {}  # a cached file's lines, empty when it cannot be sliced
        self.slices: dict[str, int] = {}

    def __call__(self, rel: str, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        result = self.results.get(rel)
        in_entry = len(path) >= 2 and path[0] == "entries" and path[1].__class__ is int
        whole = result.document if result is not None and result.document is not None else self.documents.get(rel)
        if result is not None and whole is None and in_entry:
            found = self._kept(result, path, at_key) or self._in_entry(result, path[1], path[2:], at_key)
            if found is not None:
                return found
        if whole is None:
            whole = self.documents[rel] = parse(self._text(rel), rel).document or Document(None)
        if in_entry and result is not None:
            self.located.setdefault(rel, set()).add(path[1])
        return whole.position(path, key=at_key)

    def keep(self) -> None:
        """Store, for each file parsed in this run (whole, or entry by entry), the places of the entries that
        were located (merged with what the cache kept for its other entries), so that the next run need not
        parse them."""
        from pmarklint.check.places import entry_places

        if self.cache is None or self.cache.directory is None:
            return
        for rel in sorted(set(self.located) | set(self.sliced)):
            result = self.results[rel]
            document, indexes = result.document, self.located.get(rel, set())
            if document is None and self.read_keys.get(rel) == result.places_key:  # the bytes the run loaded
                document = self.documents.get(rel)
                if document is None:
                    document, indexes = self._from_slices(result), self.sliced[rel]
            if document is None or result.places_key is None or result.kind is None:
                continue
            kept = self.places.get(rel)
            if kept is None:
                kept = self._read_places(result)
            places = entry_places(document, sorted(indexes), kept)
            if places and places != kept:
                self.cache.put(result.places_key, places)

    def _from_slices(self, result: FileResult) -> Document:
        """A document of the file's entries with the positions of the entries parsed alone."""
        values: dict[tuple[Any, ...], tuple[int, int]] = {}
        keys: dict[tuple[Any, ...], tuple[int, int]] = {}
        for index in self.sliced.get(result.rel, ()):
            piece, shift = self.documents[result.rel, index], result.entry_lines[index] - 1
            for table, out in ((piece.values, values), (piece.keys, keys)):
                for path, (line, column) in table.items():
                    if path[:1] == (0,):
                        full = ("entries", index, *path[1:])
                        out[full] = (line + shift, column)
        return Document({"entries": result.entries}, values, keys)

    def _text(self, rel: str) -> str:
        from pmarklint.workspace.files import link_finding, read_file

        if link_finding(self.root, rel) is not None:
            return ""
        try:
            raw = read_file(self.root, rel)
        except OSError:
            return ""
        if self.cache is not None:
            self.read_keys[rel] = self.cache.key("places", raw)
        content, _ = decode(raw, rel)
        return content or ""

    def _kept(self, result: FileResult, path: tuple[Any, ...], at_key: bool) -> tuple[int, int] | None:
        """The position from the places the cache keeps for the file (no parse), or None."""
        rel, index = result.rel, path[1]
        places = self.places.get(rel)
        if places is None:
            places = self.places[rel] = self._read_places(result)
        if index >= len(places) or not places[index] or index >= len(result.entry_lines):
            return None
        key = (rel, index, "places")
        document = self.documents.get(key)
        if document is None:
            from pmarklint.check.places import entry_document

            found = entry_document(places[index], result.entries[index], index, result.entry_lines[index])
            document = self.documents[key] = found or Document(None)
        if not document.values:
            return None
        return document.position(path, key=at_key)

    def _read_places(self, result: FileResult) -> tuple[bytes, ...]:
        if self.cache is None or result.places_key is None:
            return ()
        places = self.cache.get(result.places_key, shape=places_record)
        return places if isinstance(places, tuple) and len(places) == len(result.entries) else ()

    # Past this many entries with findings in one file, parsing the whole file once is cheaper.
    _MOST_SLICES = 32

    def _in_entry(self, result: FileResult, index: int, sub: tuple[Any, ...], at_key: bool) -> tuple[int, int] | None:
        """Parse only the lines of one entry of a cached file: a large ledger with one finding costs a
        few lines of parsing, not the whole file. None when the layout does not allow it (flow style), or
        when so many entries need positions that the whole file should be parsed instead."""
        rel = result.rel
        if rel not in self.lines:
            starts = result.entry_lines
            sliceable = all(a < b for a, b in itertools.pairwise(starts))
            self.lines[rel] = self._text(rel).split("\n") if sliceable else []
            self.slices[rel] = 0
        lines = self.lines[rel]
        starts = result.entry_lines
        if not lines or index >= len(starts) or rel in self.documents:
            return None
        key = (rel, index)
        if key not in self.documents:
            self.slices[rel] += 1
            if self.slices[rel] > self._MOST_SLICES:
                return None
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
            piece = parse("\n".join(lines[starts[index] - 1 : end]), rel)
            ok = piece.document is not None and isinstance(piece.document.data, list) and len(piece.document.data) == 1
            self.documents[key] = piece.document if ok and piece.document is not None else Document(None)
        document = self.documents[key]
        if document.data is None:
            return None
        self.sliced.setdefault(rel, set()).add(index)
        line, column = document.position((0, *sub), key=at_key)
        return line + starts[index] - 1, column


def load_catalog(cache: Cache) -> dict[str, dict[str, Any]]:
    """The requirement items of the repository's framework, by id: the shipped catalog. pmark-2023 is the only
    framework pmarklint.yaml's schema accepts today; a second one would get a catalog folder of its own."""
    directory = data_dir("controls")
    catalog: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.yaml")):
        result = load_one(directory, path.name, cache, DEFAULT_MAX_FILE_SIZE)
        for entry in result.entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                catalog[entry["id"]] = entry
    return catalog


def run_check(
    start: Path,
    *,
    today: str | None = None,
    lang: str = "en",
    use_cache: bool = True,
    changed_since: str | None = None,
    history: bool = True,
    as_of: str | None = None,
    workdir: Path | None = None,
    stage: str = DEFAULT_STAGE,
    staged: bool = False,
    window: Duration | None = None,
) -> CheckResult:
    """Check the repository at (or above) ``start``. With ``as_of``, check it as it stood then: the commit's
    tree is extracted into ``workdir``, which the caller keeps until the report is written. ``stage``: how a
    missing or stale approval weighs (pmarklint.check.stage). ``staged``: check what is staged (the index,
    extracted into ``workdir``) instead of the work tree; outside git, the work tree. ``window``: how far ahead
    "due soon" looks instead of ``review.warn_within`` (``pmarklint due``)."""
    root = find_root(start, lang)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # parsing makes no cyclic garbage; the collector only costs time here (about 2x)
    git_dir = find_git_dir(root)
    cache = Cache(default_directory(git_dir) if use_cache else None)
    zone = load_config(root, cache, lang).zone  # today, future and due dates: in the repository's time zone
    day = resolve_today(today, lang, zone)
    notices = (cache.notice,) if cache.notice else ()
    try:
        if staged and (as_of is not None or changed_since is not None):
            raise PmarklintError(text("ui.staged_with", lang, option="--as-of" if as_of else "--changed-since"))
        if staged and git_dir is not None:
            result = _staged(root, git_dir, cache, day, lang, history, stage, workdir)
        elif as_of is not None:
            result = _as_of(root, git_dir, cache, as_of, today, lang, history, changed_since, workdir, zone)
        else:
            result, loaded = _run(root, git_dir, cache, day, lang, history=history, stage=stage, window=window)
            if changed_since is not None:
                result = _only_changes(result, loaded, changed_since, cache, lang)
        return replace(result, notices=notices + result.notices) if notices else result
    finally:
        if gc_was_enabled:
            # With the collector off, every object the run made stayed in the youngest generation, and the first
            # collection after enable() would walk them all (0.18 s on 10,000 entries). They have lived as long
            # as the run: move them to the oldest generation, as surviving collections would have.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _as_of(
    root: Path,
    git_dir: Path | None,
    cache: Cache,
    value: str,
    today: str | None,
    lang: str,
    history: bool,
    changed_since: str | None,
    workdir: Path | None,
    zone: dt.tzinfo,
) -> CheckResult:
    if changed_since is not None:
        raise PmarklintError(text("ui.as_of_both", lang))
    if git_dir is None:
        raise PmarklintError(text("ui.as_of_no_git", lang, value=value))
    from pmarklint.check.as_of import resolve as resolve_as_of

    point = resolve_as_of(root, value, lang, zone)
    if workdir is None:  # pragma: no cover - a caller's mistake, not a user's
        raise ValueError("--as-of needs a folder to extract the commit into")
    source = extract(root, point.commit, workdir)
    if not (source / CONFIG_NAME).is_file():
        raise PmarklintError(text("ui.as_of_no_config", lang, value=value, commit=point.commit[:10]))
    day = resolve_today(today, lang, zone) if today else point.day
    result, _ = _run(source, None, cache, day, lang, history=history, history_at=(root, point.commit))
    return replace(
        result,
        root=root,
        source_root=source,
        as_of=point,
        repository_root=find_toplevel(root),
        notices=result.notices + point.notices(),
    )


def _staged(
    root: Path,
    git_dir: Path,
    cache: Cache,
    day: dt.date,
    lang: str,
    history: bool,
    stage: str,
    workdir: Path | None,
) -> CheckResult:
    """The check of what is staged: the index's PMS files, extracted, judged with the repository's history."""
    from pmarklint.git.index import as_work_tree, extract

    if workdir is None:  # pragma: no cover - a caller's mistake, not a user's
        raise ValueError("--staged needs a folder to extract the index into")
    source = extract(root, [CONFIG_NAME], workdir)
    if not (source / CONFIG_NAME).is_file():
        raise PmarklintError(text("ui.staged_no_config", lang))
    folders = sorted(set(load_config(source, Cache(None), lang).folders.values()))
    extract(root, folders, workdir)
    top = find_toplevel(root)
    with as_work_tree(root, workdir):
        result, _ = _run(source, git_dir, cache, day, lang, history=history, stage=stage)
    return replace(result, root=root, source_root=source, repository_root=top)


def _only_changes(
    result: CheckResult, loaded: dict[str, FileResult], value: str, cache: Cache, lang: str
) -> CheckResult:
    """The findings a change since ``value`` is responsible for (pmarklint.check.changes)."""
    ref = resolve_ref(value)
    if ref is None:
        return result  # nothing to compare with: everything is the change's
    current = {rel: r.entries for rel, r in loaded.items()}
    changes = changes_since(result.root, value, ref, sorted(set(result.config.folders.values())), current)
    with baseline_dir() as tmp:
        before_root = extract(result.root, changes.commit, Path(tmp))
        if (before_root / CONFIG_NAME).is_file():
            before, _ = _run(before_root, None, cache, result.today, lang)  # the same cache: only changes parse
            earlier = before.findings + before.waived
        else:
            earlier = []  # pmarklint.yaml did not exist yet: everything is new
    return replace(
        result,
        findings=select(result.findings, changes, earlier),
        waived=select(result.waived, changes, earlier),
        changes=changes,
    )


def _run(
    root: Path,
    git_dir: Path | None,
    cache: Cache,
    today: dt.date,
    lang: str,
    *,
    history: bool = False,
    history_at: tuple[Path, str] | None = None,
    stage: str = DEFAULT_STAGE,
    window: Duration | None = None,
) -> tuple[CheckResult, dict[str, FileResult]]:
    config = load_config(root, cache, lang)
    check_rule_codes(config, lang)
    workspace = discover(root, sorted(set(config.folders.values())), git_dir)
    options = config.rule_options
    results = {rel: load_one(root, rel, cache, config.max_file_size, options) for rel in workspace.files}

    found: list[Finding] = [f for r in results.values() for f in r.findings]
    found += [finding("PML006", rel, 1, 1, "PML006.untracked") for rel in workspace.untracked]

    repo_index = RepositoryIndex()
    for result in results.values():
        if result.kind is None:
            continue
        for i, entry in enumerate(result.entries):
            if isinstance(entry, dict):  # anything else is already a PML101 finding
                repo_index.add(EntryRef(result.rel, i, result.kind, entry))
    locate = Locator(root, results, cache)
    ctx = Context(
        root=root,
        config=config,
        today=today,
        index=repo_index,
        locate=locate,
        list_files=lambda: list_all_files(root, git_dir),
        catalog=load_catalog(cache),
        history=History(git_dir, cache, history_at, open_history) if history else None,
        warn_window=window,
    )
    try:
        for check in repository_checks():
            check(ctx)
        if ctx.history is not None:  # the history-scope checks, after the repository checks
            for check in history_scope_checks():
                check(ctx)
        locate.keep()
    finally:
        if ctx.history is not None:
            ctx.history.close()
    found += ctx.out
    if ctx.settings_in_force is not None:  # a change of the approval settings awaits approval: judge by these
        config = Config(config.root, in_force(config.data, ctx.settings_in_force))
        ctx.config = config
    names = {
        ref.id: ref.data["name"] for ref in ctx.entries("person") if ref.id and isinstance(ref.data.get("name"), str)
    }
    found = with_names(found, names)
    kept, waived, about_waivers = apply_waivers(ctx, found)
    about_waivers = with_names(about_waivers, names)
    checked = CheckResult(
        root,
        today,
        config,
        len(results),
        len(repo_index.entries),
        _weigh(settle(about_waivers + kept, config), root, results, config, stage),
        settle(waived, config),
        checked_files=tuple(results),
        repository_root=find_toplevel(root) if git_dir is not None else None,
        stage=stage,
        owners={
            (ref.file, ref.id): ref.data["owner"]
            for ref in repo_index.entries
            if ref.id and isinstance(ref.data.get("owner"), str)
        },
        names=names,
    )
    return checked, results


def with_names(found: list[Finding], names: dict[str, str]) -> list[Finding]:
    """Findings that name a person by id, with the person's name from the roster beside it, so that the
    message says 中村 由美(nakamura) (pmarklint.i18n.PERSON_ARGS)."""
    out: list[Finding] = []
    for item in found:
        args = dict(item.args)
        extra = tuple(
            (f"{arg}_name", names[args[arg]])
            for arg in PERSON_ARGS
            if isinstance(args.get(arg), str) and names.get(args[arg]) and f"{arg}_name" not in args
        )
        out.append(replace(item, args=item.args + extra) if extra else item)
    return out


def _weigh(
    found: list[Finding], root: Path, results: dict[str, FileResult], config: Config, stage: str
) -> list[Finding]:
    """The settled findings grouped by cause (pmarklint.check.causes) and weighed by the stage."""
    causes: dict[str, Finding] = {}
    for item in found:
        result = results.get(item.file)
        if item.rule in CAUSES and item.level == "error" and result is not None and result.kind is None:
            causes.setdefault(item.file, item)
    found = mark_knock_ons(found, unread_files(root, causes, config.folders, config.max_file_size))
    return at_stage(found, stage, lambda rel: results[rel].kind if rel in results else None, config.data)


def settle(found: list[Finding], config: Config) -> list[Finding]:
    """Each finding with its final severity (its own grade or the rule's default, then pmarklint.yaml's
    setting, except for the rules that fail closed); findings of rules switched off are left out. Sorted by
    file, position and code."""
    out = []
    for item in found:
        default = item.severity or REGISTRY[item.rule].severity
        severity = default if item.rule in FAIL_CLOSED else config.severity(item.rule, default)
        if severity is not None:
            out.append(item if severity == item.severity else replace(item, severity=severity))
    return sorted(out)


def check_rule_codes(config: Config, lang: str) -> None:
    """Settings for a rule that does not exist are a typo to fix, not something to ignore."""
    for code in config.data.get("rules") or {}:
        if code not in REGISTRY:
            raise PmarklintError(f"{CONFIG_NAME}: rules: " + text("ui.unknown_rule", lang, code=code))
