"""House style for every chart: one colour-blind-safe palette, headline titles, deterministic SVG."""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

# Okabe & Ito (2008) colour-blind-safe palette; the two blocs keep these colours everywhere.
BLOC_COLOURS = {
    "United States": "#0072B2",  # blue
    "China": "#D55E00",  # vermillion
    "Europe": "#009E73",  # bluish green
    "Rest of world": "#A6A6A6",  # grey
}
# A second cue besides colour (markers for lines and points, hatches for bars).
BLOC_MARKERS = {"United States": "o", "China": "s", "Europe": "^", "Rest of world": "D"}
BLOC_HATCHES = {"United States": "", "China": "///", "Europe": "...", "Rest of world": ""}
NEUTRAL = "#BBBBBB"
INK = "#1A1A1A"
MUTED = "#595959"

RC = {
    # The HTML's faces: Noto Sans (TrueType, so PDFs embed no Type 3 fonts for Latin text), then Noto Sans
    # CJK for Chinese names and symbols (◆) it lacks; DejaVu last. Named as families, not through
    # "sans-serif", because matplotlib falls back glyph by glyph only along font.family.
    "font.family": ["Noto Sans", "Noto Sans CJK SC", "DejaVu Sans"],
    "font.sans-serif": ["Noto Sans", "Noto Sans CJK SC", "DejaVu Sans"],
    "font.size": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#E5E5E5",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.fonttype": "none",  # text stays text: searchable, crisp, and fonts resolve in the browser
}


def apply() -> None:
    """Set the house style for matplotlib (and seaborn, which reads the same rcParams)."""
    mpl.rcParams.update(RC)


def bloc_colour(bloc: str) -> str:
    return BLOC_COLOURS.get(bloc, NEUTRAL)


# Headline block of a house figure, in inches from the top edge (the same at any figure height).
TITLE_SIZE, SUBTITLE_SIZE = 13, 9.5
_TOP_PAD, _TITLE_LINE, _TITLE_GAP, _SUBTITLE_LINE, _AXES_GAP = 0.07, 0.226, 0.044, 0.17, 0.2


# A headline that names something from the data (a model, a family) stays a headline: longer text is
# cut with an ellipsis rather than pushing the chart off its figure.
MAX_TITLE_LINES, MAX_SUBTITLE_LINES = 3, 3


def _at_most(lines: list[str], count: int) -> list[str]:
    if len(lines) <= count:
        return lines
    return [*lines[: count - 1], lines[count - 1].rstrip(" ,;:") + " …"]


def new_figure(title: str, subtitle: str = "", *, width: float = 7.0, height: float = 3.3):
    """A figure with the house headline title (the finding) and a statistical subtitle.

    Title and subtitle are wrapped to the figure's width (a line never runs past the chart, which
    would shrink the whole chart on the page), and the axes start below them whatever the height."""
    apply()
    fig, ax = plt.subplots(figsize=(width, height))
    title_lines = _at_most(wrap_text(fig, title, TITLE_SIZE, bold=True, balance=True), MAX_TITLE_LINES)
    subtitle_lines = _at_most(wrap_text(fig, subtitle, SUBTITLE_SIZE), MAX_SUBTITLE_LINES) if subtitle else []
    headline = fig.text(
        0.0,
        1 - _TOP_PAD / height,
        "\n".join(title_lines),
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=INK,
        ha="left",
        va="top",
    )
    fig.sb_headline = [headline]  # aligned with the chart's left edge when it is saved
    block = _TOP_PAD + _TITLE_LINE * len(title_lines)
    if subtitle_lines:
        block += _TITLE_GAP
        fig.sb_headline.append(
            fig.text(
                0.0,
                1 - block / height,
                "\n".join(subtitle_lines),
                fontsize=SUBTITLE_SIZE,
                color=MUTED,
                ha="left",
                va="top",
            )
        )
        block += _SUBTITLE_LINE * len(subtitle_lines)
    fig.subplots_adjust(top=1 - (block + _AXES_GAP) / height)
    return fig, ax


