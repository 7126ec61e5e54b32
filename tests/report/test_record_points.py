"""The implications' points and the glossary's definitions as escaped HTML (report.record)."""

import pandas as pd

from strategy_brief.report import record


def test_points_and_definitions_render_escaped_html():
    out = record.points_html({"For A & B": ["x < y", "z"]})
    assert out.count("<li>") == 2 and "<h3>For A &amp; B</h3>" in out and "x &lt; y" in out
    terms = pd.DataFrame({"term": ["Elo"], "definition": ["a <rating>"]})
    assert (
        record.definitions_html(terms) == '<dl class="sb-glossary"><dt>Elo</dt><dd>a &lt;rating&gt;</dd></dl>'
    )
