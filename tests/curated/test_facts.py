"""curated.facts: the as_of cut of the curated facts."""

from decimal import Decimal

import pandas as pd
import pytest

from strategy_brief import config
from strategy_brief.curated import facts


@pytest.fixture(scope="module")
def committed():
    return pd.read_csv(config.raw_dir() / "facts.csv", dtype=str, keep_default_na=False)


def dated(committed, start, end):
    """A copy of the committed facts table re-dated: the first row gets these bounds."""
    table = committed.copy()
    table.loc[0, ["as_of_start", "as_of_end"]] = [start, end]
    if not (start and end):
        table.loc[0, "notes"] = table.loc[0, "notes"] or "open-ended period"
    return table


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        ("2024-01-01", "2024-12-31", True),  # ends on the cut
        ("2024-01-01", "2025-01-31", False),  # ends after it, though it started before
        ("2024-12-31", "", True),  # open-ended: dated by its start
        ("2025-01-01", "", False),
        ("", "", True),  # undated: nothing to cut by
    ],
)
def test_a_fact_is_kept_when_its_period_ends_on_or_before_as_of(committed, tmp_path, start, end, kept):
    path = tmp_path / "facts.csv"
    dated(committed, start, end).to_csv(path, index=False)
    fact_id = committed.loc[0, "fact_id"]
    assert (fact_id in set(facts.load(path, as_of="2024-12-31")["fact_id"])) is kept


def test_the_cut_keeps_exactly_the_facts_dated_on_or_before_it():
    every, cut = facts.load(), facts.load(as_of="2025-06-30")
    when = every["as_of_end"].where(every["as_of_end"] != "", every["as_of_start"])
    assert set(cut["fact_id"]) == set(every.loc[(when == "") | (when <= "2025-06-30"), "fact_id"])
    assert 0 < len(cut) < len(every)


@pytest.mark.parametrize("as_of", [None, ""])
def test_no_as_of_keeps_every_fact(as_of):
    assert len(facts.load(as_of=as_of)) == len(facts.load())


def test_an_as_of_that_is_not_a_date_is_refused():
    with pytest.raises(facts.FactsError, match="YYYY-MM-DD"):
        facts.load(as_of="mid-2025")


RAW = facts.config.RAW_DIR
PPM = "USD per million tokens"


@pytest.fixture(scope="module")
def table():
    return facts.load()


def test_committed_table_loads_in_the_agreed_shape(table):
    assert list(table.columns) == facts.COLUMNS
    assert pd.api.types.is_float_dtype(table["value"])
    assert table["fact_id"].is_unique
    assert list(table["fact_id"]) == sorted(table["fact_id"])
    raw = (RAW / "facts.csv").read_bytes()
    assert b"\r" not in raw
    raw.decode("utf-8")


def test_every_quote_states_its_value(table):
    raw = pd.read_csv(RAW / "facts.csv", dtype=str, keep_default_na=False)
    for row in raw.itertuples():
        assert facts.quote_form(row.quote, row.value, row.unit, row.qualifier), row.fact_id


def test_values_stated_at_another_scale_or_in_words_are_the_known_ones():
    # Each of these is read off its quote by a rule (scale word, Chinese numeral unit, spelled-out fraction).
    raw = pd.read_csv(RAW / "facts.csv", dtype=str, keep_default_na=False)
    indirect = {}
    for row in raw.itertuples():
        form = facts.quote_form(row.quote, row.value, row.unit, row.qualifier)
        digits = form.replace(",", "").replace("’", "")
        if not digits.replace(".", "").isdigit() or Decimal(digits) != Decimal(row.value):
            indirect[row.fact_id] = form
    assert indirect == {
        "F061": "113k",
        "F062": "27k",
        "F063": "6k",
        "F075": "1 billion",
        "F076": "1.15B",
        "F003": "three",
        "F084": "one-third",
        "F092": "9700万",
        "F093": "1.94亿",
        "F136a": "1 trillion",
        "F143a": "117,446.44万",
        "F177a": "1 trillion",
    }


