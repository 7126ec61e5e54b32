"""Non-numeric curated facts (data/raw/text_facts.csv): the committed file and the loader's checks."""

import pandas as pd
import pytest

from strategy_brief import config
from strategy_brief.curated import facts, text_facts

SHARED_FACTS = config.PROJECT_ROOT.parent / "shared" / "facts" / "facts.csv"

VALID = {
    "fact_id": "F180",
    "what": "Licence of the open-weight release",
    "actor": "DeepSeek-R1",
    "value": "MIT license",
    "date": "2025-01-20",
    "date_end": "",
    "source_title": "DeepSeek-R1 (OpenStats)",
    "source_url": "https://www.openstats.ai/models/deepseek-r1",
    "publication_date": "2025-02",
    "quote": "MIT  License allows commercial use.",
    "notes": "",
}


def write(tmp_path, *changes):
    rows = [{**VALID, "fact_id": f"F{n:03d}", **change} for n, change in enumerate(changes, 1)]
    path = tmp_path / "text_facts.csv"
    pd.DataFrame(rows, columns=text_facts.COLUMNS).to_csv(path, index=False)
    return path


def test_committed_text_facts_load_and_do_not_repeat_a_numeric_fact():
    table = text_facts.load()
    assert len(table) > 0 and table["fact_id"].is_unique
    assert not set(table["fact_id"]) & set(facts.load()["fact_id"])


@pytest.mark.skipif(not SHARED_FACTS.is_file(), reason="shared facts not found")
def test_committed_text_facts_quote_the_shared_facts_verbatim():
    shared = pd.read_csv(SHARED_FACTS, dtype=str, keep_default_na=False).set_index("id")
    for row in text_facts.load().itertuples():
        source = shared.loc[row.fact_id[:4]]  # a split row (F181g) keeps its shared fact's id
        assert (row.quote, row.source_url) == (source["quote"], source["source_url"]), row.fact_id


def test_value_is_found_in_the_quote_whatever_the_case_and_spacing(tmp_path):
    table = text_facts.load(
        write(tmp_path, {}, {"fact_id": "F002a", "date": "2025-01-20", "date_end": "2025-01"})
    )
    assert table["fact_id"].tolist() == ["F001", "F002a"]


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"value": "Apache 2.0"}, "quote", "does not contain the value 'Apache 2.0'"),
        ({"source_url": "ftp://x.org/a"}, "source_url", "expected an http"),
        ({"date": "July 2025"}, "date", "expected an ISO date"),
        ({"date": "2025-02-30"}, "date", "expected an ISO date"),
        ({"date_end": "2024-12"}, "date_end", "2024-12 is before date 2025-01-20"),
        ({"publication_date": "n.d."}, "publication_date", "expected an ISO date"),
        ({"publication_date": ""}, "notes", "say why publication_date is empty"),
        ({"fact_id": "F1"}, "fact_id", "expected F"),
        ({"quote": " "}, "quote", "empty"),
    ],
)
def test_each_check_names_file_row_and_column(tmp_path, change, column, message):
    where = rf"text_facts\.csv row 2 \(.*\), column {column}: {message}"
    with pytest.raises(text_facts.TextFactsError, match=where):
        text_facts.load(write(tmp_path, change))


def test_duplicate_id_and_missing_column_are_refused(tmp_path):
    with pytest.raises(
        text_facts.TextFactsError, match=r"row 3 \(F001\), column fact_id: duplicate of row 2"
    ):
        text_facts.load(write(tmp_path, {}, {"fact_id": "F001"}))
    path = write(tmp_path, {})
    pd.read_csv(path).drop(columns=["quote"]).to_csv(path, index=False)
    with pytest.raises(text_facts.TextFactsError, match=r"missing column\(s\) quote"):
        text_facts.load(path)
