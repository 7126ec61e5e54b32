"""The glossary (curated.glossary): sorted terms, the executive subset, and refused rows."""

import pytest

from strategy_brief.curated import glossary


def test_glossary_loads_sorted_and_rejects_bad_rows(tmp_path):
    terms = glossary.load()
    assert {"Open-weight model", "Open-source model", "Epoch Capabilities Index (ECI)"} <= set(terms["term"])
    assert list(terms["term"]) == sorted(terms["term"], key=str.lower)
    assert set(glossary.load(executive_only=True)["term"]) < set(terms["term"])
    bad = tmp_path / "g.csv"
    bad.write_text("term,definition,in_executive\nA,one,maybe\n")
    with pytest.raises(ValueError, match=r"row 2, column 'in_executive': expected yes or no, got 'maybe'"):
        glossary.load(bad)
    bad.write_text("term,definition,in_executive\nA,one,yes\na,two,no\n")
    with pytest.raises(ValueError, match="defined twice: a"):
        glossary.load(bad)
