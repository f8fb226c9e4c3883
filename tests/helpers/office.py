"""LibreOffice as a reader of the workbooks pmarklint writes: the real program, headless."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest


def first_sheet_rows(workbook: Path, work: Path) -> list[list[str]]:
    """The cells of ``workbook``'s first sheet as LibreOffice reads them (converted to UTF-8 CSV, with a profile
    of its own under ``work``, the CSV left in ``work/converted``); the test is skipped where LibreOffice is not
    installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
    converted = work / "converted"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",  # the first sheet, UTF-8
            "--outdir",
            str(converted),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = (converted / f"{workbook.stem}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))
