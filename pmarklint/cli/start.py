"""The console script's entry point. It imports nothing before it can answer a Ctrl-C, so that an interrupt
while the command line is still being loaded ends like one during the work: one line and exit code 130
(:mod:`.interrupt`), never a traceback."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing alone takes longer than the rest of the start-up
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> NoReturn:
    """``pmarklint``: load the command line and run it (pmarklint.cli.main)."""
    try:
        from pmarklint.cli.main import main as run

        run()
    except KeyboardInterrupt:
        from pmarklint.cli.interrupt import interrupted

        interrupted()
