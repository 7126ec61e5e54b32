"""The reader's document: a brief's executed notebooks made one (publishable cells only, sections in
order then annexes, a contents list, figure and table numbers in reading order, long tokens allowed to
break), and the figure records the build publishes beside it. `report.export` turns it into HTML and PDF."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import quote

import nbformat

from strategy_brief.report.mime import FIGURE_MIME, KEY_FIGURE_MIME, TABLE_MIME

# Cells with this tag are for analysts in JupyterLab (how to use the notebook), not for readers.
ANALYST_ONLY_TAG = "analyst-only"
# Cells a section puts at the end of the brief, after every section (long reference tables).
ANNEX_TAG = "annex"
# Added by merge: the first cell of each section after the first, which starts a page.
CHAPTER_TAG = "sb-chapter"


def publishable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy fit for readers: analyst-only cells, stderr and record-only outputs and empty code
    cells dropped; cell ids made positional so identical inputs give identical HTML."""
    out = nbformat.from_dict(nb)
    cells = []
    for cell in out.cells:
        if ANALYST_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if _is_for_readers(o)]
            if not cell.outputs:
                continue
        elif cell.cell_type == "raw":
            continue
        cells.append(cell)
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"
    out.cells = cells
    return out


def _is_for_readers(output: dict) -> bool:
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout"
    if output.get("output_type") in {"display_data", "execute_result"}:
        data = output.get("data", {})
        return any(mime not in {KEY_FIGURE_MIME, FIGURE_MIME, TABLE_MIME} for mime in data)
    return output.get("output_type") != "error"


def merge(
    notebooks: list[nbformat.NotebookNode], metadata: dict, extra_cells: list | None = None
) -> nbformat.NotebookNode:
    """Several executed notebooks as one document, in order (a brief made of sections), then any
    cells the build adds (such as what changed since the last edition), then the cells the
    sections tagged ``annex`` (long reference tables), in section order.

    Figures and tables are numbered in reading order across the whole document, and each
    section's references to its own figures and tables ("Table 2") follow. With more than one
    section, a contents list opens the document and each section starts a page (tag ``sb-chapter``,
    which the house style also numbers); so does the first annex cell of each section."""
    if not notebooks:
        raise ValueError("merge: no notebooks to merge")
    merged = nbformat.v4.new_notebook()
    first = notebooks[0].metadata
    merged.metadata = nbformat.from_dict(
        {
            **{k: first[k] for k in ("kernelspec", "language_info") if k in first},
            "title": metadata.get("title", ""),
            "strategy_brief": metadata,
        }
    )
    sections = [publishable(nb).cells for nb in notebooks]
    bodies = [[c for c in cells if ANNEX_TAG not in _tags(c)] for cells in sections]
    annexes = [[c for c in cells if ANNEX_TAG in _tags(c)] for cells in sections]
    _renumber(
        [(i, c) for i, cells in enumerate(bodies) for c in cells]
        + [(i, c) for i, cells in enumerate(annexes) for c in cells]
    )
    for cells in sections:
        _mark_long_tokens(cells)
    contents = _contents(bodies, annexes) if len(notebooks) > 1 else None
    # Sections start a page; the first one too when a contents page comes before it.
    for cells in bodies if contents is not None else bodies[1:]:
        if cells:
            _add_tag(cells[0], CHAPTER_TAG)
    for cells in annexes:
        if cells:
            _add_tag(cells[0], CHAPTER_TAG)
    if contents is not None:
        merged.cells.append(contents)
    for cells in bodies:
        merged.cells.extend(cells)
    merged.cells.extend(extra_cells or [])
    merged.cells.extend(c for cells in annexes for c in cells)
    for index, cell in enumerate(merged.cells):
        cell.id = f"cell-{index}"
    return merged


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _add_tag(cell, tag: str) -> None:
    cell.setdefault("metadata", {})
    cell.metadata["tags"] = [*_tags(cell), tag]


_REFERENCE = re.compile(r"\b(Figures?|Tables?)(\s+)(\d+)((?:\s*(?:,|and|to|–)\s*\d+\b)*)")


