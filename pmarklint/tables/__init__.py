"""Ledgers as tables, for ``pmarklint export`` and ``pmarklint import``: :mod:`.columns` (the columns of each
kind and where an entry's values fall in them), :mod:`.cells` (how a value becomes a cell and back),
:mod:`.files` (reading and writing CSV and Excel files), :mod:`.headers` (which column each header of a table
stands for) and :mod:`.sync` (between the repository and a table). ``docs/integrations/excel.md`` is the
user's guide.
"""

from __future__ import annotations

from typing import Any

from pmarklint.i18n import text

# In the language catalogs (pmarklint/i18n), under table.*.


def message(key: str, lang: str, **args: Any) -> str:
    return text(f"table.{key}", lang, **args)
