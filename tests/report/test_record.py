"""What a notebook shows (strategy_brief.report.record): figures need their data; tables' widths, numeric
and date columns."""

import matplotlib

matplotlib.use("Agg")
import pytest

from strategy_brief import config
from strategy_brief.report import record
from tests.report.figure_tools import small_figure


def test_show_figure_requires_the_data_behind_the_chart():
    import pandas as pd

    with pytest.raises(ValueError, match="data behind the chart is required"):
        record.show_figure(small_figure(), alt="A", source_note="Source: S", data=pd.DataFrame())


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


def test_date_columns_are_found_and_kept_on_one_line():
    rows = [["2025-08-04", "2025", "F1"], ["2026-03", "2026", ""], ["", "x", "F2"]]
    assert record.date_columns(rows) == [1]  # a column of years alone, or of ids, is not one of dates
    assert record.date_columns([["2025"], ["2026-03-05"]]) == [1]  # years among dates are
    assert record.date_columns([["2025-08-04 to 2025-09-01"]]) == []
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    assert "table.sb-table.sb-date-1 td:nth-child(1)" in css
