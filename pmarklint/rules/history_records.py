"""The shape of the verdicts from history that the cache keeps (:meth:`Session._store
<pmarklint.rules.history_checks.Session._store>` writes them): anything else read back from the cache is a
miss, never a verdict. Kept apart so that the shape and its checks read in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _keyed(value: Any, key_size: int | None, holds: Callable[[Any], bool]) -> bool:
    """(key, value) pairs, each key a tuple of text and tuples, listed once."""
    return (
        isinstance(value, tuple)
        and all(
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], tuple)
            and (key_size is None or len(pair[0]) == key_size)
            and all(isinstance(part, (str, tuple)) for part in pair[0])
            and holds(pair[1])
            for pair in value
        )
        and len({pair[0] for pair in value}) == len(value)
    )


def _record(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 6
        and all(isinstance(part, str) for part in value[:3])
        and all(isinstance(part, tuple) for part in value[3:])
    )


def history_record(value: Any) -> bool:
    """Whether a cached value has the shape :meth:`Session._store` writes; anything else is a miss."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("head"), str)
        and len(value["head"]) == 40
        and isinstance(value.get("log_head"), str)
        and len(value["log_head"]) in (0, 40)
        and _keyed(value.get("records"), None, _record)
        and _keyed(value.get("stale"), None, _stale)
        and _keyed(value.get("signatures"), 3, lambda item: isinstance(item, bool))
        and _keyed(value.get("force"), 1, _force)
        and _keyed(value.get("policy"), 1, lambda item: isinstance(item, tuple) and len(item) == 5)
        and all(isinstance(part, str) for _, item in value.get("policy", ()) for part in item)
    )


def _stale(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], tuple)
        and all(isinstance(part, str) for part in value[0])
        and isinstance(value[1], str)
    )


def _force(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 5
        and all(isinstance(part, tuple) and all(isinstance(x, str) for x in part) for part in value[:3])
        and isinstance(value[3], bool)
        and isinstance(value[4], str)
    )
