"""The HTML reader on screen (templates/brief: index.html.j2 and brief.css), in headless Chromium at a
phone's 400 px and a desktop's 1280 px: navigation stays in reach, a wide table scrolls in its own box
and shows that it does, and chart text is at least 9 px."""

from __future__ import annotations

import io

import nbformat
import pandas as pd
import pytest

from strategy_brief.report import assemble, export, record, safe_html, style

pytestmark = pytest.mark.slow

SMALLEST_CHART_TEXT = 7  # points: the smallest text a house chart uses (report/charts/cost.py)
MIN_PX = 9


def _html_output(data: dict) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": data["text/html"]})]
    return cell


def _table(monkeypatch, columns: int, rows: int) -> nbformat.NotebookNode:
    shown: list[dict] = []
    monkeypatch.setattr(record, "display", lambda data, raw=True: shown.append(data))
    frame = pd.DataFrame(
        {
            f"Column heading {c}": [f"a longer text value in row {r}" for r in range(rows)]
            for c in range(columns)
        }
    )
    record.show_table(frame, caption="A table wider than a phone", source_note="Source: synthetic.")
    return _html_output(shown[0])


def _chart(number: int, width: float) -> nbformat.NotebookNode:
    fig, ax = style.new_figure("A chart with small labels", "Synthetic", width=width)
    ax.barh(["United States", "China"], [3, 4])
    ax.annotate("smallest label", (3, 0), fontsize=SMALLEST_CHART_TEXT)
    html = style.figure_html(fig, number=number, alt="Two bars", source_note="Source: synthetic.")
    return _html_output({"text/html": html})


def _section(title: str, *cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    prose = [nbformat.v4.new_markdown_cell("Reading text. " * 60) for _ in range(12)]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"), *prose[:3], *cells, *prose[3:]]
    return nb


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        record.reset_numbering()
        first = _section("First section", _table(monkeypatch, columns=7, rows=4), _chart(1, 7.0))
        second = _section("Second section", _chart(2, 8.4), _table(monkeypatch, columns=2, rows=3))
    merged = assemble.merge([first, second], {"title": "Reader test brief", "edition": "2026-01-01"})
    path = tmp_path_factory.mktemp("reader") / "brief.html"
    path.write_text(safe_html.sanitize_document(export.export_html(merged)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=export.find_chromium(), args=[*export.CHROMIUM_ARGS, "--no-sandbox"]
        )
        yield chromium
        chromium.close()


def wait_until(page, condition: str, timeout: float = 3.0) -> None:
    """Poll a JavaScript condition (wait_for_function would eval it, which the page's CSP forbids)."""
    for _ in range(int(timeout / 0.05)):
        if page.evaluate(f"() => {condition}"):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {timeout} s: {condition}")


def open_page(browser, brief, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(brief.as_uri(), wait_until="load")
    return page


SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('.sb-figure svg text')].map(t => {
  const m = t.getScreenCTM();
  return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
}))"""


@pytest.mark.parametrize("width", [400, 1280])
def test_chart_text_is_at_least_9_px(browser, brief, width):
    page = open_page(browser, brief, width)
    assert page.locator(".sb-figure svg").count() == 2
    assert page.evaluate(SMALLEST_TEXT) >= MIN_PX
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page itself scrolls sideways"
    page.close()


def _edge_darkness(png: bytes) -> tuple[float, float]:
    """Mean darkness (0 white … 255 black) of the leftmost and rightmost 6 px columns of a box."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size

    def mean(x0: int) -> float:
        pixels = [image.getpixel((x, y)) for x in range(x0, x0 + 6) for y in range(height)]
        return 255 - sum(pixels) / len(pixels)

    return mean(0), mean(width - 6)


def test_a_wide_table_scrolls_in_its_box_with_a_shadow_on_the_hidden_side(browser, brief):
    page = open_page(browser, brief, 400)
    box = page.locator(".jp-OutputArea-output:has(> table.sb-table)").first
    box.scroll_into_view_if_needed()
    hidden = box.evaluate("b => b.scrollWidth - b.clientWidth")
    assert hidden > 100, "the seven-column table should be wider than a phone"
    left, right = _edge_darkness(box.screenshot())
    assert right > left + 3, f"no shadow on the right, where columns are hidden ({left:.1f}, {right:.1f})"
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    assert box.evaluate("b => b.scrollLeft") == hidden
    left, right = _edge_darkness(box.screenshot())
    assert left > right + 3, f"no shadow on the left once scrolled to the end ({left:.1f}, {right:.1f})"
    narrow = page.locator(".jp-OutputArea-output:has(> table.sb-table)").nth(1)
    assert narrow.evaluate("b => b.scrollWidth - b.clientWidth") == 0, "a narrow table does not scroll"
    page.close()


@pytest.mark.parametrize("width", [400, 1280])
def test_the_navigation_bar_stays_in_reach_and_leads_back_to_the_contents(browser, brief, width):
    page = open_page(browser, brief, width)
    page.mouse.wheel(0, 4000)
    wait_until(page, "window.scrollY > 3000")
    nav = page.locator("nav.sb-nav")
    assert nav.bounding_box()["y"] == 0 and nav.is_visible()
    assert "Reader test brief" in nav.inner_text()
    if width < 1200:
        link = nav.locator("a.sb-nav-top")
        assert link.inner_text().startswith("Contents")
        link.click()
        wait_until(page, "window.scrollY === 0")
        assert page.locator("nav.sb-contents").is_visible()
    page.close()


def test_wide_screens_keep_the_contents_beside_the_text(browser, brief):
    page = open_page(browser, brief, 1280)
    page.mouse.wheel(0, 4000)
    wait_until(page, "window.scrollY > 3000")
    contents = page.locator("nav.sb-contents")
    box = contents.bounding_box()
    main = page.locator("main").bounding_box()
    assert contents.is_visible() and 0 <= box["y"] < 800
    assert box["x"] + box["width"] <= main["x"], "the contents overlap the text"
    contents.locator("a", has_text="Second section").click()
    heading = page.locator("h1", has_text="Second section")
    wait_until(page, "document.querySelector('h1[id^=\"Second\"]').getBoundingClientRect().top < 200")
    assert 30 <= heading.bounding_box()["y"] < 200, "the contents link lands on its section, below the bar"
    page.close()


def test_nothing_of_the_reader_is_printed(browser, brief):
    page = open_page(browser, brief, 1280)
    page.emulate_media(media="print")
    assert not page.locator("nav.sb-nav").is_visible()
    assert page.locator("nav.sb-contents").evaluate("n => getComputedStyle(n).position") == "static"
    assert page.locator(".sb-figure").first.evaluate("f => getComputedStyle(f).overflowX") == "visible"
    page.close()
