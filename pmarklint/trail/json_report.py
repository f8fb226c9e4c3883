"""The audit trail as JSON: the contract in docs/output-trail.md (``format_version`` 1, schema
``schemas/trail.schema.json``)."""

from __future__ import annotations

from typing import Any

from pmarklint import __version__
from pmarklint.trail.model import (
    ApprovalRecord,
    CommitInfo,
    DateMove,
    EntryChange,
    ReviewState,
    SkippedRevision,
    Trail,
    jsonable,
)
from pmarklint.trail.words import (
    reason_text,
)

FORMAT_VERSION = 1


def trail_json(trail: Trail, lang: str) -> dict[str, Any]:
    summary = trail.summary()
    period = trail.period
    return {
        "tool": "pmarklint",
        "report": "trail",
        "format_version": FORMAT_VERSION,
        "version": __version__,
        "organization": trail.organization,
        "period": {
            "since": str(period.since),
            "until": str(period.until),
            "since_rev": period.since_rev,
            "until_rev": period.until_rev,
            "since_commit": period.since_commit,
            "until_commit": period.until_commit,
            "end_commit": trail.end_commit,
        },
        "filters": {
            "kinds": list(trail.filters.kinds),
            "ids": list(trail.filters.ids),
            "paths": list(trail.filters.paths),
        },
        "summary": {
            "commits": summary.commits,
            "entries": {
                "changed": summary.changed,
                "added": summary.added,
                "retired": summary.retired,
                "removed": summary.removed,
                "moved": summary.moved,
            },
            "changes": {
                "total": summary.content_changes,
                "approved": summary.approved,
                "unapproved": summary.unapproved,
                "superseded": summary.superseded,
                "not_required": summary.not_required,
            },
            "approvals": {"added": summary.approvals, "backed": summary.backed, "not_backed": summary.not_backed},
            "reviews": {"done": summary.reviews, "overdue": summary.overdue, "never_reviewed": summary.never_reviewed},
            "contractors_evaluated": summary.evaluated,
            "approvers": [{"person": p, "approvals": n, "backed": b} for p, n, b in summary.approvers],
        },
        "commits": [_commit_json(c) for c in trail.commits.values()],
        "changes": [_change_json(c) for c in trail.changes],
        "approvals": [_approval_json(a, lang) for a in trail.approvals],
        "reviews": [_move_json(r) for r in trail.reviews],
        "evaluations": [{**_move_json(e), "result": e.result} for e in trail.evaluations],
        "overdue": [_state_json(o) for o in trail.overdue],
        "never_reviewed": [_state_json(n) for n in trail.never_reviewed],
        "skipped": [_skipped_json(s) for s in trail.skipped],
    }


def _skipped_json(item: SkippedRevision) -> dict[str, Any]:
    return {"path": item.path, "commit": item.commit or None, "size": item.size, "limit": item.limit, "blob": item.blob}


def _commit_json(commit: CommitInfo) -> dict[str, Any]:
    return {
        "sha": commit.sha,
        "author": {"name": commit.author_name, "email": commit.author_email},
        "date": commit.author_date,
        "committed": commit.committer_date,
        "subject": commit.subject,
        "merge": commit.merge,
        "signature": {
            "status": commit.signature.status,
            "git": commit.signature.letter,
            "signer": commit.signature.signer,
        },
    }


def _change_json(change: EntryChange) -> dict[str, Any]:
    return {
        "entry": change.entry,
        "kind": change.kind,
        "commit": change.commit,
        "action": change.action,
        "path": change.path,
        "moved_from": change.moved_from,
        "merge": change.merge,
        "content_changed": change.content_changed,
        "digest": change.digest,
        "approval": change.approval,
        "approved_in": list(change.approved_in),
        "fields": [{"field": f.field, "old": jsonable(f.old), "new": jsonable(f.new)} for f in change.fields],
    }


def _approval_json(item: ApprovalRecord, lang: str) -> dict[str, Any]:
    return {
        "entry": item.entry,
        "kind": item.kind,
        "path": item.path,
        "commit": item.commit,
        "by": item.by,
        "role": item.role,
        "date": item.date,
        "digest": item.digest,
        "matches_content": item.matches_content,
        "backed": item.backed,
        "reason": item.reason,
        "message": None if item.backed else reason_text(item, lang),
    }


def _move_json(item: DateMove) -> dict[str, Any]:
    return {
        "entry": item.entry,
        "kind": item.kind,
        "path": item.path,
        "commit": item.commit,
        "from": item.old,
        "to": item.new,
    }


def _state_json(item: ReviewState) -> dict[str, Any]:
    return {
        "entry": item.entry,
        "kind": item.kind,
        "path": item.path,
        "last_reviewed": item.last_reviewed,
        "every": item.every,
        "due": item.due,
    }
