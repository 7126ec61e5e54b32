import re
import subprocess

import matplotlib

matplotlib.use("Agg")
import nbformat
import pytest

from strategy_brief import config
from strategy_brief.report import export, record, style


def small_figure(title="Headline"):
    fig, ax = style.new_figure(title, "Subtitle")
    ax.bar(
        ["United States", "China"],
        [1, 2],
        color=[style.bloc_colour("United States"), style.bloc_colour("China")],
    )
    return fig


def test_svg_is_identical_across_renders_and_carries_no_date():
    first, second = style.to_svg(small_figure(), "s"), style.to_svg(small_figure(), "s")
    assert first == second
    assert first.startswith("<svg") and "<dc:date>" not in first


def test_figure_html_has_alt_text_number_and_source_note():
    html = style.figure_html(small_figure(), number=3, alt="Two bars", source_note="Source: test.")
    assert 'aria-label="Two bars"' in html and 'id="figure-3"' in html
    assert "Figure 3." in html and "Source: test." in html


@pytest.mark.parametrize(("alt", "note"), [("", "Source: x"), ("Alt", " ")])
def test_figure_html_refuses_missing_alt_or_source(alt, note):
    with pytest.raises(ValueError, match="required"):
        style.figure_html(small_figure(), number=1, alt=alt, source_note=note)


def test_us_and_china_colours_are_fixed_and_distinct():
    assert style.bloc_colour("United States") != style.bloc_colour("China")
    assert style.BLOC_HATCHES["United States"] != style.BLOC_HATCHES["China"]


def executed_notebook():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("import secret_code_here")
    code.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="a warning"),
        nbformat.v4.new_output("display_data", data={record.KEY_FIGURE_MIME: {"name": "x", "value": 1}}),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": style.figure_html(small_figure(), number=1, alt="A", source_note="Source: S")},
        ),
    ]
    empty = nbformat.v4.new_code_cell("x = 1")
    note = nbformat.v4.new_markdown_cell("For analysts only")
    note.metadata["tags"] = [export.ANALYST_ONLY_TAG]
    prose = nbformat.v4.new_markdown_cell("## Findings\n\nText for readers.")
    nb.cells = [note, prose, code, empty]
    return nb


def test_publishable_keeps_only_what_readers_should_see():
    out = export.publishable(executed_notebook())
    assert [c.cell_type for c in out.cells] == ["markdown", "code"]
    assert [o.output_type for o in out.cells[1].outputs] == ["display_data"]
    assert "text/html" in out.cells[1].outputs[0].data
    assert [c.id for c in out.cells] == ["cell-0", "cell-1"]


def test_merge_concatenates_sections_in_order_with_metadata():
    a, b = executed_notebook(), executed_notebook()
    b.cells[1].source = "## Second section"
    merged = export.merge([a, b], {"title": "T", "edition": "2026-01-01"})
    assert [c.source.splitlines()[0] for c in merged.cells if c.cell_type == "markdown"] == [
        "## Findings",
        "## Second section",
    ]
    assert merged.metadata.strategy_brief["edition"] == "2026-01-01"
    with pytest.raises(ValueError, match="no notebooks"):
        export.merge([], {})


def test_html_export_has_no_code_has_svg_and_is_deterministic():
    meta = {
        "title": "Brief title 深度求索",
        "edition": "2026-01-01",
        "series": "S",
        "region": "Global",
    }
    first = export.export_html(export.merge([executed_notebook()], meta))
    second = export.export_html(export.merge([executed_notebook()], meta))
    assert first == second
    assert "secret_code_here" not in first and "hl-ipython3" not in first
    assert "<svg" in first and "Source: S" in first
    assert "Brief title 深度求索" in first and "Edition 2026-01-01" in first
    assert "a warning" not in first and "For analysts only" not in first
    assert not re.search(r"<script[^>]+src=", first), "the brief must not load scripts from the network"


def test_show_figure_requires_the_data_behind_the_chart():
    import pandas as pd

    with pytest.raises(ValueError, match="data behind the chart is required"):
        record.show_figure(small_figure(), alt="A", source_note="Source: S", data=pd.DataFrame())