def wrap_text(
    fig: Figure,
    text: str,
    fontsize: float,
    *,
    bold: bool = False,
    width: float | None = None,
    balance: bool = False,
) -> list[str]:
    """The lines of ``text`` (its own line breaks kept) wrapped at word boundaries to ``width`` inches
    (the figure's width by default), measured with the house font. With ``balance``, a paragraph
    that needs several lines gets lines of even length rather than a long line and a stray word."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    limit = 72 * (width if width is not None else fig.get_figwidth())  # points
    font = FontProperties(
        family=mpl.rcParams["font.sans-serif"], size=fontsize, weight="bold" if bold else "normal"
    )
    measure = TextToPath()

    def points(line: str) -> float:
        return measure.get_text_width_height_descent(line, font, ismath=False)[0]

    def greedy(words: list[str], most: float) -> list[str]:
        lines, line = [], ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and points(candidate) > most:
                lines.append(line)
                line = word
            else:
                line = candidate
        return [*lines, line]

    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        wrapped = greedy(words, limit)
        if balance and len(wrapped) > 1:  # the narrowest width that still needs no more lines
            low, high = max(points(w) for w in words), limit
            while high - low > 1:
                middle = (low + high) / 2
                low, high = (low, middle) if len(greedy(words, middle)) <= len(wrapped) else (middle, high)
            wrapped = greedy(words, high)
        lines.extend(wrapped)
    return lines


@contextmanager
def _salted(salt: str) -> Iterator[None]:
    with mpl.rc_context({"svg.hashsalt": salt}):
        yield


def align_headline(fig: Figure) -> None:
    """Start the headline title and subtitle where the chart starts: when axis labels reach left of
    the figure's edge (long category names), the saved, cropped chart would otherwise show the
    headline indented from the labels below it."""
    texts = getattr(fig, "sb_headline", [])
    if not texts:
        return
    for text in texts:
        text.set_x(0.0)
    left = fig.get_tightbbox(fig.canvas.get_renderer()).x0  # inches
    if left < 0:
        for text in texts:
            text.set_x(left / fig.get_figwidth())


def to_svg(fig: Figure, salt: str) -> str:
    """Render a figure as inline SVG with fixed ids and no timestamp (identical inputs, identical bytes)."""
    align_headline(fig)
    buf = io.StringIO()
    with _salted(salt):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    # Drop the XML prologue so the SVG can sit inside HTML.
    return svg[svg.index("<svg") :]


def to_png_base64(fig: Figure, dpi: int = 200) -> str:
    """The figure as a PNG for slides (no software or date stamp, so identical inputs match)."""
    align_headline(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


def spread(values: list[float], gap: float) -> list[float]:
    """Positions as near `values` as they can be with at least `gap` between any two, in the same
    order (ties keep theirs): labels at the ends of lines that end close together, moved apart. A run
    of labels too close is centred on where its values are."""
    placed: list[tuple[list[int], float]] = []  # runs of labels (indices, centre), lowest first
    for i in sorted(range(len(values)), key=lambda k: values[k]):
        run, centre = [i], values[i]
        while placed:
            below, below_centre = placed[-1]
            if below_centre + (len(below) - 1) * gap / 2 + gap <= centre - (len(run) - 1) * gap / 2:
                break
            placed.pop()
            run = below + run
            centre = sum(values[k] for k in run) / len(run)
        placed.append((run, centre))
    out = [0.0] * len(values)
    for run, centre in placed:
        for j, k in enumerate(run):
            out[k] = centre + (j - (len(run) - 1) / 2) * gap
    return out


def end_labels(ax, labels: list[tuple[float, float, str]], *, fontsize: float = 8, **text) -> None:
    """Label line ends (x, y, text) right of their points, moved apart vertically where they would
    overlap (two series ending at the same value, say). Call once the axes' limits are set."""
    if not labels:
        return
    fig = ax.get_figure()
    low, high = ax.get_ylim()
    points_per_unit = ax.get_position().height * fig.get_figheight() * 72 / (high - low)
    heights = [y * points_per_unit for _, y, _ in labels]
    for (x, y, label), at, wanted in zip(labels, heights, spread(heights, fontsize * 1.4), strict=True):
        ax.annotate(
            label,
            (x, y),
            xytext=(6, wanted - at),
            textcoords="offset points",
            va="center",
            fontsize=fontsize,
            **text,
        )


def figure_title(fig: Figure) -> str:
    """The headline title new_figure() drew (the first figure-level text), or ''."""
    return " ".join(fig.texts[0].get_text().split("\n")) if fig.texts else ""


def figure_html(fig: Figure, *, number: int, alt: str, source_note: str) -> str:
    """The figure as accessible HTML: numbered, SVG with alt text, source note as caption."""
    if not alt.strip():
        raise ValueError(f"Figure {number}: alt text is required")
    if not source_note.strip():
        raise ValueError(f"Figure {number}: a source note is required")
    svg = to_svg(fig, salt=f"strategy-brief-figure-{number}")
    svg = re.sub(r"<svg ", f'<svg role="img" aria-label="{html.escape(alt)}" ', svg, count=1)
    return (
        f'<figure class="sb-figure" id="figure-{number}">'
        f"{svg}"
        f'<figcaption><span class="sb-figure-number">Figure {number}.</span> '
        f'<span class="sb-source-note">{html.escape(source_note)}</span></figcaption>'
        f"</figure>"
    )


def bloc_lines(ax, frame, *, x: str, y: str, blocs=("United States", "China"), step: bool = True) -> None:
    """One line per bloc in its house colour and marker (never colour alone), labelled at its end."""
    for bloc in blocs:
        rows = frame[frame["bloc"] == bloc].sort_values(x)
        if rows.empty:
            continue
        draw = ax.step if step else ax.plot
        kwargs = {"where": "post"} if step else {}
        draw(rows[x], rows[y], color=bloc_colour(bloc), linewidth=2, label=bloc, **kwargs)
        ax.plot(
            rows[x],
            rows[y],
            linestyle="none",
            marker=BLOC_MARKERS[bloc],
            markersize=3.5,
            color=bloc_colour(bloc),
        )
        last = rows.iloc[-1]
        ax.annotate(
            f" {bloc}",
            (last[x], last[y]),
            color=bloc_colour(bloc),
            fontsize=9,
            fontweight="bold",
            va="center",
        )
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)


def bar_style(bloc: str) -> dict:
    """Bar (or legend patch) keywords for a bloc: its colour and hatch; a bloc outside the palette (such as
    'Unattributed') is drawn as an outline, so it does not read as 'Rest of world'."""
    if bloc in BLOC_COLOURS:
        return {
            "facecolor": bloc_colour(bloc),
            "hatch": BLOC_HATCHES[bloc],
            "edgecolor": "white",
            "linewidth": 0.0,
        }
    return {"facecolor": "white", "hatch": "", "edgecolor": MUTED, "linewidth": 0.8}


def month_ticks(ax, dates, fontsize: float = 8) -> None:
    """One x tick per distinct date (a snapshot, a release), labelled by month: 'Mar 2025'."""
    ticks = sorted(set(dates))
    ax.set_xticks(ticks, [f"{d:%b %Y}" for d in ticks], fontsize=fontsize)
