"""The static site of the editions (build.site) and `strategy-brief site | serve | open`, on synthetic
reports folders written here: two editions (the older with plain file names, the newer with the
edition in them, revisions, an HTML-only brief and a hostile title), plus drafts, failed runs, logs,
a staging folder and `latest`."""

from __future__ import annotations

import asyncio
import html
import json
import os
import shutil
import threading
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from strategy_brief import cli
from strategy_brief.build import checksums, site

HOSTILE = '<script>window.__pwned=1</script> & "Brief" <img src=x onerror=alert(1)>'
OLD, NEW = "2026-11-05", "2026-12-05"
BRIEFS = ["executive-global", "region-africa"]


def _json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _figure(name: str, label: str, value, unit: str = "share", as_of: str = "2026-10-01") -> dict:
    return {"name": name, "label": label, "value": value, "unit": unit, "as_of": as_of, "source": "s"}


def make_brief(
    edition_dir: Path,
    brief_id: str,
    title: str,
    *,
    stem: str,
    pdf: bool = True,
    figures: list[dict] = (),
    changes: dict | None = None,
    built_at: str = "2026-01-01T00:00:00+00:00",
    csvs: int = 2,
) -> Path:
    folder = edition_dir / brief_id
    (folder / "figures").mkdir(parents=True)
    (folder / f"{stem}.html").write_text(f"<!DOCTYPE html><title>{brief_id}</title><p>brief</p>")
    if pdf:
        (folder / f"{stem}.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 2500)
    for n in range(1, csvs + 1):
        (folder / "figures" / f"figure-{n:02d}.csv").write_text("a,b\n1,2\n")
        (folder / "figures" / f"figure-{n:02d}.png").write_bytes(b"\x89PNG")
    (folder / "figures" / "README.md").write_text("# Data behind the figures\n")
    _json(
        folder / "manifest.json",
        {
            "brief": brief_id,
            "title": title,
            "status": "ok",
            "built_at": built_at,
            "notebooks": [{"notebook": "notebooks/x.ipynb", "key_figures": list(figures)}],
        },
    )
    if changes is not None:
        _json(folder / "changes.json", changes)
    return folder


def make_reports(root: Path) -> Path:
    """Two published editions and everything the site must leave out."""
    reports = root / "reports"
    old = reports / OLD
    share = _figure("open_share", "Open-weight share", 0.41)
    make_brief(
        old,
        "executive-global",
        "Executive brief: Global",
        stem="executive-global",
        figures=[share],
        changes={"previous_edition": None, "key_figures": []},
        built_at="2026-11-05T06:10:00+00:00",
    )
    make_brief(
        old,
        "region-africa",
        "Region brief: Africa",
        stem="region-africa",
        changes={"previous_edition": None, "key_figures": []},
        built_at="2026-11-05T06:20:00+00:00",
    )
    _json(
        old / "edition.json",
        {
            "edition": OLD,
            "status": "complete",
            "series": "AI strategies",
            "briefs": ["executive-global", "region-africa"],
        },
    )
    checksums.write_sums(old)

    new = reports / NEW
    moved = dict(share, value=0.47, as_of="2026-11-20")
    make_brief(
        new,
        "executive-global",
        HOSTILE,
        stem=f"executive-global_{NEW}",
        figures=[moved, _figure("gap", f"Gap {HOSTILE}", 12, unit="points")],
        changes={
            "previous_edition": OLD,
            "key_figures": [
                {
                    "name": "open_share",
                    "label": "Open-weight share",
                    "unit": "share",
                    "previous": 0.41,
                    "current": 0.47,
                    "previous_as_of": "2026-10-01",
                    "current_as_of": "2026-11-20",
                    "status": "changed",
                    "change": 0.06,
                },
                {
                    "name": "gap",
                    "label": f"Gap {HOSTILE}",
                    "unit": "points",
                    "previous": None,
                    "current": 12,
                    "previous_as_of": None,
                    "current_as_of": "2026-10-01",
                    "status": "new",
                },
            ],
        },
        csvs=3,
    )
    make_brief(
        new,
        "region-africa",
        "Region brief: Africa",
        stem=f"region-africa_{NEW}",
        pdf=False,
        changes={
            "previous_edition": OLD,
            "key_figures": [
                {
                    "name": "x",
                    "label": "Users",
                    "unit": "share",
                    "previous": 1,
                    "current": 1,
                    "status": "unchanged",
                }
            ],
        },
    )
    # As the build writes it (outputs.write_edition_index): an HTML-only brief makes it "incomplete";
    # the first revision predates recorded times; keys the site does not know are ignored.
    _json(
        new / "edition.json",
        {
            "edition": NEW,
            "status": "incomplete",
            "series": "AI strategies",
            "briefs": ["executive-global", "region-africa"],
            "html_only": {"region-africa": "built with --no-pdf"},
            "documents": {"region-africa": {"title": "ignored: the site reads the folders"}},
            "published_at": "2026-12-05T09:30:00Z",
            "revision": 3,
            "revisions": [
                {"number": 1, "time": None, "reason": "first build (before revisions were recorded)"},
                {
                    "number": 2,
                    "time": "2026-12-05T06:00:00Z",
                    "reason": "rebuilt briefs executive-global",
                    "status": "complete",
                    "rebuilt": ["executive-global"],
                },
                {
                    "number": 3,
                    "time": "2026-12-05T09:30:00+00:00",
                    "reason": "rebuilt <b>Africa</b> HTML only",
                    "status": "incomplete",
                    "rebuilt": ["region-africa"],
                    "html_only": ["region-africa"],
                },
            ],
            "some_future_key": {"ignored": True},
        },
    )
    for brief_id in BRIEFS:  # stable names: links to the dated files, which the site links instead
        for dated in (new / brief_id).glob(f"{brief_id}_{NEW}.*"):
            (new / brief_id / f"{brief_id}{dated.suffix}").symlink_to(dated.name)
    checksums.write_sums(new)
    (reports / "latest").symlink_to(NEW, target_is_directory=True)

    # What the site must leave out: drafts, failed runs, logs, a staging folder, an edition folder
    # without an index, and files at the top.
    for skipped in (f"_drafts/{NEW}-draft", f"_failed/{NEW}-failed-20261205T060000Z", f".staging-{NEW}-1-2"):
        make_brief(reports / skipped, "executive-global", "Skipped", stem="executive-global")
        _json(reports / skipped / "edition.json", {"status": "complete", "briefs": ["executive-global"]})
    (reports / "_logs").mkdir()
    (reports / "_logs" / f"build-{NEW}.log").write_text("log\n")
    (reports / "2026-12-07").mkdir()  # a build in progress would never look like this; no edition.json
    (reports / ".gitkeep").write_text("")
    return reports


@pytest.fixture
def reports(tmp_path) -> Path:
    return make_reports(tmp_path)


class Links(HTMLParser):
    """Every href and src of a page, and every tag name seen."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)

    def handle_data(self, data):
        self.text.append(data)


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def resolve(page: Path, link: str) -> Path:
    assert "://" not in link and not link.startswith(("/", "javascript:")), f"{page}: {link} is not relative"
    return page.parent / urllib.parse.unquote(link.split("#", 1)[0])


def test_index_lists_the_editions_newest_first_and_leaves_out_drafts_failed_logs_and_latest(reports):
    result = site.write(reports)
    assert result.editions == [NEW, OLD]
    index = (reports / "index.html").read_text()
    assert index.index(f'href="{NEW}/index.html"') < index.index(f'href="{OLD}/index.html"')
    assert "5 December 2026" in index and "5 November 2026" in index
    assert "incomplete" in index and "complete" in index
    assert 'href="latest/index.html">Latest edition (2026-12-05)' in index
    assert 'href="feed.xml"' in index
    for absent in ("_drafts", "_failed", "_logs", ".staging", "2026-12-07", "Skipped"):
        assert absent not in index, absent
    # Each brief: title, HTML and PDF with sizes, the figure CSVs, and the missing PDF said plainly.
    assert f'href="{NEW}/executive-global/executive-global_{NEW}.pdf">PDF</a> (3 KB)' in index
    assert f'href="{OLD}/region-africa/region-africa.html">HTML</a>' in index
    assert f'href="{NEW}/executive-global/figures/figure-03.csv"' in index
    assert "figure-01.png" not in index and "README.md" not in index
    assert f"region-africa_{NEW}.pdf" not in index and "HTML only" in index
    assert f'href="{NEW}/SHA256SUMS">SHA256SUMS</a>' in index
    assert not (reports / "_drafts" / f"{NEW}-draft" / "index.html").exists()
    assert not (reports / "2026-12-07" / "index.html").exists()


def test_every_link_of_every_page_is_relative_and_resolves_to_a_file(reports):
    result = site.write(reports)
    pages = [reports / "index.html", reports / OLD / "index.html", reports / NEW / "index.html"]
    assert sorted(result.pages) == sorted([*pages, reports / "feed.xml"])
    checked = 0
    for page in [*pages, reports / "latest" / "index.html"]:
        for link in parse(page).links:
            if link.startswith("data:"):  # the empty favicon
                continue
            assert resolve(page, link).is_file(), f"{page}: {link}"
            checked += 1
    assert checked > 30


def test_edition_page_shows_key_figures_what_changed_and_revisions(reports):
    site.write(reports)
    page = (reports / NEW / "index.html").read_text()
    assert 'href="../index.html">All editions' in page
    assert "Open-weight share" in page and "0.41 (2026-10-01)" in page and "0.47 (2026-11-20)" in page
    assert "What changed since edition 2026-11-05" in page
    assert "Revision 3, 2026-12-05T09:30:00Z: rebuilt &lt;b&gt;Africa&lt;/b&gt; HTML only" in page
    assert "Revision 1, time unknown: first build (before revisions were recorded)" in page
    assert "HTML only: built with --no-pdf" in page
    assert "No key figure changed since edition 2026-11-05" in page  # region-africa: all unchanged
    old = (reports / OLD / "index.html").read_text()
    assert old.count("First edition of this brief") == 2


def test_a_hostile_title_is_shown_as_text_never_as_markup(reports):
    site.write(reports)
    for page in (reports / "index.html", reports / NEW / "index.html"):
        parsed = parse(page)
        assert "script" not in parsed.tags and "img" not in parsed.tags, page
        assert "<script>window.__pwned=1</script>" in "".join(parsed.text), page  # shown, as text
        raw = page.read_text()
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; &quot;Brief&quot;" in raw
        assert "onerror=alert" not in raw.replace("&lt;img src=x onerror=alert(1)&gt;", "")
        assert "script-src 'none'" in html.unescape(raw)
    feed = (reports / "feed.xml").read_text()
    assert "<script" not in feed and "<img" not in feed and "&lt;script&gt;" in feed


def test_the_feed_parses_with_an_entry_per_edition_and_revision_and_what_changed(reports):
    site.write(reports)
    parsed = feedparser.parse((reports / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "AI strategies: editions"
    assert parsed.feed.updated == "2026-12-05T09:30:00Z"
    entries = parsed.entries
    assert len(entries) == 2 + 3  # two editions, three revisions of the newer
    assert len({e.id for e in entries}) == 5
    by_title = {e.title: e for e in entries}
    edition = by_title["Edition 2026-12-05 (incomplete)"]
    assert edition.updated == "2026-12-05T09:30:00Z"  # from edition.json, not the clock
    assert edition.link.endswith(f"{NEW}/index.html")
    assert "1 changed, 1 new since 2026-11-05" in edition.summary
    assert "0.41 (2026-10-01) → 0.47 (2026-11-20)" in edition.content[0].value
    assert "<script>window.__pwned=1</script>" in edition.summary  # as text
    first = by_title["Revision 1 of edition 2026-12-05 (incomplete)"]
    assert first.updated == "2026-12-05T00:00:00Z"  # time unknown: its edition's day
    assert "first build" in first.summary and "since" not in first.summary
    second = by_title["Revision 2 of edition 2026-12-05 (complete)"]  # the status it had then
    assert second.updated == "2026-12-05T06:00:00Z" and "Briefs: executive-global." in second.summary
    third = by_title["Revision 3 of edition 2026-12-05 (incomplete)"]
    assert "rebuilt <b>Africa</b> HTML only" in third.summary and "1 new since" in third.summary
    older = by_title["Edition 2026-11-05 (complete)"]
    assert older.updated == "2026-11-05T06:20:00Z"  # no time in edition.json: the newest manifest
    assert "first edition of this brief" in older.summary
    assert [e.updated for e in entries] == sorted((e.updated for e in entries), reverse=True)
    # Links are relative to the feed, so they resolve beside it.
    raw = feedparser.parse((reports / "feed.xml").read_text())  # no base: hrefs as written
    for entry in raw.entries:
        assert (reports / urllib.parse.unquote(entry.link)).is_file(), entry.link


def test_same_folders_give_the_same_bytes_wherever_and_whenever_they_are(reports, tmp_path):
    first = site.write(reports)
    outputs = {p.relative_to(reports): p.read_bytes() for p in first.pages}
    again = site.write(reports)
    assert again.written == []  # nothing rewritten
    assert {p.relative_to(reports): p.read_bytes() for p in again.pages} == outputs
    copy = tmp_path / "elsewhere" / "reports"
    shutil.copytree(reports, copy, symlinks=True)
    for path in copy.rglob("*"):  # other modification times change nothing either
        if not path.is_symlink():
            os.utime(path, (1, 1))
    for relative in outputs:
        (copy / relative).unlink()
    moved = site.write(copy)
    assert {p.relative_to(copy): p.read_bytes() for p in moved.pages} == outputs
    assert all(str(tmp_path).encode() not in data for data in outputs.values())


def test_site_writes_only_its_own_files(reports):
    before = {p for p in reports.rglob("*")}
    contents = {p: p.read_bytes() for p in before if p.is_file() and not p.is_symlink()}
    result = site.write(reports)
    after = {p for p in reports.rglob("*")}
    assert (
        after - before
        == {
            reports / "index.html",
            reports / "feed.xml",
            reports / OLD / "index.html",
            reports / NEW / "index.html",
        }
        == set(result.pages)
    )
    assert all(p.read_bytes() == data for p, data in contents.items())
    assert not list(reports.rglob(".site-*"))


def test_the_edition_page_leaves_the_editions_checksums_valid(reports):
    assert checksums.verify(reports / NEW) == []
    site.write(reports)
    assert checksums.verify(reports / NEW) == []
    checksums.write_sums(reports / NEW)  # a rebuilt SHA256SUMS does not list the page either
    assert "index.html" not in checksums.read_sums(reports / NEW)[0]


def test_new_keys_are_tolerated_and_bad_ones_reported_while_the_rest_is_written(reports):
    index = json.loads((reports / NEW / "edition.json").read_text())
    index["briefs"] = {"executive-global": {"formats": ["html", "pdf"]}, "gone": {}, "../../etc": {}}
    index["revisions"] = "not a list"
    (reports / NEW / "edition.json").write_text(json.dumps(index))
    (reports / OLD / "edition.json").write_text("{ not json")
    result = site.write(reports)
    assert any(f"{OLD}/edition.json: cannot be read" in p for p in result.problems)
    assert any("'../../etc' is not a folder name" in p for p in result.problems)
    assert any("gone: listed in edition.json but there is no such folder" in p for p in result.problems)
    assert any("`revisions` is not a list" in p for p in result.problems)
    old = (reports / OLD / "index.html").read_text()
    assert "unreadable" in old and "cannot be read" in old
    assert "region-africa" in old  # its brief folders are still listed
    new = (reports / NEW / "index.html").read_text()
    assert "etc" not in new.replace("/etc", "")
    assert len(feedparser.parse((reports / "feed.xml").read_bytes()).entries) == 2


def test_an_empty_or_missing_reports_folder_gets_an_empty_site(tmp_path):
    result = site.write(tmp_path / "new-reports")
    assert result.problems == [] and result.editions == []
    assert "No edition has been published yet" in (tmp_path / "new-reports" / "index.html").read_text()
    parsed = feedparser.parse((tmp_path / "new-reports" / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated == site.EPOCH
    assert "Latest edition" not in (tmp_path / "new-reports" / "index.html").read_text()


def test_an_edition_without_any_time_is_dated_midnight_of_its_day(tmp_path):
    folder = tmp_path / "reports" / "2026-01-02-rc1"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "b.html").write_text("<p>b</p>")
    _json(folder / "edition.json", {"status": "complete"})
    edition = site.read_edition(folder)
    assert edition.updated == "2026-01-02T00:00:00Z"
    assert [b.id for b in edition.briefs] == []  # no manifest, not listed: not a brief
    assert "2 January 2026 (rc1)" in site.index_page([edition], None)


def test_the_html_and_pdf_are_found_by_suffix_whatever_their_names(tmp_path):
    folder = tmp_path / "2026-03-01" / "x"
    folder.mkdir(parents=True)
    for name in ("index.html", "x.html", "x_2026-03-01.html", "appendix.html", "other.pdf"):
        (folder / name).write_text(name)
    brief = site.read_brief(folder, "2026-03-01")
    assert brief.html.path == "x/x_2026-03-01.html"
    assert brief.pdf.path == "x/other.pdf"


def test_the_country_briefs_come_after_the_region_briefs_and_the_report(tmp_path):
    edition = tmp_path / "2026-03-01"
    for brief_id in ("country-alb", "executive-global", "full-report"):
        make_brief(edition, brief_id, brief_id, stem=f"{brief_id}_2026-03-01")
    _json(
        edition / "edition.json",
        {
            "edition": "2026-03-01",
            "status": "complete",
            "briefs": ["country-alb", "executive-global", "full-report"],
        },
    )
    assert [b.id for b in site.read_edition(edition).briefs] == [
        "executive-global",
        "full-report",
        "country-alb",
    ]


# --- the command ---------------------------------------------------------------------------------


def test_site_command_writes_the_site_and_reports_problems(reports, capsys):
    assert cli.main(["site", "--reports-dir", str(reports)]) == 0
    assert (reports / "index.html").exists() and (reports / "feed.xml").exists()
    assert "Site of 2 edition(s)" in capsys.readouterr().out
    shutil.rmtree(reports / OLD / "region-africa")
    assert cli.main(["site", "--reports-dir", str(reports)]) == 1
    assert "region-africa: listed in edition.json but there is no such folder" in capsys.readouterr().err
    assert cli.main(["site", "--reports-dir", str(reports / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_open_opens_the_latest_or_the_named_editions_html(reports, monkeypatch, capsys):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    assert cli.main(["open", "executive-global", "--reports-dir", str(reports)]) == 0
    latest = reports / "latest" / "executive-global" / f"executive-global_{NEW}.html"
    assert opened == [latest.absolute().as_uri()]
    assert str(latest) in capsys.readouterr().out
    assert cli.main(["open", "region-africa", "--edition", OLD, "--reports-dir", str(reports)]) == 0
    assert opened[-1].endswith(f"/{OLD}/region-africa/region-africa.html")
    assert cli.main(["open", "nope", "--reports-dir", str(reports)]) == 2
    assert "has no such brief (it has: executive-global, region-africa)" in capsys.readouterr().err
    assert (
        cli.main(["open", "executive-global", "--edition", "2020-01-01", "--reports-dir", str(reports)]) == 2
    )
    assert f"editions in {reports}: {NEW}, {OLD}" in capsys.readouterr().err
    assert cli.main(["open", "x", "--edition", "yesterday", "--reports-dir", str(reports)]) == 2
    assert len(opened) == 2


def test_open_without_latest_takes_the_newest_edition_and_says_when_no_browser_runs(
    reports, monkeypatch, capsys
):
    (reports / "latest").unlink()
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: False)
    assert cli.main(["open", "region-africa", "--reports-dir", str(reports)]) == 0
    out, err = capsys.readouterr()
    assert f"{NEW}/region-africa/region-africa_{NEW}.html" in out and "no web browser" in err


def test_server_serves_the_site_on_loopback(reports):
    site.write(reports)
    httpd = site.server(reports, 0)
    host, port = httpd.server_address[:2]
    assert host == "127.0.0.1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as reply:
            assert b"Latest edition" in reply.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/latest/index.html", timeout=10) as reply:
            assert b"What changed since edition 2026-11-05" in reply.read()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_serve_command_writes_a_missing_site_and_stops_on_ctrl_c(reports, monkeypatch, capsys):
    served: list[Path] = []

    class Stub:
        server_address = ("127.0.0.1", 8123)

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            served.append("closed")

    monkeypatch.setattr(site, "server", lambda folder, port: served.append((folder, port)) or Stub())
    assert cli.main(["serve", "--port", "8123", "--reports-dir", str(reports)]) == 0
    assert served == [(reports, 8123), "closed"]
    assert (reports / "index.html").exists()
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["serve", "--port", "70000"])


def test_serve_command_says_when_the_port_is_taken(reports, capsys):
    taken = site.server(reports, 0)
    try:
        port = taken.server_address[1]
        assert cli.main(["serve", "--port", str(port), "--reports-dir", str(reports)]) == 2
        assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
    finally:
        taken.server_close()


# --- in a real browser ---------------------------------------------------------------------------

PROBE = """() => ({
  title: document.querySelector('h1') ? document.querySelector('h1').innerText : '',
  h1Height: document.querySelector('h1') ? document.querySelector('h1').getBoundingClientRect().height : 0,
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  scripts: document.scripts.length,
  width: document.documentElement.scrollWidth,
  shown: document.body.innerText.includes('<script>window.__pwned=1</script>'),
  pwned: window.__pwned || null,
})"""


async def _browse(pages: list[Path]) -> dict[str, dict]:
    from playwright.async_api import async_playwright

    from strategy_brief.report import export

    found = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=export.find_chromium(), args=[*export.CHROMIUM_ARGS, "--no-sandbox"]
        )
        try:
            for path in pages:
                page = await browser.new_page(viewport={"width": 400, "height": 800})
                errors: list[str] = []
                page.on("console", lambda m, seen=errors: seen.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda exc, seen=errors: seen.append(str(exc)))
                await page.goto(path.as_uri(), wait_until="load")
                result = await page.evaluate(PROBE)
                result["errors"] = errors
                found[str(path)] = result
                await page.close()
        finally:
            await browser.close()
    return found


@pytest.mark.slow
def test_the_site_renders_in_chromium_with_working_links_and_no_errors(reports):
    site.write(reports)
    pages = [reports / "index.html", reports / "latest" / "index.html", reports / OLD / "index.html"]
    results = asyncio.run(_browse(pages))
    assert len(results) == 3
    for name, found in results.items():
        assert found["errors"] == [], (name, found["errors"])
        assert found["h1Height"] > 0 and found["title"], name
        assert found["scripts"] == 0 and found["pwned"] is None, name
        assert found["width"] <= 400, (name, found["width"])  # readable at 400 px: nothing scrolls sideways
        assert found["links"], name
        for href in found["links"]:
            url = urllib.parse.urlsplit(href)
            assert url.scheme == "file", (name, href)
            assert Path(urllib.parse.unquote(url.path)).is_file(), (name, href)
    assert results[str(reports / "index.html")]["shown"]  # the hostile title, as text
