"""The claims ledger: the committed files, coverage of the seed articles, and the loader's checks."""

import pandas as pd
import pytest

from strategy_brief import config
from strategy_brief.curated import claims

SHARED = config.PROJECT_ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FACTS = SHARED / "facts" / "facts.csv"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
needs_facts = pytest.mark.skipif(not FACTS.is_file(), reason=f"shared facts not found at {FACTS}")

VALID = {
    "claim_id": "C001",
    "seed_file": "a.txt",
    "quote": "spent $5 billion",
    "claim_type": "quantitative",
    "indicator": "investment",
    "evidence_facts": "F009;F010",
    "evidence_tables": "api_prices",
    "verdict": "supported",
    "reason": "F009 gives the figure.",
    "computed_by": "",
}


def write_ledger(tmp_path, *changes):
    """A ledger of valid rows (one per change), each row updated with its change."""
    rows = [{**VALID, "claim_id": f"C{n:03d}", **change} for n, change in enumerate(changes, 1)]
    path = tmp_path / "claims.csv"
    pd.DataFrame(rows, columns=claims.COLUMNS).to_csv(path, index=False)
    return path


def test_committed_ledger_loads():
    table = claims.load()
    assert len(table) > 0 and table["claim_id"].is_unique
    assert set(table["verdict"]) <= set(claims.VERDICTS)
    assert len(claims.load_excluded()) > 0


@needs_seeds
def test_every_claim_and_exclusion_quote_is_verbatim_in_its_seed():
    for table in (claims.load(), claims.load_excluded()):
        for row in table.itertuples():
            text = (SEEDS / row.seed_file).read_text(encoding="utf-8")
            assert row.quote in text, f"{row.seed_file}: quote not found verbatim: {row.quote[:80]!r}"


@needs_seeds
def test_every_numeral_sentence_of_the_seeds_is_claimed_or_excluded():
    assert claims.uncovered(SEEDS, claims.load(), claims.load_excluded()) == []


@needs_facts
def test_every_evidence_fact_comes_from_the_shared_facts():
    """A split row (F136a) keeps the id of the shared fact it was split from (F136)."""
    known = set(pd.read_csv(FACTS, dtype=str)["id"])
    cited = {f[:4] for cell in claims.load()["evidence_facts"] for f in cell.split(";") if f}
    assert cited and cited <= known, f"unknown fact ids: {sorted(cited - known)}"


def test_every_cited_fact_id_resolves_to_exactly_one_curated_row():
    cited = claims.citations(claims.load(), claims.evidence_sources())
    assert len(cited) > 0
    bad = cited[~cited["resolves"]]
    assert bad.empty, f"fact ids that resolve to no row or to several:\n{bad.to_string()}"


def test_no_published_reason_defers_a_check():
    for reason in claims.load()["reason"]:
        for words in ("will recheck", "will size", "will quantify", "will check", "to be quantified"):
            assert words not in reason.lower(), reason


def test_citations_flags_unknown_ambiguous_and_prefix_only_ids():
    ledger = pd.DataFrame({"claim_id": ["C001", "C002"], "evidence_facts": ["F001;F002", "F003;F004a"]})
    sources = {
        "facts.csv": pd.DataFrame({"fact_id": ["F001", "F002a", "F002b", "F003", "F004a"]}),
        "text_facts.csv": pd.DataFrame({"fact_id": ["F003"]}),
    }
    cited = claims.citations(ledger, sources).set_index("fact_id")
    assert cited.loc["F001", ["found_in", "resolves"]].tolist() == ["facts.csv", True]
    assert cited.loc["F002", ["found_in", "resolves", "split_rows"]].tolist() == ["", False, "F002a;F002b"]
    assert cited.loc["F003", ["found_in", "resolves"]].tolist() == ["facts.csv;text_facts.csv", False]
    assert cited.loc["F004a", "resolves"]
    assert cited.loc["F004a", "claim_id"] == "C002"


@pytest.mark.parametrize("words", ["api_prices will recheck them.", "eci_by_model will size 'slightly'."])
def test_a_reason_that_defers_its_check_is_refused(tmp_path, words):
    with pytest.raises(claims.ClaimsError, match=r"row 2, column reason: defers a check"):
        claims.load(write_ledger(tmp_path, {"reason": f"F009 gives it; {words}"}))


def test_computed_by_names_a_known_check_and_is_optional(tmp_path):
    with pytest.raises(claims.ClaimsError, match=r"row 3, column computed_by: 'vibes' is not one of"):
        claims.load(write_ledger(tmp_path, {"computed_by": "cost_parity"}, {"computed_by": "vibes"}))
    path = write_ledger(tmp_path, {})
    pd.read_csv(path).drop(columns=["computed_by"]).to_csv(path, index=False)
    assert claims.load(path).loc[0, "computed_by"] == ""


