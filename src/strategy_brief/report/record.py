"""What a notebook shows its reader and records for the build: figures, narrative, key figures.

Notebook code is hidden in the published brief, so everything a reader sees is an output
produced here. Key figures travel in a private MIME type that the build collects into the
manifest (so a later edition can say what changed) and the exporters never render.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from matplotlib.figure import Figure

from strategy_brief.report import safe_html, style
from strategy_brief.report.mime import FIGURE_MIME, KEY_FIGURE_MIME, TABLE_MIME

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
    column gets the room and short ones stay narrow; ``compact`` sets the smaller annex type.
    Columns of numbers ("1,024", "12%", "USD 0.48"; see ``numeric_columns``) are right-aligned: the
    table carries a class ``sb-num-N`` per such column N, which the house CSS aligns, so the cells
    themselves stay plain ``<td>``."""
    if frame.empty:
        raise ValueError(f"show_table: {caption!r} has no rows")
    shown = frame[list(columns)] if columns else frame
    headers = list(columns.values()) if columns else list(frame.columns)
    if widths is not None and len(widths) != len(headers):
        raise ValueError(f"show_table: {caption!r} has {len(headers)} columns but {len(widths)} widths")
    number = next(_table_numbers)
    cells = [["" if pd.isna(v) else str(v) for v in row] for row in shown.itertuples(index=False)]
    classes = " ".join(
        ["sb-table"]
        + (["sb-table-fixed"] if widths else [])
        + (["sb-table-compact"] if compact else [])
        + [f"sb-num-{i}" for i in numeric_columns(cells)]
        + [f"sb-date-{i}" for i in date_columns(cells)]
    )
    cols = (
        "<colgroup>" + "".join(f'<col style="width: {html.escape(w)}">' for w in widths) + "</colgroup>"
        if widths
        else ""
    )
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in cells)
    fragment = (
        f'<table class="{classes}"><caption>Table {number}. {html.escape(caption)}</caption>'
        f"{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="sb-table-note">{html.escape(source_note)}</p>'
    )
    display({"text/html": fragment, TABLE_MIME: {"number": number, "caption": caption}}, raw=True)


# A number as tables show it: "3073", "1,024", "0.48", "-3.5", "12%", "4.2×", "USD 0.48", "~1.2M", "+5 pp",
# "about 120", "at least 70%". Dates ("2025-08-04"), versions ("0.2.3"), ranges, ids ("F201a") and
# quantities named in words ("33.7 million users") are not.
_NUMBER = re.compile(
    r"(?:(?:about|around|nearly|almost|over|under|up to|at least|at most)\s)?"
    r"(?:(?:USD|US\$|EUR|CNY|RMB|[$€£¥])\s?)?"
    r"[<>≤≥~≈]?\s?[+\-−]?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s?(?:%|×|x|pp|[kKMBT]|bn|million|billion|trillion))?"
)
# What a table shows in an empty cell; it neither makes nor spoils a numeric column.
_EMPTY = {"", "–", "—", "-", "n/a", "N/A"}
# A column of years alone labels its rows, like a column of dates: it stays left.
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")


def is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text.strip().replace("\u00a0", " ")) is not None


def numeric_columns(rows: list[list[str]]) -> list[int]:
    """The columns (numbered from 1, as CSS's nth-child counts) whose every non-empty cell is a
    number, and which have at least one, years alone aside: the house style right-aligns them,
    header included."""
    if not rows:
        return []
    found = []
    for index in range(len(rows[0])):
        values = [row[index].strip() for row in rows if row[index].strip() not in _EMPTY]
        if values and all(is_number(v) for v in values) and not all(_YEAR.fullmatch(v) for v in values):
            found.append(index + 1)
    return found