def test_png_for_slides_is_identical_across_renders():
    assert style.to_png_base64(small_figure()) == style.to_png_base64(small_figure())
    assert style.figure_title(small_figure("Headline X")) == "Headline X"


FIGURE_ONE = '<figure id="figure-1"><span class="sb-figure-number">Figure 1.</span></figure>'


def test_table_and_figure_numbers_continue_across_notebooks():
    def section(text):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data",
                data={
                    "text/html": f"<table><caption>Table 1. {text}</caption></table>",
                    record.TABLE_MIME: {"number": 1},
                },
            ),
            nbformat.v4.new_output(
                "display_data",
                data={
                    "text/html": FIGURE_ONE,
                    "text/plain": "Figure 1. alt",
                    record.FIGURE_MIME: {"number": 1},
                },
            ),
        ]
        nb.cells = [cell]
        return nb

    merged = export.merge([section("A"), section("B")], {"title": "T"})
    html = [o["data"]["text/html"] for c in merged.cells for o in c.outputs]
    assert html[2] == "<table><caption>Table 2. B</caption></table>"
    assert 'id="figure-2"' in html[3] and ">Figure 2.</span>" in html[3]
    assert [f["number"] for f in export.figures(merged)] == [1, 2]


def test_long_titles_wrap_to_the_figure_and_the_axes_start_below_them():
    long = "A headline long enough that it cannot possibly fit on one line of a seven-inch chart " * 2
    fig, _ = style.new_figure(long.strip(), "Subtitle", height=3.3)
    assert "\n" in fig.texts[0].get_text()
    assert style.figure_title(fig) == long.strip()  # the recorded title reads as one line
    one, _ = style.new_figure("Short", "Subtitle", height=3.3)
    assert fig.subplotpars.top < one.subplotpars.top  # more title lines, lower axes
    assert style.wrap_text(one, "keep\nmy breaks", 9.5) == ["keep", "my breaks"]


def table_output(number, caption, extra="", rows="<tr><td>x</td></tr>"):
    return nbformat.v4.new_output(
        "display_data",
        data={
            "text/html": f'<table class="sb-table"><caption>Table {number}. {caption}</caption>'
            f"<tbody>{rows}</tbody></table>{extra}",
            record.TABLE_MIME: {"number": number, "caption": caption},
        },
    )


def section(title, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"## {title}"), *cells]
    return nb


def code_cell(*outputs, tags=()):
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = list(outputs)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def test_annex_cells_move_to_the_end_numbered_in_reading_order_with_references_following():
    prose = nbformat.v4.new_output("display_data", data={"text/markdown": "See Table 2 and Figures 1 and 2."})
    first = section(
        "First",
        code_cell(table_output(1, "Body table"), prose),
        code_cell(table_output(2, "Reference table"), tags=[export.ANNEX_TAG]),
    )
    second = section("Second", code_cell(table_output(1, "Other body table")))
    merged = export.merge(
        [first, second], {"title": "T"}, extra_cells=[nbformat.v4.new_markdown_cell("Changes")]
    )
    html = [o["data"].get("text/html", "") for c in merged.cells for o in c.get("outputs", [])]
    captions = [re.search(r"<caption>(Table \d+\. [^<]*)", h).group(1) for h in html if "<caption>" in h]
    assert captions == ["Table 1. Body table", "Table 2. Other body table", "Table 3. Reference table"]
    # The section's own "Table 2" is now Table 3; figure numbers it does not have stay as they were.
    texts = [
        o["data"]["text/markdown"]
        for c in merged.cells
        for o in c.get("outputs", [])
        if "text/markdown" in o["data"]
    ]
    assert texts == ["See Table 3 and Figures 1 and 2."]
    # Order: contents, the two sections, the build's extra cells, then the annex.
    assert "Changes" in merged.cells[-2].source and "Reference table" in html[-1]


