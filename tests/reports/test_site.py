"""``pmarklint report site``: the pages it writes from a real repository (a copy of the bundled example in its
own git history, with one approval git backs, one it does not and a hostile contractor name), read as HTML:
every link resolves, nothing is fetched from elsewhere, the front page's figures are the check's, every value
is text, and the folder is written whole or not at all. The same site in a real browser:
test_site_browser.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers.approving import SAITO
from helpers.cli import check_json, run
from helpers.repos import ROOT, commit_as
from helpers.site import HOSTILE, PAGES, TODAY, build, read, shop_repo


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return shop_repo(tmp_path, monkeypatch)


def test_every_page_is_written_and_every_link_resolves(shop: Path, tmp_path: Path) -> None:
    site = build(shop, tmp_path / "site")
    assert {p.name for p in site.iterdir() if not p.name.startswith(".")} == PAGES
    assert (site / ".pmarklint-site").is_file() and (site / ".nojekyll").is_file()
    parsed = {name: read(site, name) for name in PAGES}
    broken = []
    for name, page in parsed.items():
        assert page.sources == [], f"{name} loads {page.sources}"
        for href in page.links:
            target, _, anchor = href.partition("#")
            target = target or name
            if target not in parsed or (anchor and anchor not in parsed[target].ids):
                broken.append(f"{name}: {href}")
        # every page reaches every other page through its navigation
        assert set(page.links) >= PAGES - {name}
    assert broken == []
    # the deadlines of the front page link to their entries
    assert "kind-inventory.html#e-PI-CS-005" in parsed["index.html"].links


def test_the_front_page_shows_the_counts_of_check(shop: Path, tmp_path: Path) -> None:
    summary = check_json(shop).json()["summary"]
    front = read(build(shop, tmp_path / "site"), "index.html")
    assert {k: front.figures[k] for k in ("errors", "warnings", "waived", "files", "entries")} == {
        k: summary[k] for k in ("errors", "warnings", "waived", "files", "entries")
    }
    assert summary["errors"] > 0 and summary["warnings"] > 0
    # due within 30 and 90 days and overdue: the deadlines pmarklint due lists
    due = run("due", shop, "--within", "P90D", "--today", TODAY, "--format", "json").json()["deadlines"]
    assert front.figures["overdue"] == sum(1 for d in due if d["overdue"])
    assert front.figures["due-30"] == sum(1 for d in due if 0 <= d["days_left"] <= 30)
    assert front.figures["due-90"] == sum(1 for d in due if d["days_left"] >= 0)


def test_the_areas_add_up_to_the_counts(shop: Path, tmp_path: Path) -> None:
    html = (build(shop, tmp_path / "site", "--lang", "en") / "index.html").read_text(encoding="utf-8")
    areas = html[html.index('id="areas"') : html.index('id="due"')]
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"number\">(\d+)</td><td class=\"number\">(\d+)</td></tr>", areas)
    summary = check_json(shop).json()["summary"]
    *parts, total = rows
    assert total == ("Total", str(summary["errors"]), str(summary["warnings"]))
    assert sum(int(e) for _, e, _ in parts) == summary["errors"]
    assert sum(int(w) for _, _, w in parts) == summary["warnings"]
    assert ('<a href="kind-contractor.html">Contractor</a>', "1", "2") in parts
    assert ("Settings (pmarklint.yaml)", "1", "0") in parts


def test_a_hostile_title_stays_text(shop: Path, tmp_path: Path) -> None:
    site = build(shop, tmp_path / "site")
    for name in PAGES:
        source = (site / name).read_text(encoding="utf-8")
        assert "<img" not in source and 'alert("x")</script>' not in source, name
        assert source.count("<script>") == (1 if name.startswith("kind-") or name == "fitgap.html" else 0), name
    page = read(site, "kind-contractor.html")
    assert HOSTILE in page.rows["e-C-003"]  # the parser gives back the text exactly as written
    assert page.tags.count("img") == 0 and page.tags.count("script") == 1


def test_approvals_say_whether_git_backs_them_and_the_history_shows(shop: Path, tmp_path: Path) -> None:
    page = read(build(shop, tmp_path / "site", "--lang", "en"), "kind-contractor.html")
    backed, forged = page.rows["e-C-001"], page.rows["e-C-002"]
    assert "中村 由美 (nakamura) (privacy manager) 2026-05-02: backed by git" in backed
    assert (
        "中村 由美 (nakamura) (privacy manager) 2026-05-02: not backed by git: approval in the name of 中村 由美 (nakamura) "
        "was added by commit "
    ) in forged
    assert "authored by saito@sakura-market.example, who is not them" in forged
    assert "Warning PML405: approval in the name of 中村 由美 (nakamura)" in forged  # the check says the same
    assert "2026-04-01 added by Misaki Saito (commit " in backed
    assert "2026-05-02 changed by Hanako Nakamura (commit " in backed
    assert "Fields changed: approvals[nakamura,privacy_manager,2026-05-02]" in backed
    assert "No approvals" in page.rows["e-C-004"]


def test_the_language_follows_the_repository_and_lang(shop: Path, tmp_path: Path) -> None:
    ja = (build(shop, tmp_path / "ja") / "index.html").read_text(encoding="utf-8")
    en = (build(shop, tmp_path / "en", "--lang", "en") / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in ja and "PMS の状況: 株式会社さくらマーケット" in ja and "これからの期限" in ja
    assert '<html lang="en">' in en and "State of the PMS: 株式会社さくらマーケット" in en and "What falls due" in en


def test_the_front_page_names_the_last_activities_and_the_renewal(shop: Path, tmp_path: Path) -> None:
    html = (build(shop, tmp_path / "site", "--lang", "en") / "index.html").read_text(encoding="utf-8")
    assert '<td>Last management review</td><td class="date">2026-03-18</td>' in html
    assert '<a href="kind-review.html#e-MR-2025">MR-2025' in html
    assert '<td>Last internal audit</td><td class="date">2026-01-27</td>' in html
    assert "valid until 2027-09-30. The renewal can be filed from 2027-01-31 to 2027-05-30." in html
    assert "The renewal window has not opened yet (it opens in 66 days)." in html


def test_the_calendar_sets_the_plan_against_what_was_done(shop: Path, tmp_path: Path) -> None:
    page = read(build(shop, tmp_path / "site", "--lang", "en"), "calendar.html")
    html = (tmp_path / "site" / "calendar.html").read_text(encoding="utf-8")
    assert "<h1>Fiscal year 2026: planned and done</h1>" in html
    assert "training (owner 渡辺 恵 (watanabe)): done on 2026-06-17, record T-2026-01" in html
    assert "operation check (owner 伊藤 翔太 (ito)): not done (its month has passed)" in html
    assert "risk assessment (owner 中村 由美 (nakamura)): not done yet" in html
    december = html[html.index('<td class="date">2026-12</td>') :].split("</tr>", 1)[0]
    assert '<a href="kind-contractor.html#e-C-003">C-003</a> the other certification expires on 2026-12-15' in december
    assert "kind-inventory.html#e-PI-HR-001" in page.links
    assert '<tr class="current"><td class="date">2026-11</td>' in html


def test_a_folder_that_is_not_a_site_is_left_alone(shop: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("report", "site", shop, "--output", mine, "--today", TODAY, "--lang", "en")
    assert result.exit_code == 2
    assert "is not a site pmarklint made" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "page.html"
    a_file.write_text("x", encoding="utf-8")
    result = run("report", "site", shop, "--output", a_file, "--lang", "en")
    assert (result.exit_code, a_file.read_text(encoding="utf-8")) == (2, "x")
    assert "--output " + str(a_file) + ": not a folder" in result.stderr


def test_a_site_is_replaced_whole(shop: Path, tmp_path: Path) -> None:
    site = build(shop, tmp_path / "site")
    (site / "stale.html").write_text("from before", encoding="utf-8")
    build(shop, site)
    assert not (site / "stale.html").exists()
    assert {p.name for p in tmp_path.iterdir()} == {"shop", "site"}  # nothing left beside it


def test_without_git_the_site_says_there_is_no_history(tmp_path: Path) -> None:
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    page = read(build(repo, tmp_path / "site", "--lang", "en"), "kind-inventory.html")
    html = (tmp_path / "site" / "kind-inventory.html").read_text(encoding="utf-8")
    assert "The history cannot be shown:" in html
    assert "PI-CS-001" in page.rows["e-PI-CS-001"]


def test_no_repository_is_a_clean_error(tmp_path: Path) -> None:
    result = run("report", "site", tmp_path, "--output", tmp_path / "site", "--lang", "en")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_path_and_repo_name_the_same_repository(shop: Path, tmp_path: Path) -> None:
    by_path = build(shop, tmp_path / "by-path")
    result = run("report", "site", "-C", shop, "--output", tmp_path / "by-repo", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{tmp_path / 'by-repo'} に 20ページを書き出しました\n"
    for name in PAGES:
        assert (by_path / name).read_bytes() == (tmp_path / "by-repo" / name).read_bytes(), name


def test_hostile_ids_make_safe_anchors_that_links_still_reach(shop: Path, tmp_path: Path) -> None:
    hostile = 'x"><img src=x onerror=alert(1)>'
    (shop / "inventory" / "hostile.yaml").write_text(
        "kind: inventory\nentries:\n"
        + "".join(
            f"  - id: '{entry_id}'\n    name: </td></tr></table><b>bold</b>\n    department: cs\n"
            "    data_items: [氏名]\n    purpose: 商品の発送\n    last_reviewed: 2025-01-01\n"
            for entry_id in (hostile, hostile + "?")
        ),
        encoding="utf-8",
    )
    commit_as(shop, SAITO, "Two entries with hostile ids", day="2026-06-01T10:00:00+09:00")
    site = build(shop, tmp_path / "site")
    page = read(site, "kind-inventory.html")
    assert page.tags.count("img") == page.tags.count("b") == 0
    anchors = [row for row in page.rows if row.startswith("e-x")]
    assert anchors == ["e-x---img-src-x-onerror-alert-1", "e-x---img-src-x-onerror-alert-1-2"]
    assert hostile in page.rows[anchors[0]] and "</td></tr></table><b>bold</b>" in page.rows[anchors[0]]
    # the front page lists their overdue reviews and links to each row
    front = read(site, "index.html")
    assert {f"kind-inventory.html#{a}" for a in anchors} <= set(front.links)