_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def date_columns(rows: list[list[str]]) -> list[int]:
    """The columns (from 1) whose every non-empty cell is an ISO date: the house style keeps each
    date on one line, since a browser would otherwise break it at its hyphens."""
    if not rows:
        return []
    found = []
    for index in range(len(rows[0])):
        values = [row[index].strip() for row in rows if row[index].strip() not in _EMPTY]
        # Years may sit among dates ("2025" beside "2025-08-04"); a column of years alone is left as it is.
        if values and all(_DATE.fullmatch(v) for v in values) and any("-" in v for v in values):
            found.append(index + 1)
    return found


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
    """Narrative text whose numbers were computed by the caller (never typed in a notebook).

    Markdown for emphasis and http(s) links; any HTML in it, from data or not, is shown as text."""
    display({"text/html": safe_html.markdown(text), "text/markdown": text}, raw=True)


def key_finding(text: str) -> None:
    """The section's key finding in the house box. `text` is plain text: escaped, never markup."""
    display(HTML(f'<p class="sb-keyfinding">{html.escape(text)}</p>'))


def data_gap(
    text: str | list[str],
    *,
    title: str = "Data gap.",
    points: list[str | tuple[str, str]] | None = None,
) -> None:
    """A data-gap box: what is missing and why. A list of texts gives paragraphs; ``points`` a list
    (a (label, text) point shows its label in bold). Plain text throughout, escaped."""
    paragraphs = [text] if isinstance(text, str) else list(text)
    lead = f"<strong>{html.escape(title)}</strong> "
    if len(paragraphs) == 1 and not points:
        display(HTML(f'<p class="sb-datagap">{lead}{html.escape(paragraphs[0])}</p>'))
        return
    body = "".join(f"<p>{lead if i == 0 else ''}{html.escape(t)}</p>" for i, t in enumerate(paragraphs))
    if points:
        body += "<ul>" + "".join(f"<li>{_point(p)}</li>" for p in points) + "</ul>"
    display(HTML(f'<div class="sb-datagap">{body}</div>'))


def _point(point: str | tuple[str, str]) -> str:
    if isinstance(point, tuple):
        label, text = point
        return f"<strong>{html.escape(label)}</strong>: {html.escape(text)}"
    return html.escape(point)


def show_list(points: list[str], *, kind: str = "gaps") -> None:
    """A short list in the house style (``kind``: gaps); plain text, escaped."""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in points)
    display(HTML(f'<ul class="sb-{html.escape(kind)}">{items}</ul>'))


def note(text: str, *, kind: str = "vintage", title: str = "") -> None:
    """A one-paragraph house note (``kind``: vintage, …) with an optional bold title; plain text."""
    lead = f"<strong>{html.escape(title)}</strong> " if title else ""
    display(HTML(f'<p class="sb-{html.escape(kind)}">{lead}{html.escape(text)}</p>'))


def show_html(fragment: str) -> None:
    """Markup written by the project's own code; sanitized all the same (no script, safe links)."""
    display(HTML(safe_html.sanitize(fragment)))


def show_points(sections: dict[str, list[str]]) -> None:
    """Titled lists of short points side by side in print (the implications for each side)."""
    display(HTML(points_html(sections)))


def points_html(sections: dict[str, list[str]]) -> str:
    return (
        '<div class="sb-implications">'
        + "".join(
            f"<section><h3>{html.escape(title)}</h3><ul>"
            + "".join(f"<li>{html.escape(point)}</li>" for point in points)
            + "</ul></section>"
            for title, points in sections.items()
        )
        + "</div>"
    )


def show_definitions(terms: pd.DataFrame) -> None:
    """A glossary: a definition list from a frame with columns term and definition."""
    display(HTML(definitions_html(terms)))


def definitions_html(terms: pd.DataFrame) -> str:
    return (
        '<dl class="sb-glossary">'
        + "".join(
            f"<dt>{html.escape(t)}</dt><dd>{html.escape(d)}</dd>"
            for t, d in zip(terms["term"], terms["definition"], strict=True)
        )
        + "</dl>"
    )


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