def test_a_multi_section_brief_opens_with_contents_and_starts_each_section_on_a_page():
    annex_title = nbformat.v4.new_markdown_cell("# All the claims")
    annex_title.metadata["tags"] = [export.ANNEX_TAG]
    first = section("Capability", code_cell(table_output(1, "A")))
    first.cells.append(annex_title)
    merged = export.merge([first, section("Cost")], {"title": "T"})
    contents = merged.cells[0].outputs[0]["data"]["text/html"]
    assert re.findall(r'number">([^<]+)</span><a href="#([^"]+)">([^<]+)</a>', contents) == [
        ("1", "Capability", "Capability"),
        ("2", "Cost", "Cost"),
        ("Annex A", "All-the-claims", "All the claims"),
    ]
    starts = [c.source for c in merged.cells if export.CHAPTER_TAG in c.metadata.get("tags", [])]
    assert starts == ["## Capability", "## Cost", "# All the claims"]
    html = export.export_html(merged)
    assert 'id="All-the-claims"' in html and 'id="Capability"' in html  # the contents links resolve
    # One section: no contents and no page breaks.
    single = export.merge([section("Only")], {"title": "T"})
    assert all(export.CHAPTER_TAG not in c.metadata.get("tags", []) for c in single.cells)
    assert '<nav class="sb-contents">' not in export.export_html(single)


def test_long_names_in_table_cells_get_break_points_and_short_ids_do_not():
    rows = "<tr><td>F201a</td><td>models_by_bloc_year_accessibility; raw.githubusercontent.com</td></tr>"
    merged = export.merge([section("S", code_cell(table_output(1, "T", rows=rows)))], {"title": "T"})
    html = merged.cells[1].outputs[0]["data"]["text/html"]
    assert "<td>F201a</td>" in html
    assert (
        '<td class="sb-break">models_<wbr>by_<wbr>bloc_<wbr>year_<wbr>accessibility; '
        "raw<wbr>.githubusercontent<wbr>.com</td>" in html
    )


def test_contents_pages_are_the_first_page_opening_with_each_title_in_order():
    pages = [
        "Contents 1 Capability 2 Cost Annex A Claims",
        "1 Capability The gap ... Cost is discussed later",
        "more capability text",
        "2 Cost The price",
        "ANNEX A Claims",
    ]
    assert export.find_pages(pages, ["Capability", "Cost", "Claims", "Missing"]) == [2, 4, 5, None]


def test_show_table_can_fix_column_widths_and_use_the_compact_annex_type(monkeypatch):
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    outputs = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: outputs.append(data))
    frame = pd.DataFrame({"a": ["x"], "b": ["y"]})
    record.show_table(frame, caption="C", source_note="S", widths=["30%", "70%"], compact=True)
    html = outputs[-1]["text/html"]
    assert 'class="sb-table sb-table-fixed sb-table-compact"' in html
    assert '<colgroup><col style="width: 30%"><col style="width: 70%"></colgroup>' in html
    with pytest.raises(ValueError, match="2 columns but 1 widths"):
        record.show_table(frame, caption="C", source_note="S", widths=["100%"])


def shown_tables(monkeypatch, frame, **kw):
    from IPython.core.interactiveshell import InteractiveShell

    outputs = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: outputs.append(data))
    record.reset_numbering()
    record.show_table(frame, caption="C", source_note="S", **kw)
    return outputs[-1]["text/html"]


def test_columns_of_numbers_are_marked_for_right_alignment_and_the_cells_stay_plain(monkeypatch):
    import pandas as pd

    frame = pd.DataFrame(
        {
            "model": ["DeepSeek-R1", "GPT-5", "Qwen3"],
            "rows": ["3073", "1024", None],  # an empty cell neither makes nor spoils a numeric column
            "price": ["USD 0.48", "USD 12.50", "–"],
            "share": ["12%", "4.2×", "1,024"],
            "date": ["2025-08-04", "2025-07-01", "2026-01-31"],  # dates stay left
            "version": ["0.2.3", "1", "2"],  # not every cell a number
            "year": ["2023", "2024", "2025"],  # years label rows, like dates
            "figure": ["about 120", "at least 70%", "USD 5.5 billion"],
            "quantity": ["33.7 million users", "12", "7"],  # a quantity in words is text
        }
    )
    html = shown_tables(monkeypatch, frame)
    assert '<table class="sb-table sb-num-2 sb-num-3 sb-num-4 sb-num-8 sb-date-5">' in html
    assert "<td>DeepSeek-R1</td><td>3073</td><td>USD 0.48</td><td>12%</td>" in html
    assert html == shown_tables(monkeypatch, frame)  # deterministic
    assert record.numeric_columns([["", "x"], ["n/a", "y"]]) == []  # an empty column is not numeric
    for text in ("−3.5", "+5 pp", "~1.2M", "US$ 3", "2025"):
        assert record.is_number(text), text
    for text in ("2025-08-04", "0.2.3", "F201a", "1 (2025)", "7% to 29%", "USD"):
        assert not record.is_number(text), text
    # The house CSS right-aligns every column the class names (header included).
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    for n in range(1, 13):
        assert f"table.sb-table.sb-num-{n} tr > :nth-child({n})" in css


