"""The report for people: findings grouped by file, each with the offending line and a caret under the
column, then one summary line. Colour only when writing to a terminal.

``quiet`` (``check --quiet``, what the pre-commit hook shows): the errors in full, then one line per rule
for the warnings, with their count, then the summary; the waived findings only in the summary's count.

Everything that comes from the repository (file names, messages with their values, source lines, commit
subjects) goes through :func:`pmarklint.visible.visible`: an ESC sequence or a line break in a value is shown
as ``\\x1b`` or ``\\n`` and can neither drive the terminal nor forge a line of the report."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from pmarklint.check.engine import CheckResult
from pmarklint.findings import Finding
from pmarklint.i18n import text
from pmarklint.rules import REGISTRY
from pmarklint.visible import visible

# Findings about a whole file: no source line to show.
_WHOLE_FILE = frozenset(
    {
        "PML004.too_large",
        "PML004.history_too_large",
        "PML004.unreadable",
        "PML004.symlink",
        "PML004.symlink_outside",
        "PML004.outside",
    }
    | {"PML005.missing_kind", "PML006.untracked"}
)
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "bold": "\033[1m", "reset": "\033[0m"}


def waived_word(item: Finding, lang: str) -> str:
    """A waived finding's state as the office says it: 是正中(期限 2027-02-28), being corrected (until …)."""
    expires = dict(item.waiver or ()).get("expires")
    if expires:
        return text("ui.waived_item", lang, expires=visible(str(expires)))
    return text("ui.waived_item_open", lang)


def _paint(value: str, style: str, color: bool) -> str:
    return f"{_COLORS[style]}{value}{_COLORS['reset']}" if color else value


def _source_line(root: Path, rel: str, number: int, cache: dict[str, list[str]]) -> str | None:
    from pmarklint.workspace.files import link_finding, read_file

    if rel not in cache and link_finding(root, rel) is not None:  # never show a line of a link's target
        cache[rel] = []
    if rel not in cache:
        try:
            cache[rel] = read_file(root, rel).decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[rel] = []
    lines = cache[rel]
    return lines[number - 1] if 0 < number <= len(lines) else None


_SOURCE_WIDTH = 160  # characters of a source line shown; a longer line is cut around the column