@pytest.mark.parametrize(
    ("quote", "value", "unit", "qualifier", "form"),
    [
        ("private AI investment reached $109.1 billion", "109.1", "USD billion", "exact", "109.1"),
        ("ballooning from 3,833 to 122,511.", "122511", "count", "exact", "122,511"),
        ("a cap of 50’000 GPUs per country", "50000", "count", "exact", "50’000"),
        ("Chinese models had 1.15B tracked downloads", "1150", "downloads (million)", "exact", "1.15B"),
        ("In China, 72% of people express trust in AI.", "72", "percent", "exact", "72"),
        ("a 1T-parameter model", "1000", "parameters (billion)", "exact", "1T"),
        ("Gemini 2.5 Flash: $0.30 input", "0.3", PPM, "exact", "0.30"),
        ("周活跃用户规模最高近9700万", "97", "users (million)", "approx", "9700万"),
        ("about one-third of total token usage", "33", "percent", "approx", "one-third"),
        # Not stated: a number inside another number, a scale without its word, a fraction taken as exact.
        ("$18.75 / MTok", "75", PPM, "exact", None),
        ("1.15 tracked downloads", "1150", "downloads (million)", "exact", None),
        ("1.15B", "1150", "percent", "exact", None),
        ("about one-third of total token usage", "33", "percent", "exact", None),
        ("up 12 times", "999", "USD billion", "exact", None),
    ],
)
def test_quote_form(quote, value, unit, qualifier, form):
    assert facts.quote_form(quote, value, unit, qualifier) == form


@pytest.mark.parametrize(
    ("quote", "value", "unit", "qualifier", "form"),
    [
        ("and Europe’s combined total of three.", "3", "models", "exact", "three"),
        ("Three labs released models.", "3", "count", "exact", "Three"),  # any case, returned as written
        ("at least twelve of them", "12", "count", "at_least", "twelve"),
        ("no more than ninety firms", "90", "count", "at_most", "ninety"),
        ("about twenty models", "20", "models", "approx", "twenty"),
        ("zero models that year", "0", "models", "exact", "zero"),
        ("seven, not 9", "7.0", "count", "exact", "seven"),  # a whole value written with a decimal
        # Not stated: a word of another number, a scaled or non-count unit, a fraction of a count.
        ("and Europe’s combined total of three.", "4", "models", "exact", None),
        ("three billion dollars", "3", "USD billion", "exact", None),
        ("three percent", "3", "percent", "exact", None),
        ("three and a half", "3.5", "count", "exact", None),
        ("twenty-one models", "21", "models", "exact", None),  # compounds are not read
        ("a hundred models", "100", "models", "exact", None),
    ],
)
def test_quote_form_reads_a_whole_count_in_words(quote, value, unit, qualifier, form):
    assert facts.quote_form(quote, value, unit, qualifier) == form


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("someone released a model", "1"),
        ("oneself", "1"),
        ("a threefold rise", "3"),
        ("a three-fold rise", "3"),
        ("about one-third of usage", "1"),
        ("twenty-one models", "20"),
        ("twenty-one models", "1"),
        ("no one’s model", "1"),
        ("often cited", "10"),
        ("tone and weight", "1"),
    ],
)
def test_a_number_word_counts_only_as_a_word_of_its_own(quote, value):
    assert facts.quote_form(quote, value, "count", "exact") is None