def test_long_names_break_only_at_their_marked_points_in_the_house_css():
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    # overflow-wrap: anywhere would let the table shrink the column below a host's widest piece and
    # split "githubusercontent" mid-word; break-word keeps the <wbr> points.
    assert "table.sb-table td.sb-break { overflow-wrap: break-word; }" in css
    assert "overflow-wrap: anywhere" not in css


def test_latin_text_uses_noto_sans_with_the_cjk_face_as_fallback_and_setup_installs_it():
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    stack = re.search(r"--sb-font: ([^;]+);", css).group(1)
    assert stack.startswith('"Noto Sans", "Noto Sans Math", "Noto Sans CJK SC"')
    script = (config.PROJECT_ROOT / "scripts" / "install-system-deps.sh").read_text()
    assert "missing+=(fonts-noto-core)" in script and "missing+=(fonts-noto-cjk)" in script


def pdf_fonts(path, page):
    out = subprocess.run(
        ["pdffonts", "-f", str(page), "-l", str(page), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [line.split()[:3] for line in out.splitlines()[2:]]


def test_pdf_embeds_latin_text_as_truetype_and_still_renders_chinese_names(tmp_path):
    latin = nbformat.v4.new_markdown_cell("## Latin\n\nChina’s open models – about 12% ≥ 1,024 → more.")
    chinese = nbformat.v4.new_markdown_cell("## Names\n\nDeepSeek 深度求索, Qwen 通义千问, Kimi 月之暗面.")
    latin_only, with_cjk = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    latin_only.cells, with_cjk.cells = [latin], [chinese]
    path = tmp_path / "brief.pdf"
    path.write_bytes(export.export_pdf(export.merge([latin_only, with_cjk], {"title": "T"})))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "China’s open models" in text
    assert "深度求索" in text and "通义千问" in text and "月之暗面" in text
    # Page 2 is the first section, all Latin (the quote, dash and symbols included): TrueType only,
    # no Type 3 (which the CFF-based CJK face would give any character that fell back to it).
    fonts = pdf_fonts(path, 2)
    assert ["CID", "TrueType"] in [f[1:] for f in fonts] and any("NotoSans-Regular" in f[0] for f in fonts)
    assert all(f[1] != "Type" for f in fonts), fonts


def test_headline_starts_where_long_axis_labels_start():
    fig, ax = style.new_figure("Title", "Subtitle")
    ax.barh(["A category name far too long for the default left margin", "B"], [1, 2])
    style.to_svg(fig, "s")
    title, subtitle = fig.sb_headline
    assert title.get_position()[0] < 0 and title.get_position()[0] == subtitle.get_position()[0]
    left = fig.get_tightbbox(fig.canvas.get_renderer()).x0
    assert abs(left - title.get_position()[0] * fig.get_figwidth()) < 1e-6
    short, ax = style.new_figure("Title", "Subtitle")
    ax.bar(["A", "B"], [1, 2])
    style.to_svg(short, "s")
    assert short.sb_headline[0].get_position()[0] == 0.0


def test_date_columns_are_found_and_kept_on_one_line():
    rows = [["2025-08-04", "2025", "F1"], ["2026-03", "2026", ""], ["", "x", "F2"]]
    assert record.date_columns(rows) == [1]  # a column of years alone, or of ids, is not one of dates
    assert record.date_columns([["2025"], ["2026-03-05"]]) == [1]  # years among dates are
    assert record.date_columns([["2025-08-04 to 2025-09-01"]]) == []
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    assert "table.sb-table.sb-date-1 td:nth-child(1)" in css
