"""data.steps.trust: the UNDP survey transcription as shares per country and answer, checked."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from strategy_brief.data import processed, refresh, schemas
from strategy_brief.data.steps import trust
from tests.fixtures import mirror_trust

HEADER = ["Country ISO", "Country", "Section", "Question", "Description", "Value", "Unit"]


def answers(iso, name, confidence=(20, 30, 30, 20), familiarity=(10, 20, 30, 35, 5), interaction=(25,) * 4):
    """A country's kept answers in the transcription's layout (percent)."""
    groups = [
        ("Q18. Trust in AI Systems", trust.TRUST, confidence),
        ("Q8. AI Familiarity", trust.FAMILIARITY, familiarity),
        ("Q10. Interaction with AI", trust.INTERACTION, interaction),
    ]
    rows = []
    for prefix, question, values in groups:
        texts = [t for t, (q, _) in trust.ANSWERS.items() if q == question]
        assert len(texts) == len(values)
        rows += [[iso, name, "s", text, "d", str(v), "%"] for text, v in zip(texts, values, strict=True)]
        assert all(t.startswith(prefix) for t in texts)
    return rows


def frame(*rows):
    return pd.DataFrame([r for group in rows for r in group], columns=HEADER)


def fixture_raw():
    return pd.read_csv(io.BytesIO(mirror_trust.undp_survey()), dtype=str, keep_default_na=False)


def test_shares_are_fractions_and_confident_is_very_plus_somewhat():
    table = trust.confidence_by_country(frame(answers("KEN", "Kenya", confidence=(12.5, 40.25, 30, 17.25))))
    shares = table.set_index("measure")["share"]
    assert shares["very_confident"] == pytest.approx(0.125)
    assert shares["somewhat_confident"] == pytest.approx(0.4025)
    assert shares[trust.CONFIDENT] == pytest.approx(0.5275)
    assert table.loc[table["measure"] == trust.CONFIDENT, "derived"].tolist() == [True]
    assert table.loc[table["measure"] != trust.CONFIDENT, "derived"].eq(False).all()
    assert set(table["measure"]) == set(trust.MEASURES)
    assert (table["iso3"] == "KEN").all() and (table["world_region"] == "Sub-Saharan Africa").all()


def test_the_fixture_file_gives_every_country_every_measure_labelled_as_a_transcription():
    raw = fixture_raw()
    table = trust.confidence_by_country(raw)
    schemas.validate("undp_trust_in_ai_by_country", table, "fixture")
    countries = raw["Country ISO"].nunique()
    assert len(table) == countries * len(trust.MEASURES)
    assert (table["survey"] == trust.SURVEY).all() and "transcription" in trust.SURVEY
    # Sections the step does not keep (age, mean age in years) are left out.
    assert set(table["question"]) == set(trust.QUESTIONS)
    # Names are the short names of the ISO code, whatever the transcription wrote.
    names = table.drop_duplicates("iso3").set_index("iso3")["country"]
    assert names["KOR"] == "South Korea" and names["USA"] == "United States" and names["TUR"] == "Türkiye"
    # Each country's answers to a question add back up to its total (rounding as in the file).
    answered = table[~table["derived"]].groupby(["iso3", "question"])["share"].sum()
    assert answered.between(0.995, 1.005).all()
    assert answered[("BRA", trust.TRUST)] == pytest.approx(0.9999)


def test_a_question_that_does_not_add_up_is_refused_naming_the_country():
    rows = frame(answers("KEN", "Kenya"), answers("BRA", "Brazil", confidence=(20, 30, 30, 25)))
    with pytest.raises(ValueError, match=r"BRA q18_trust_in_ai_systems: 105\.00%"):
        trust.confidence_by_country(rows, where="survey.csv")


def test_rounding_within_the_tolerance_is_accepted():
    rows = frame(answers("BRA", "Brazil", confidence=(20, 30, 30, 19.7)))  # 99.7: rounding
    assert len(trust.confidence_by_country(rows)) == len(trust.MEASURES)
    with pytest.raises(ValueError, match="BRA"):
        trust.confidence_by_country(frame(answers("BRA", "Brazil", confidence=(20, 30, 30, 19.4))))


def test_a_missing_answer_is_refused_naming_the_country_and_the_answer():
    rows = frame(answers("KEN", "Kenya"), answers("IND", "India"))
    rows = rows[~((rows["Country ISO"] == "IND") & rows["Question"].str.endswith("Never"))]
    with pytest.raises(ValueError, match=r"IND \(q10_interaction_with_ai\) lacks .*interaction_never"):
        trust.confidence_by_country(rows)


def test_a_missing_question_is_refused_naming_the_country():
    rows = frame(answers("KEN", "Kenya"))
    rows = rows[~rows["Question"].str.startswith("Q8.")]
    with pytest.raises(ValueError, match=r"KEN lacks the question\(s\) \['q8_ai_familiarity'\]"):
        trust.confidence_by_country(rows)


def test_an_answer_given_twice_is_refused():
    rows = frame(answers("KEN", "Kenya"))
    rows = pd.concat([rows, rows.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="KEN gives very_confident more than once"):
        trust.confidence_by_country(rows)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Value", "n/a", r"row 3 \(Kenya, .*\), column Value: not a number"),
        ("Value", "120", r"row 3 .*column Value: 120.0 is not a percentage"),
        ("Unit", "years", r"row 3 .*column Unit: expected %"),
        ("Country ISO", "KEX", r"row 3 .*column Country ISO: 'KEX' is not an ISO"),
        ("Country ISO", "UGA", r"row 3 .*column Country ISO: UGA but the country name reads as KEN"),
    ],
)
def test_a_bad_row_is_refused_naming_its_row_and_column(column, value, message):
    rows = frame(answers("KEN", "Kenya"))
    rows.loc[1, column] = value  # the file's row 3 (the header is row 1)
    with pytest.raises(ValueError, match=message):
        trust.confidence_by_country(rows, where="survey.csv")


def test_a_file_without_the_questions_is_refused():
    rows = pd.DataFrame([["KEN", "Kenya", "Age", "Q1. Age 18-35", "d", "40", "%"]], columns=HEADER)
    with pytest.raises(ValueError, match=r"survey\.csv: none of the questions"):
        trust.confidence_by_country(rows, where="survey.csv")


def test_the_fixture_refresh_writes_the_table(tmp_path, monkeypatch):
    """The registry's mirror glob finds the synthetic file; its sha256 is not checked (another name)."""
    mirror = tmp_path / "mirror"
    for relative, make in mirror_trust.MIRROR_FILES.items():
        (mirror / relative).parent.mkdir(parents=True, exist_ok=True)
        (mirror / relative).write_bytes(make())
    monkeypatch.setattr(refresh, "TABLES", trust.TABLES)
    proc = tmp_path / "processed"
    refresh.refresh([trust.SOURCE], mirror=mirror, external_dir=tmp_path / "ext", processed_dir=proc)
    table = processed.read("undp_trust_in_ai_by_country", proc)
    expected = trust.confidence_by_country(fixture_raw())
    confident = table[table["measure"] == trust.CONFIDENT].set_index("iso3")["share"]
    assert confident.to_dict() == pytest.approx(
        expected[expected["measure"] == trust.CONFIDENT].set_index("iso3")["share"].to_dict()
    )
    meta = processed.read_meta("undp_trust_in_ai_by_country", proc)
    assert "transcription" in meta["title"] and "transcription" in meta["description"]
    assert "transcription" in meta["sources"][0]["citation"]
    # Dated by its report's year: an as_of before 2025 sees no row, one in 2025 every row.
    assert (table["report_year"] == trust.REPORT_YEAR).all()
    assert processed.read("undp_trust_in_ai_by_country", proc, as_of="2024-12-31").empty
    assert len(processed.read("undp_trust_in_ai_by_country", proc, as_of="2025-01-01")) == len(table)
