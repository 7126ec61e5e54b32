"""Assembling the reader's document (strategy_brief.report.assemble): publishable cells, sections merged in
order, annexes, contents, figure and table numbers in reading order, long tokens, figure records."""

import re

import matplotlib

matplotlib.use("Agg")
import nbformat
import pytest

from strategy_brief.report import assemble, export, record, style
from tests.report.figure_tools import small_figure


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
    note.metadata["tags"] = [assemble.ANALYST_ONLY_TAG]
    prose = nbformat.v4.new_markdown_cell("## Findings\n\nText for readers.")
    nb.cells = [note, prose, code, empty]
    return nb


def test_publishable_keeps_only_what_readers_should_see():
    out = assemble.publishable(executed_notebook())
    assert [c.cell_type for c in out.cells] == ["markdown", "code"]
    assert [o.output_type for o in out.cells[1].outputs] == ["display_data"]
    assert "text/html" in out.cells[1].outputs[0].data
    assert [c.id for c in out.cells] == ["cell-0", "cell-1"]


def test_merge_concatenates_sections_in_order_with_metadata():
    a, b = executed_notebook(), executed_notebook()
    b.cells[1].source = "## Second section"
    merged = assemble.merge([a, b], {"title": "T", "edition": "2026-01-01"})
    assert [c.source.splitlines()[0] for c in merged.cells if c.cell_type == "markdown"] == [
        "## Findings",
        "## Second section",
    ]
    assert merged.metadata.strategy_brief["edition"] == "2026-01-01"
    with pytest.raises(ValueError, match="no notebooks"):
        assemble.merge([], {})


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

    merged = assemble.merge([section("A"), section("B")], {"title": "T"})
    html = [o["data"]["text/html"] for c in merged.cells for o in c.outputs]
    assert html[2] == "<table><caption>Table 2. B</caption></table>"
    assert 'id="figure-2"' in html[3] and ">Figure 2.</span>" in html[3]
    assert [f["number"] for f in assemble.figures(merged)] == [1, 2]


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
        code_cell(table_output(2, "Reference table"), tags=[assemble.ANNEX_TAG]),
    )
    second = section("Second", code_cell(table_output(1, "Other body table")))
    merged = assemble.merge(
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
    annex_title.metadata["tags"] = [assemble.ANNEX_TAG]
    first = section("Capability", code_cell(table_output(1, "A")))
    first.cells.append(annex_title)
    merged = assemble.merge([first, section("Cost")], {"title": "T"})
    contents = merged.cells[0].outputs[0]["data"]["text/html"]
    assert re.findall(r'number">([^<]+)</span><a href="#([^"]+)">([^<]+)</a>', contents) == [
        ("1", "Capability", "Capability"),
        ("2", "Cost", "Cost"),
        ("Annex A", "All-the-claims", "All the claims"),
    ]
    # Beside each title, the box its page number is written in (report.pdf_contents), linked alike.
    assert re.findall(r'</a><a class="sb-contents-page" href="#([^"]+)"[^>]*></a></li>', contents) == [
        "Capability",
        "Cost",
        "All-the-claims",
    ]
    starts = [c.source for c in merged.cells if assemble.CHAPTER_TAG in c.metadata.get("tags", [])]
    assert starts == ["## Capability", "## Cost", "# All the claims"]
    html = export.export_html(merged)
    assert 'id="All-the-claims"' in html and 'id="Capability"' in html  # the contents links resolve
    # One section: no contents and no page breaks.
    single = assemble.merge([section("Only")], {"title": "T"})
    assert all(assemble.CHAPTER_TAG not in c.metadata.get("tags", []) for c in single.cells)
    assert '<nav class="sb-contents">' not in export.export_html(single)


def test_long_names_in_table_cells_get_break_points_and_short_ids_do_not():
    rows = "<tr><td>F201a</td><td>models_by_bloc_year_accessibility; raw.githubusercontent.com</td></tr>"
    merged = assemble.merge([section("S", code_cell(table_output(1, "T", rows=rows)))], {"title": "T"})
    html = merged.cells[1].outputs[0]["data"]["text/html"]
    assert "<td>F201a</td>" in html
    assert (
        '<td class="sb-break">models_<wbr>by_<wbr>bloc_<wbr>year_<wbr>accessibility; '
        "raw<wbr>.githubusercontent<wbr>.com</td>" in html
    )