def test_brief_keys_for_investment_and_trust(table):
    by_id = table.set_index("fact_id")
    for fid, year in [("F009", 2025), ("F010", 2025), ("F011", 2025), ("F012", 2024), ("F013", 2024)]:
        assert by_id.loc[fid, "indicator"] == "private_ai_investment"
        assert by_id.loc[fid, "primary_source"] == f"Stanford HAI AI Index {year}"
    barometer = [f"F{n}" for n in range(151, 158)]
    flash = [f"F{n}" for n in range(158, 163)]
    assert set(by_id.loc[barometer + flash, "indicator"]) == {"trust_in_ai"}
    assert set(by_id.loc[barometer, "primary_source"]) == {"Edelman Trust Barometer 2025"}
    assert set(by_id.loc[flash, "primary_source"]) == {"Edelman Flash Poll 2025"}
    assert by_id.loc["F155", "country"] == "World" and by_id.loc["F156", "qualifier"] == "at_most"


def test_conflicts_are_symmetric_and_explained(table):
    listed = {row.fact_id: set(filter(None, row.conflicts_with.split(";"))) for row in table.itertuples()}
    for fid, others in listed.items():
        for other in others:
            assert fid in listed[other], f"{fid} lists {other} but not the reverse"
        if others:
            assert "onflicts with" in table.set_index("fact_id").loc[fid, "notes"], fid
    groups = {frozenset({fid, *others}) for fid, others in listed.items() if others}
    assert {
        frozenset({"F090", "F092", "F093"}),  # DeepSeek users
        frozenset({"F061", "F064", "F070"}),  # Qwen derivatives
        frozenset({"F057", "F060"}),  # China's share of Hugging Face downloads
        frozenset({"F151", "F158"}),  # Edelman trust, China 72 vs 87
    } <= groups


def test_conflicts_returns_the_fact_then_its_conflicts(table):
    assert list(facts.conflicts(table, "F151")["fact_id"]) == ["F151", "F158"]
    assert list(facts.conflicts(table, "F009")["fact_id"]) == ["F009"]
    with pytest.raises(KeyError, match="F999"):
        facts.conflicts(table, "F999")


def test_compound_rows_are_split_into_one_figure_each(table):
    by_id = table.set_index("fact_id")
    assert "F105" not in by_id.index
    assert (by_id.loc["F105a", "indicator"], by_id.loc["F105a", "value"]) == ("api_price_input", 2.5)
    assert (by_id.loc["F105b", "indicator"], by_id.loc["F105b", "value"]) == ("api_price_output", 10.0)
    assert list(by_id.loc[["F177a", "F177b"], "indicator"]) == [
        "model_parameters_total",
        "model_parameters_active",
    ]
    assert list(by_id.loc[["F138a", "F138b"], "value"]) == [84.0, 98.0]
    assert list(by_id.loc[["F138a", "F138b"], "qualifier"]) == ["range_low", "range_high"]
    assert list(by_id.loc[["F202a", "F202b"], "value"]) == [2.8, 72.7]
    assert list(by_id.loc[["F146a", "F146b"], "indicator"]) == ["cloud_regions", "cloud_availability_zones"]


def test_not_found_rows_are_kept_apart():
    gaps = pd.read_csv(RAW / "facts_not_found.csv", dtype=str, keep_default_na=False)
    assert list(gaps.columns) == ["fact_id", "area", "indicator_label", "actor", "what_was_sought", "notes"]
    assert len(gaps) > 0 and gaps["fact_id"].is_unique
    assert (gaps[["what_was_sought", "notes"]] != "").all().all()
    assert not set(gaps["fact_id"]) & set(facts.load()["fact_id"].str[:4])


def test_latest(table):
    assert facts.latest(table, "private_ai_investment", "China")["fact_id"] == "F010"
    flash = facts.latest(table, "trust_in_ai", "China", primary_source="Edelman Flash Poll 2025")
    assert flash["value"] == 87.0
    with pytest.raises(ValueError, match="F138a, F138b, F138c, F138d"):
        facts.latest(table, "ai_capex_forecast", "China")
    with pytest.raises(LookupError, match="no trust_in_ai row for Atlantis"):
        facts.latest(table, "trust_in_ai", "Atlantis")


