"""Ledgers as tables, for ``pmarklint export`` and ``pmarklint import``: :mod:`.columns` (the columns of each
kind and where an entry's values fall in them), :mod:`.cells` (how a value becomes a cell and back),
:mod:`.files` (reading, within limits, and writing CSV and Excel files), :mod:`.headers` (where the header
of a table is and which column each header stands for), :mod:`.sync` (the repository, and ``export``),
:mod:`.imports` (``import``), :mod:`.rows` (the rows of a table being imported) and :mod:`.merge` (the digest of
each exported entry, so that an import never reverts a newer value). ``docs/integrations/excel.md`` is the
user's guide.
"""

from __future__ import annotations

from typing import Any

from pmarklint.i18n import text

# In the language catalogs (pmarklint/i18n), under table.*.


def message(key: str, lang: str, **args: Any) -> str:
    return text(f"table.{key}", lang, **args)