def _renumber(cells: list[tuple[int, Any]]) -> None:
    """Number figures and tables 1, 2, ... in the order given (section index, cell) and make
    each section's references to its own figures and tables follow. Each notebook counts from 1."""
    maps: dict[str, dict[int, dict[int, int]]] = {"Figure": {}, "Table": {}}
    counts = {"Figure": 0, "Table": 0}
    for section, cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for kind, mime in (("Figure", FIGURE_MIME), ("Table", TABLE_MIME)):
                if mime not in data:
                    continue
                counts[kind] += 1
                maps[kind].setdefault(section, {})[data[mime]["number"]] = counts[kind]
    for section, cell in cells:
        figures, tables = maps["Figure"].get(section, {}), maps["Table"].get(section, {})
        if all(old == new for old, new in (*figures.items(), *tables.items())):
            continue
        if cell.cell_type == "markdown":
            cell.source = _renumber_references(cell.source, figures, tables)
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if FIGURE_MIME in data:
                payload = data[FIGURE_MIME]
                old, new = payload["number"], figures[payload["number"]]
                payload["number"] = new
                html = data["text/html"]
                html = html.replace(f'id="figure-{old}"', f'id="figure-{new}"', 1)
                data["text/html"] = html.replace(f">Figure {old}.</span>", f">Figure {new}.</span>", 1)
                data["text/plain"] = data["text/plain"].replace(f"Figure {old}.", f"Figure {new}.", 1)
            elif TABLE_MIME in data:
                payload = data[TABLE_MIME]
                old, new = payload["number"], tables[payload["number"]]
                payload["number"] = new
                data["text/html"] = data["text/html"].replace(
                    f"<caption>Table {old}. ", f"<caption>Table {new}. ", 1
                )
            else:
                for mime in ("text/markdown", "text/html", "text/plain"):
                    if mime in data:
                        data[mime] = _renumber_references(_text(data[mime]), figures, tables)
            if output.get("output_type") == "stream":
                output["text"] = _renumber_references(_text(output["text"]), figures, tables)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _renumber_references(text: str, figures: dict[int, int], tables: dict[int, int]) -> str:
    """'Table 2', 'Figures 1 and 3' in prose, renumbered with the section's maps."""

    def renumber(match: re.Match) -> str:
        numbers = figures if match.group(1).startswith("Figure") else tables
        first = str(numbers.get(int(match.group(3)), int(match.group(3))))
        rest = re.sub(r"\d+", lambda m: str(numbers.get(int(m.group()), int(m.group()))), match.group(4))
        return f"{match.group(1)}{match.group(2)}{first}{rest}"

    return _REFERENCE.sub(renumber, text)


# A table cell holding a token this long (a host, file or table name) may break inside it: after an
# underscore or a slash, before a dot ("raw<wbr>.githubusercontent<wbr>.com"); elsewhere only where a
# piece would not fit its column (the house CSS's overflow-wrap: break-word). Other cells break only
# between words, so short ids never split.
LONG_TOKEN = 20
_CELL = re.compile(r"<td>(.*?)</td>", re.DOTALL)


def _mark_long_tokens(cells: list) -> None:
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if TABLE_MIME in data:
                data["text/html"] = _CELL.sub(_break_long_tokens, data["text/html"])


def _break_long_tokens(match: re.Match) -> str:
    tokens = re.split(r"(\s+)", match.group(1))
    if max(len(t) for t in tokens) < LONG_TOKEN:
        return match.group(0)
    shown = "".join(
        re.sub(r"(?<=[_/])(?=\w)|(?<=\w)(?=\.\w)", "<wbr>", t) if len(t) >= LONG_TOKEN and "&" not in t else t
        for t in tokens
    )
    return f'<td class="sb-break">{shown}</td>'


_HEADING = re.compile(r"\A\s*(#{1,2})\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _contents(bodies: list[list], annexes: list[list]):
    """A contents list: the title of each section that opens with a heading (h1 or h2), numbered as
    the house style numbers them, linked to it, then the annexes' titles. None when fewer than two
    sections have titles. The PDF exporter writes the page numbers in (report.pdf_contents)."""
    sections = [t for t in (_opening_heading(cells) for cells in bodies) if t]
    annex_titles = [t for t in (_opening_heading(cells) for cells in annexes) if t]
    if len(sections) < 2:
        return None
    entries = [(str(n), t, "section") for n, t in enumerate(sections, start=1)]
    entries += [(f"Annex {chr(ord('A') + n)}", t, "annex") for n, t in enumerate(annex_titles)]
    items = "".join(
        f'<li class="sb-contents-{kind}"><span class="sb-contents-number">{label}</span>'
        f'<a href="#{_anchor(title)}">{html_lib.escape(title)}</a>'
        # The box of the page number, which the PDF exporter writes in (report.pdf_contents).
        f'<a class="sb-contents-page" href="#{_anchor(title)}" tabindex="-1" aria-hidden="true"></a></li>'
        for label, title, kind in entries
    )
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<nav class="sb-contents"><h2 class="sb-contents-title">Contents</h2>'
                f"<ol>{items}</ol></nav>",
                "text/plain": "Contents: " + "; ".join(title for _, title, _ in entries),
            },
        )
    ]
    return cell


def _opening_heading(cells: list) -> str:
    """The heading a section opens with (its first cell is markdown starting with # or ##), or ''."""
    if not cells or cells[0].cell_type != "markdown":
        return ""
    match = _HEADING.match(cells[0].source)
    return match.group(2).strip() if match else ""


def _anchor(title: str) -> str:
    """The id nbconvert gives a markdown heading (nbconvert.filters.strings.add_anchor)."""
    return quote(title.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def figures(nb: nbformat.NotebookNode) -> list[dict]:
    """The figure records (number, title, alt, source note, CSV, PNG) of a merged brief, in order."""
    return [
        dict(output["data"][FIGURE_MIME])
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if FIGURE_MIME in output.get("data", {})
    ]
