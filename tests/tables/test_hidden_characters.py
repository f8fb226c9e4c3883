"""``pmarklint import`` never stores a hidden line break, space or full-width character in a field whose
schema has a pattern or a format: a readable cell is trimmed and the row says so; a ``json:`` cell that holds
one is refused with PML101's message. A real workbook, written by openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from pmarklint.documents.loader import parse

from helpers.cli import run
from helpers.repos import git, make_repo

LEDGER = "kind: inventory\nentries:\n  - id: PI-1\n    name: 顧客情報\n    department: cs\n    data_items: [氏名]\n    purpose: 商品の発送\n"
HEADERS = ["ID", "名称", "管理部門", "個人情報の項目", "利用目的", "見直し間隔", "最終見直し日"]


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "個人情報管理台帳"
    for row in [HEADERS, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def entries(repo: Path) -> list[dict[str, object]]:
    document = parse((repo / "inventory/a.yaml").read_text(encoding="utf-8"), "a").document
    assert document is not None
    return list(document.data["entries"])


def test_a_cell_with_a_hidden_line_break_space_or_full_width_is_trimmed_and_noted(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": LEDGER})
    rows: list[list[object]] = [
        ["PI-2\n", "従業者名簿", " cs", "氏名", "人事管理", "Ｐ１Ｙ", "2026-04-01\n"],  # Alt+Enter at the end
        ["PI-3", "応募者", "cs", "氏名", "採用", "P1Y", "2026-04-01"],  # nothing to say
    ]
    for lang, expected in {
        "en": [
            "row 2 (PI-2): column A 'ID': the line break at the end of the cell was removed (\"PI-2\" taken)",
            "row 2 (PI-2): column C '管理部門': the spaces around the value were removed (\"cs\" taken)",
            "row 2 (PI-2): column F '見直し間隔': full-width characters were changed to half-width (\"P1Y\" taken)",
            "row 2 (PI-2): column G '最終見直し日': the line break at the end of the cell was removed "
            '("2026-04-01" taken)',
            "0 updated, 2 added, 0 unchanged, 0 not taken",
        ],
        "ja": [
            "2行目 (PI-2): A 'ID' 列: セル末尾の改行を取り除きました(\"PI-2\" として取り込みました)",
            "2行目 (PI-2): C '管理部門' 列: 前後の空白を取り除きました(\"cs\" として取り込みました)",
            "2行目 (PI-2): F '見直し間隔' 列: 全角の文字を半角にしました(\"P1Y\" として取り込みました)",
            "2行目 (PI-2): G '最終見直し日' 列: セル末尾の改行を取り除きました(\"2026-04-01\" として取り込みました)",
            "更新0件、追加2件、変更なし0件、取り込めなかった行0件",
        ],
    }.items():
        git(repo, "checkout", "-q", "--", ".")
        path = workbook(tmp_path / f"{lang}.xlsx", rows)
        result = run("import", path, "--kind", "inventory", "-C", repo, "--lang", lang)
        assert result.exit_code == 0, result.stdout + result.stderr
        assert result.stdout.splitlines() == expected
        new = entries(repo)[1]
        assert (new["id"], new["department"], new["review_every"], new["last_reviewed"]) == (
            "PI-2",
            "cs",
            "P1Y",
            "2026-04-01",
        )
        text = (repo / "inventory/a.yaml").read_text(encoding="utf-8")
        assert "\\n" not in text and "|" not in text and "Ｐ" not in text and '" cs' not in text


def test_a_json_cell_with_a_hidden_line_break_is_refused_with_its_row_number(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"inventory/a.yaml": LEDGER})
    path = workbook(tmp_path / "t.xlsx", [["PI-2", "従業者名簿", "cs", "氏名", "人事管理", 'json:"P1Y\\n"', ""]])
    result = run("import", path, "--kind", "inventory", "-C", repo, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "row 2 (PI-2): 'Review interval' must be an ISO 8601 duration such as P5Y (5 years), P6M (6 months) or P30D "
        '(30 days), but it ends with a line break, which does not show: "P1Y\\n"; write the value on one line, '
        "without the line break (and not as a | or > block)"
    )
    assert [e["id"] for e in entries(repo)] == ["PI-1"]