def test_split_row_fact_ids_are_accepted(tmp_path):
    assert claims.load(write_ledger(tmp_path, {"evidence_facts": "F136a;F181g"})).shape[0] == 1


def test_numeral_sentences_splits_sentences_bullets_and_wrapped_lines():
    text = (
        "Title without digits\n"
        "The U.S. spent $109.1 billion in 2024. China spent less. It had 1,500 models!\n"
        "\n"
        "  • Bullet with 97 million users\n"
        "- Another bullet, 2.5x faster\n"
        "A sentence wrapped across\n"
        "two lines in 2025.\n"
        "---\n"
        "$12.00/ month\n"
    )
    assert claims.numeral_sentences(text) == [
        "The U.S. spent $109.1 billion in 2024.",
        "It had 1,500 models!",
        "Bullet with 97 million users",
        "Another bullet, 2.5x faster",
        "A sentence wrapped across two lines in 2025.",
        "$12.00/ month",
    ]


def test_numeral_sentences_keeps_a_closing_quote_with_its_sentence():
    text = 'She said "It grew 3x." Then it stopped. Sales were 4% of the e.g. total.'
    assert claims.numeral_sentences(text) == ['She said "It grew 3x."', "Sales were 4% of the e.g. total."]


def test_uncovered_reports_only_sentences_no_quote_of_the_same_seed_overlaps(tmp_path):
    (tmp_path / "a.txt").write_text("Sales rose 5% in 2024. Costs fell 3%. Price: $9/ month\nNo digits here.")
    (tmp_path / "b.txt").write_text("Costs fell 3%.")
    claimed = pd.DataFrame({"seed_file": ["a.txt", "b.txt"], "quote": ["rose 5%", "Sales rose 5% in 2024."]})
    excluded = pd.DataFrame({"seed_file": ["a.txt"], "quote": ["Price: $9/ month"]})
    # b.txt's quote does not cover a.txt, and a quote longer than the sentence also counts.
    assert claims.uncovered(tmp_path, claimed, excluded) == [
        ("a.txt", "Costs fell 3%."),
        ("b.txt", "Costs fell 3%."),
    ]
    claimed.loc[2] = ["b.txt", "Costs fell 3%. More text around it."]
    assert claims.uncovered(tmp_path, claimed, excluded) == [("a.txt", "Costs fell 3%.")]


def test_bad_verdict_names_file_row_and_column(tmp_path):
    path = write_ledger(tmp_path, {}, {"verdict": "true"})
    with pytest.raises(claims.ClaimsError, match=r"claims\.csv row 3, column verdict: 'true' is not one of"):
        claims.load(path)


def test_duplicate_claim_id_names_row_and_column(tmp_path):
    path = write_ledger(tmp_path, {}, {}, {"claim_id": "C001"})
    with pytest.raises(
        claims.ClaimsError, match=r"claims\.csv row 4, column claim_id: duplicate id C001 \(first on row 2\)"
    ):
        claims.load(path)


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"reason": "  "}, "reason"),
        ({"indicator": "vibes"}, "indicator"),
        ({"claim_type": "numeric"}, "claim_type"),
        ({"evidence_facts": "F9x"}, "evidence_facts"),
        ({"evidence_tables": "no_such_table"}, "evidence_tables"),
        ({"claim_id": "7"}, "claim_id"),
    ],
)
def test_each_vocabulary_and_format_check_names_its_column(tmp_path, change, column):
    with pytest.raises(claims.ClaimsError, match=rf"claims\.csv row 2, column {column}: "):
        claims.load(write_ledger(tmp_path, change))


def test_missing_column_is_named(tmp_path):
    path = write_ledger(tmp_path, {})
    pd.read_csv(path).drop(columns=["reason"]).to_csv(path, index=False)
    with pytest.raises(claims.ClaimsError, match=r"claims\.csv: missing column\(s\) reason"):
        claims.load(path)


def test_valid_ledger_loads_empty_evidence_as_empty_strings(tmp_path):
    table = claims.load(write_ledger(tmp_path, {"evidence_facts": "", "evidence_tables": ""}))
    assert table.loc[0, "evidence_facts"] == "" and table.loc[0, "evidence_tables"] == ""


def test_verdict_counts_lists_every_verdict_in_order_with_zeros():
    counts = claims.verdict_counts(pd.DataFrame({"verdict": ["supported", "no source found", "supported"]}))
    assert list(counts.index) == list(claims.VERDICTS)
    assert counts["supported"] == 2 and counts["no source found"] == 1
    assert counts["contradicted by evidence"] == 0
    assert counts.sum() == 3