def corrupt(tmp_path, target, changes):
    """A copy of the committed table with one row changed; returns its path and that row's number."""
    table = pd.read_csv(RAW / "facts.csv", dtype=str, keep_default_na=False)
    index = table.index[table["fact_id"] == target][0]
    for column, value in changes.items():
        table.loc[index, column] = value
    path = tmp_path / "facts.csv"
    table.to_csv(path, index=False)
    return path, index + 2


@pytest.mark.parametrize(
    ("fact_id", "changes", "column", "message"),
    [
        ("F009", {"value": "about ten"}, "value", "expected a number, got 'about ten'"),
        ("F010", {"value": "~9.3"}, "value", "expected a number"),
        ("F151", {"qualifier": "roughly"}, "qualifier", "expected one of exact, approx"),
        ("F151", {"value": "73"}, "quote", "does not contain the value 73"),
        ("F090", {"conflicts_with": "F092;F093;F999"}, "conflicts_with", "unknown fact_id F999"),
        ("F009", {"conflicts_with": "F010"}, "conflicts_with", "F010 does not list F009 in return"),
        ("F012", {"as_of_end": "2022-12-31"}, "as_of_end", "2022-12-31 is before as_of_start 2023-01-01"),
        ("F012", {"as_of_start": "2023"}, "as_of_start", "expected a YYYY-MM-DD date"),
        ("F012", {"as_of_start": "", "notes": ""}, "notes", "say why"),
        ("F012", {"unit": "USD bn"}, "unit", "'USD bn' is not in facts.UNITS"),
        ("F012", {"source_url": "meritalk.com/x"}, "source_url", "expected an http(s) URL"),
        ("F013", {"fact_id": "F012"}, "fact_id", "duplicate of row"),
    ],
)
def test_errors_name_file_row_and_column(tmp_path, fact_id, changes, column, message):
    path, row = corrupt(tmp_path, fact_id, changes)
    shown = changes.get("fact_id", fact_id)
    with pytest.raises(facts.FactsError) as error:
        facts.load(path)
    assert str(error.value).startswith(f"facts.csv row {row} ({shown}), column {column}: ")
    assert message in str(error.value)


def test_columns_must_be_complete_and_in_order(tmp_path):
    table = pd.read_csv(RAW / "facts.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "facts.csv"
    table.drop(columns=["quote"]).to_csv(path, index=False)
    with pytest.raises(facts.FactsError, match=r"facts\.csv: missing column"):
        facts.load(path)
    table[list(reversed(facts.COLUMNS))].to_csv(path, index=False)
    with pytest.raises(facts.FactsError, match="in that order"):
        facts.load(path)


def test_common_as_of_is_the_one_date_the_facts_share(table):
    assert facts.common_as_of(table, ["F158", "F159"]) == "2025-10"
    assert facts.common_as_of(table, pd.Series(["F151", "F152"])) == "2025 Barometer"
    with pytest.raises(ValueError, match=r"not of one date: \['2025 Barometer', '2025-10'\]"):
        facts.common_as_of(table, ["F151", "F158"])
    with pytest.raises(KeyError, match="F999"):
        facts.common_as_of(table, ["F151", "F999"])


def test_cite_gives_value_period_and_id_and_the_source_on_request(table):
    by_id = table.set_index("fact_id")
    f069 = by_id.loc["F069"].to_dict() | {"fact_id": "F069"}  # a mapping will do
    assert facts.cite(f069) == "700 million downloads (Jan 2026; F069)"
    f073 = table[table["fact_id"] == "F073"].iloc[0]
    assert facts.cite(f073) == "about 385.3 million downloads (Sep 2025-Dec 2025; F073)"
    with_source = "about 385.3 million downloads (Sep 2025-Dec 2025, Bloomberg; F073)"
    assert facts.cite(f073, source=True) == with_source
    assert set(facts.CITED) <= set(facts.COLUMNS)
