"""Work for a second process: :class:`Forked` runs a function in a forked child while this process goes on with
other work, and gives back what the function returned (pickled through a pipe). The machines pmarklint runs on
have two cores or more, and reading git history is work for one core in Python.

The child is a copy of this process at the fork: what this process read and computed before is there without
being sent. It must not share this process's pipes to other programs (a ``git cat-file`` it would read from
too): the function opens its own. When the child cannot run (no ``fork`` on this system, another thread
running, which a fork would leave half-copied) or fails in any way, :meth:`Forked.start` or
:meth:`Forked.result` give None and the caller does the work itself: nothing depends on the child's being there.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import IO, Any


class Forked:
    """One forked child running one function."""

    def __init__(self, pid: int, stream: IO[bytes]) -> None:
        self._pid = pid
        self._stream = stream

    @classmethod
    def start(cls, work: Callable[[], Any]) -> Forked | None:
        """Fork a child that runs ``work()``; None when no child can be started."""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(reading)
                found = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writing, "wb") as out:
                    out.write(found)
                status = 0
            except BaseException:  # any failure: the parent does the work itself
                pass
            finally:
                os._exit(status)
        os.close(writing)
        return cls(pid, os.fdopen(reading, "rb"))

    def result(self) -> Any:
        """What ``work()`` returned; None when the child did not finish."""
        try:
            data = self._stream.read()
        except OSError:
            data = b""
        finally:
            self._stream.close()
        status = self._wait()
        if status not in (0, None) or not data:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # a broken message: the work is done here
            return None

    def _wait(self) -> int | None:
        """The child's exit status once it is gone; None when it cannot be known (reaped already)."""
        pid, self._pid = self._pid, 0
        if not pid:
            return None
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return None

    def close(self) -> None:
        self._stream.close()
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except OSError:
                pass
            self._wait()