def _window(line: str, column: int) -> tuple[str, str]:
    """The part of a source line shown before the caret and from it on: the whole line when it is short, else
    about ``_SOURCE_WIDTH`` characters around the column, with "…" where it is cut (a 15 MB value on one line
    is shown as a few words, not printed whole)."""
    if len(line) <= _SOURCE_WIDTH:
        return line[:column], line[column:]
    start = max(0, min(column - _SOURCE_WIDTH // 4, len(line) - _SOURCE_WIDTH))
    end = start + _SOURCE_WIDTH
    head = ("…" if start > 0 else "") + line[start:column]
    return head, line[column:end] + ("…" if end < len(line) else "")


def _collapsed(warnings: list[Finding], lang: str, color: bool) -> list[str]:
    """One line per rule: "PML302 review-due-soon: 58 warnings — run `pmarklint check` to list them"."""
    counts: dict[str, int] = {}
    for item in warnings:
        counts[item.rule] = counts.get(item.rule, 0) + 1
    out = []
    for rule, count in sorted(counts.items()):
        key = "ui.quiet_warning_one" if count == 1 else "ui.quiet_warnings"
        line = text(key, lang, rule=rule, name=REGISTRY[rule].name, count=count)
        out.append(_paint(line, "warning", color))
    return [*out, ""] if out else []


def _finding_lines(
    result: CheckResult, item: Finding, lang: str, color: bool, sources: dict[str, list[str]], suffix: str = ""
) -> list[str]:
    where = f"{item.line}:{item.column}"
    severity = _paint(f"{item.level:<7}", item.level, color)
    entry = f" {visible(item.entry)}" if item.entry else ""
    message = visible(item.message(lang)) + suffix
    out = [f"  {where:<8} {severity} {_paint(item.rule, 'dim', color)}{entry}  {message}"]
    if item.message_key in _WHOLE_FILE:
        return out
    source = _source_line(result.source_root or result.root, item.file, item.line, sources)
    if source is not None and source.strip():
        gutter = f"{item.line:>6} | "
        before, after = _window(source, max(item.column - 1, 0))
        shown, offset = visible(before) + visible(after), len(visible(before))
        out.append(_paint(gutter, "dim", color) + shown)
        out.append(_paint(" " * 6 + " | ", "dim", color) + " " * offset + _paint("^", item.level, color))
    return out


def _key(item: Finding) -> tuple[str, int, int, str]:
    return (item.file, item.line, item.column, item.rule)


def _by_file(
    result: CheckResult,
    listed: list[Finding],
    lang: str,
    color: bool,
    sources: dict[str, list[str]],
    consequences: dict[tuple[str, int, int, str], int],
    quiet: bool,
) -> list[str]:
    """The findings grouped by file, the files whose errors others follow from first; under each such error,
    how many findings follow from it."""
    out: list[str] = []
    first = {key[0] for key in consequences}
    ordered = sorted(listed, key=lambda f: (f.file not in first, f))
    for rel, items in groupby(ordered, key=lambda f: f.file):
        out.append(_paint(visible(rel), "bold", color))
        for item in items:
            out += _finding_lines(result, item, lang, color, sources)
            count = consequences.get(_key(item), 0)
            if count:
                key = ("ui.follows_count_quiet" if quiet else "ui.follows_count") + ("_one" if count == 1 else "")
                out.append(_paint(text(key, lang, count=count), "dim", color))
        out.append("")
    return out


def _knock_ons(
    result: CheckResult, items: list[Finding], lang: str, color: bool, sources: dict[str, list[str]]
) -> list[str]:
    """``check`` without ``--quiet``: the findings that follow from an unread file, after everything else."""
    if not items:
        return []
    out = [_paint(text("ui.follows_heading", lang), "bold", color)]
    for rel, group in groupby(items, key=lambda f: f.file):
        out.append(_paint(visible(rel), "bold", color))
        for item in group:
            origin = item.follows_from or ("", 0, 0, "")
            suffix = text("ui.follows_from", lang, file=visible(origin[0]), line=origin[1])
            out += _finding_lines(result, item, lang, color, sources, suffix)
        out.append("")
    return out


def _awaiting(items: list[Finding], lang: str, color: bool) -> list[str]:
    """``--stage commit``: each entry awaiting approval, one line each (it does not stop the commit)."""
    if not items:
        return []
    out = [_paint(text("ui.awaiting_heading", lang), "bold", color)]
    for item in items:
        roles = ", ".join(item.awaiting or ())
        where = f"{visible(item.file)}:{item.line}"
        what = text("ui.awaiting", lang, roles=roles)
        out.append(f"  {where} {item.rule} {visible(item.entry or '')}  {_paint(what, 'warning', color)}")
        out.append(f"      {visible(item.message(lang))}")
    return [*out, ""]


def render(result: CheckResult, lang: str, color: bool = False, *, quiet: bool = False) -> str:
    out: list[str] = []
    sources: dict[str, list[str]] = {}
    awaiting = [item for item in result.findings if item.awaiting]
    knock_ons = [item for item in result.findings if item.follows_from and not item.awaiting]
    consequences: dict[tuple[str, int, int, str], int] = {}
    for item in knock_ons:
        origin = item.follows_from or ("", 0, 0, "")
        consequences[origin] = consequences.get(origin, 0) + 1
    listed = [item for item in result.findings if not item.awaiting and not item.follows_from]
    if quiet:
        listed = [item for item in listed if item.level == "error"]
    if result.as_of is not None:
        point = result.as_of
        line = text(
            "ui.as_of_line",
            lang,
            day=point.day.isoformat(),
            commit=point.commit[:10],
            committed=point.committed,
            subject=visible(point.subject),
        )
        out += [_paint(line, "bold", color), ""]
    out += _by_file(result, listed, lang, color, sources, consequences, quiet)
    if not quiet:
        out += _knock_ons(result, knock_ons, lang, color, sources)
    out += _awaiting(awaiting, lang, color)
    if quiet:
        shown = [item for item in result.findings if item.level != "error" and not item.awaiting]
        out += _collapsed([item for item in shown if not item.follows_from], lang, color)
    if result.waived and not quiet:
        out.append(text("ui.waived_heading", lang))
        for item in result.waived:
            where = f"{visible(item.file)}:{item.line}:{item.column}"
            state = waived_word(item, lang)
            out.append(f"  {where} {item.rule} {visible(item.entry or '')}  {state}: {visible(item.message(lang))}")
        out.append("")
    summary = text(
        "ui.summary", lang, files=result.files, entries=result.entries, errors=result.errors, warnings=result.warnings
    )
    if awaiting:
        summary += text("ui.summary_awaiting", lang, awaiting=len(awaiting))
    if result.waived:
        summary += text("ui.summary_waived", lang, waived=len(result.waived))
    if not result.findings:
        summary = text("ui.clean", lang) + " " + summary
    style = "error" if result.errors else ("warning" if result.warnings else "bold")
    out.append(_paint(summary, style, color))
    return "\n".join(out) + "\n"
