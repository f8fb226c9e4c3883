"""pmarklint.forked: the second process gives back what its work returned, and nothing (so that the caller does
the work itself) when it fails, is killed, or cannot be started safely."""

from __future__ import annotations

import os
import threading

import pytest

from pmarklint.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def test_the_child_gives_back_what_its_work_returned() -> None:
    parent = os.getpid()
    child = Forked.start(lambda: (os.getpid() != parent, [1, "二"], {"x": (None, 3.5)}))
    assert child is not None
    assert child.result() == (True, [1, "二"], {"x": (None, 3.5)})


def test_a_failing_child_gives_nothing() -> None:
    def work() -> None:
        raise RuntimeError("boom")

    child = Forked.start(work)
    assert child is not None
    assert child.result() is None


def test_a_child_that_cannot_be_pickled_or_exits_gives_nothing() -> None:
    unpicklable = Forked.start(lambda: lambda: 1)
    assert unpicklable is not None and unpicklable.result() is None
    gone = Forked.start(lambda: os._exit(3))
    assert gone is not None and gone.result() is None


def test_no_child_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Forked.start(lambda: 1) is None
    finally:
        stop.set()
        thread.join()


def test_a_closed_child_is_killed_and_reaped() -> None:
    child = Forked.start(lambda: threading.Event().wait(60))
    assert child is not None
    child.close()  # returns at once: the child is killed, not waited for sixty seconds
