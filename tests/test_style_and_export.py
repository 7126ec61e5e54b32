import re

import matplotlib

matplotlib.use("Agg")
import nbformat
import pytest

from strategy_brief import export, record, style


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
