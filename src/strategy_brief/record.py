"""What a notebook shows its reader and records for the build: figures, narrative, key figures.

Notebook code is hidden in the published brief, so everything a reader sees is an output
produced here. Key figures travel in a private MIME type that the build collects into the
manifest (so a later edition can say what changed) and the exporters never render.
"""

from __future__ import annotations

import html
import itertools
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display
from matplotlib.figure import Figure

from . import style

KEY_FIGURE_MIME = "application/vnd.strategy-brief.key-figure+json"
FIGURE_MIME = "application/vnd.strategy-brief.figure+json"
TABLE_MIME = "application/vnd.strategy-brief.table+json"

_figure_numbers = itertools.count(1)
_table_numbers = itertools.count(1)


def reset_numbering(start: int = 1) -> None:
    global _figure_numbers, _table_numbers
    _figure_numbers = itertools.count(start)
    _table_numbers = itertools.count(start)


def show_table(
    frame: pd.DataFrame,
    *,
    caption: str,
    source_note: str,
    columns: dict[str, str] | None = None,
    widths: list[str] | None = None,
    compact: bool = False,
) -> None:
    """A readable, numbered table (not a DataFrame dump): chosen columns with reader-facing names.

    ``widths`` (one CSS width per column, such as "12%") fixes the column widths, so a long text
    column gets the room and short ones stay narrow; ``compact`` sets the smaller annex type."""
    if frame.empty:
        raise ValueError(f"show_table: {caption!r} has no rows")
    shown = frame[list(columns)] if columns else frame
    headers = list(columns.values()) if columns else list(frame.columns)
    if widths is not None and len(widths) != len(headers):
        raise ValueError(f"show_table: {caption!r} has {len(headers)} columns but {len(widths)} widths")
    number = next(_table_numbers)
    classes = " ".join(
        ["sb-table"] + (["sb-table-fixed"] if widths else []) + (["sb-table-compact"] if compact else [])
    )
    cols = (
        "<colgroup>" + "".join(f'<col style="width: {html.escape(w)}">' for w in widths) + "</colgroup>"
        if widths
        else ""
    )
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    fragment = (
        f'<table class="{classes}"><caption>Table {number}. {html.escape(caption)}</caption>'
        f"{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="sb-table-note">{html.escape(source_note)}</p>'
    )
    display({"text/html": fragment, TABLE_MIME: {"number": number, "caption": caption}}, raw=True)


def show_figure(
    fig: Figure,
    *,
    alt: str,
    source_note: str,
    data: pd.DataFrame,
    columns: dict[str, str] | None = None,
) -> None:
    """Display a chart as numbered SVG with alt text and its source note; the data behind it
    (CSV, with column descriptions) and a PNG for slides travel with it for the build to publish."""
    if data is None or data.empty:
        raise ValueError("show_figure: the data behind the chart is required (data=...)")
    number = next(_figure_numbers)
    body = style.figure_html(fig, number=number, alt=alt, source_note=source_note)
    display(
        {
            "text/html": body,
            "text/plain": f"Figure {number}. {alt}",
            FIGURE_MIME: {
                "number": number,
                "title": style.figure_title(fig),
                "alt": alt,
                "source_note": source_note,
                "csv": data.to_csv(index=False, lineterminator="\n"),
                "columns": {c: (columns or {}).get(c, "") for c in data.columns},
                "png": style.to_png_base64(fig),
            },
        },
        raw=True,
    )
    plt.close(fig)


def narrate(text: str) -> None:
    """Narrative text whose numbers were computed by the caller (never typed in a notebook)."""
    display(Markdown(text))


def show_html(fragment: str) -> None:
    display(HTML(fragment))


def key_figure(name: str, value: Any, *, unit: str, label: str, as_of: str, source: str) -> None:
    """Record a headline number in the run record; the build copies it into manifest.json."""
    if isinstance(value, float) and value != value:  # NaN is a bug upstream, not a figure
        raise ValueError(f"key figure {name!r} is NaN")
    display(
        {
            KEY_FIGURE_MIME: {
                "name": name,
                "value": value,
                "unit": unit,
                "label": label,
                "as_of": as_of,
                "source": source,
            }
        },
        raw=True,
    )
