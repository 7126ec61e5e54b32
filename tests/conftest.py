"""Shared fixtures: throw-away notebooks and a tiny project with its own build file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest
from hypothesis import settings

from strategy_brief import config

# Property tests draw the same examples on every run, so CI results are reproducible; run
# `pytest --hypothesis-profile=explore` to search with fresh random examples.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=500, deadline=None)
settings.load_profile("repeatable")


def make_notebook(path: Path, parameters: str, *cells: str) -> Path:
    """Write a notebook with a tagged parameters cell followed by code cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": config.KERNEL_NAME,
        "display_name": "Python (strategy-brief)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    param_cell = nbformat.v4.new_code_cell(textwrap.dedent(parameters).strip())
    param_cell.metadata["tags"] = ["parameters"]
    nb.cells = [param_cell] + [nbformat.v4.new_code_cell(textwrap.dedent(c).strip()) for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


OK_CELL = """
from strategy_brief.report import record, style
record.narrate(f"Hello from the {region} brief, edition {edition}.")
record.key_figure("answer", 42, unit="count", label="The answer", as_of="2025", source="test")
fig, ax = style.new_figure("Two bars", "A subtitle")
ax.bar(["United States", "China"], [3, 4])
import pandas as pd
record.show_figure(
    fig, alt="Two bars: 3 and 4", source_note="Source: a test.",
    data=pd.DataFrame({"bloc": ["United States", "China"], "value": [3, 4]}), columns={"value": "bar height"},
)
"""


@pytest.fixture
def chromium_executable() -> str:
    """The Chromium a build would print with; the test is skipped where none is installed."""
    from strategy_brief.report import export

    try:
        return export.find_chromium()
    except RuntimeError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A project with one passing brief; tests add failing notebooks as needed."""
    return make_tiny_project(tmp_path)


def make_tiny_project(tmp_path: Path) -> Path:
    """Two notebooks, one brief per region (Global, Europe), and one raw input file."""
    make_notebook(
        tmp_path / "notebooks" / "ok.ipynb",
        'edition: str = "2000-01-01"\nregion: str = "Global"  # one of: Global | Europe',
        OK_CELL,
    )
    make_notebook(
        tmp_path / "notebooks" / "second.ipynb",
        'edition: str = "2000-01-01"\nregion: str = "Global"',
        "from strategy_brief.report import record\nrecord.narrate('Second section.')",
        OK_CELL,
    )
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "input.csv").write_text("a,b\n1,2\n")
    (tmp_path / "briefs.yml").write_text(
        textwrap.dedent(
            """
            title: Tiny series
            briefs:
              - id: hello-{region}
                title: "Hello: {region}"
                notebooks: [ok.ipynb, second.ipynb]
                for_each:
                  region: [Global, Europe]
            """
        )
    )
    return tmp_path
