"""Fixtures shared by the report tests."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from strategy_brief.report import record


@pytest.fixture
def shown(monkeypatch) -> list[dict]:
    """Every figure the charts show, with what they pass to record.show_figure (the figure left open
    for the test, closed after it)."""
    calls = []
    monkeypatch.setattr(record, "show_figure", lambda fig, **kw: calls.append({"fig": fig, **kw}))
    yield calls
    for call in calls:
        plt.close(call["fig"])
