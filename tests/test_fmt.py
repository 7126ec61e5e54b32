"""Prose formatting (strategy_brief.fmt): numbers, dates, lists and curated facts as readers read them."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from strategy_brief import fmt
from strategy_brief.curated import facts


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(0.253, 0, "25%"), (0.2535, 1, "25.4%"), (1.0, 0, "100%"), (0.0, 0, "0%"), (0.004, 1, "0.4%")],
)
def test_share_is_a_fraction_shown_as_percent(value, digits, text):
    assert fmt.share(value, digits) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.012345, "0.0123"),
        (0.07, "0.07"),
        (0.4821, "0.482"),
        (1.0, "1"),
        (1.256, "1.26"),
        (12.34, "12.3"),
        (123.4, "123"),
        (1234.5, "1,234"),  # never fewer than the integer digits
        (0.0, "0"),
    ],
)
def test_price_to_three_significant_figures(value, text):
    assert fmt.price(value) == text


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA, float("nan")])
def test_missing_prices_and_ratios_say_so(missing):
    assert fmt.price(missing) == "none"
    assert fmt.usd_price(missing) == "none"
    assert fmt.usd_price(missing, missing="not listed") == "not listed"
    assert fmt.ratio(missing) == "n/a"


def test_usd_price_and_ratio():
    assert fmt.usd_price(0.4821) == "USD 0.482"
    assert fmt.usd_price(15.0) == "USD 15"
    assert fmt.ratio(3.14159) == "3.14×"
    assert fmt.ratio(2.0, 1) == "2×"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3.0, "up 3 percentage points"),
        (-3.4, "down 3 percentage points"),
        (0.9, "up 1 percentage point"),  # singular on the number as printed
        (-1.2, "down 1 percentage point"),
        (0.0, "up 0 percentage points"),
    ],
)
def test_points_change_names_the_direction(value, text):
    assert fmt.points_change(value) == text


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        (("India", "", "Nigeria"), "India and Nigeria"),  # blanks skipped
        ([""], ""),
    ],
)
def test_listed(items, text):
    assert fmt.listed(items) == text


def test_listed_says_what_an_empty_list_is():
    assert fmt.listed([], empty="none") == "none"
    assert fmt.listed([""], empty="none") == "none"  # an empty '; '-joined field, split
    assert fmt.listed(["x"], empty="none") == "x"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinal(n, text):
    assert fmt.ordinal(n) == text


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Adoption ceiling", "adoption ceiling"),
        ("US stack's price", "US stack's price"),
        ("Chinese stack's starting share", "Chinese stack's starting share"),
        ("AI adoption", "AI adoption"),
        ("Other stacks' price", "other stacks' price"),
        ("A label", "a label"),  # a one-letter word is not an acronym
        ("", ""),
    ],
)
def test_mid_sentence_keeps_names_and_acronyms(label, text):
    assert fmt.mid_sentence(label) == text


def test_long_date_from_text_or_date():
    assert fmt.long_date("2025-08-04") == "4 August 2025"
    assert fmt.long_date(date(2025, 12, 31)) == "31 December 2025"
    assert fmt.long_date(pd.Timestamp("2024-02-09")) == "9 February 2024"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2023-01-01", "2023-12-31", "2023"),
        ("2024-11-01", "2024-11-30", "Nov 2024"),
        ("2024-02-01", "2024-02-29", "Feb 2024"),  # leap year
        ("2024-09-01", "2025-08-31", "Sep 2024-Aug 2025"),
        ("2023-01-01", "2024-12-31", "Jan 2023-Dec 2024"),
        ("2026-02-09", "2026-02-15", "9-15 Feb 2026"),
        ("2026-02-04", "2026-02-04", "4 Feb 2026"),
        ("2025-01-28", "2025-02-03", "28 Jan 2025-3 Feb 2025"),
        ("2024-03-01", "", "from Mar 2024"),
        ("", "2024-03-31", "up to Mar 2024"),
        (None, "2024-03-31", "up to Mar 2024"),
        ("2024-03-01", math.nan, "from Mar 2024"),
    ],
)
def test_period(start, end, text):
    assert fmt.period(start, end) == text


def test_period_needs_a_bound():
    with pytest.raises(ValueError, match="neither"):
        fmt.period("", None)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        (12.5, "percent", "exact", "12.5%"),
        (70.0, "percent", "at_least", "at least 70%"),
        (30.0, "percent", "at_most", "at most 30%"),
        (2030.0, "year", "exact", "2030"),  # no thousands separator in a year
        (50000.0, "count", "exact", "50,000"),
        (120.0, "count", "approx", "about 120"),
        (78.6, "index score", "exact", "78.6"),
        (3.0, "times", "at_least", "at least 3×"),
        (5.5, "USD billion", "approx", "about USD 5.5 billion"),
        (1000.0, "CNY billion", "exact", "CNY 1,000 billion"),
        (5.576, "USD million", "approx", "about USD 5.576 million"),
        (0.27, "USD per million tokens", "exact", "USD 0.27 per million tokens"),
        (0.0025, "CNY per thousand tokens", "exact", "CNY 0.0025 per thousand tokens"),
        (385.3, "downloads (million)", "approx", "about 385.3 million downloads"),
        (153.6, "downloads (million) per month", "exact", "153.6 million downloads per month"),
        (4.12, "tokens (trillion) per week", "exact", "4.12 trillion tokens per week"),
        (97.0, "users (million)", "approx", "about 97 million users"),
        (113000.0, "models", "at_least", "at least 113,000 models"),
        (470.0, "robots per 10,000 workers", "exact", "470 robots per 10,000 workers"),
        (10.0, "USD billion", "range_low", "USD 10 billion"),  # a range's bound reads as its number
    ],
)
def test_fact_value_reads_unit_and_qualifier(value, unit, qualifier, text):
    assert fmt.fact_value(value, unit, qualifier) == text


def test_fact_value_keeps_the_curated_figure_or_rounds_a_computed_one():
    assert fmt.fact_value(1174.4644, "CNY million") == "CNY 1,174.4644 million"
    assert fmt.fact_value(51.041378, "percent", digits=1) == "51%"
    assert fmt.fact_value(6.943813, "percent", digits=1) == "6.9%"
    assert fmt.fact_value(math.nan, "percent") == "no figure"
    assert fmt.fact_value(None, "percent", missing="n/a") == "n/a"


def test_fact_value_reads_every_unit_and_qualifier_of_the_committed_facts():
    """Each unit gives a number and its words once; no value is rounded away; every qualifier reads."""
    table = facts.load()
    for row in table.itertuples():
        text = fmt.fact_value(row.value, row.unit, row.qualifier)
        assert "  " not in text and text == text.strip(), (row.fact_id, text)
        assert "(" not in text and ")" not in text, (row.fact_id, text)
        assert text.startswith(fmt.qualifier_prefix(row.qualifier)), (row.fact_id, text)
        digits = fmt.number(row.value, 4).replace(",", "")
        assert digits in text.replace(",", ""), (row.fact_id, text)
    assert set(facts.QUALIFIERS) - {"exact", "range_low", "range_high"} == set(fmt.QUALIFIER_WORDS)
