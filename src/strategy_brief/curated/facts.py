"""Curated facts (data/raw/facts.csv): load, verify against their quotes, and cite.

One figure a row, curated from the shared facts. as_of keeps the source's wording; as_of_start/as_of_end
bound it (a year: Jan 1-Dec 31; a month: its first and last day; 'early/mid/late' a year: Jan-Apr, May-Aug,
Sep-Dec; a target: the target year). A bound left empty is explained in notes. Figures looked for and not
found are in data/raw/facts_not_found.csv.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from strategy_brief import config, fmt
from strategy_brief.curated import filecache

COLUMNS = [
    "fact_id",
    "area",
    "indicator",
    "indicator_label",
    "actor",
    "country",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "as_of_start",
    "as_of_end",
    "primary_source",
    "source_title",
    "source_url",
    "publication_date",
    "quote",
    "conflicts_with",
    "notes",
]
REQUIRED = [
    "fact_id",
    "area",
    "indicator",
    "indicator_label",
    "actor",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "primary_source",
    "source_title",
    "source_url",
    "quote",
]
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range_low", "range_high")

# Every unit the table may use. The number is the power of ten a value is counted in (USD billion: 9), so a
# quote may state it at another scale ("1.15B" for 1,150 downloads (million)); None: the value only
# appears as written (shares, prices per token, years).
UNITS: dict[str, int | None] = {
    "count": 0,
    "models": 0,
    "USD": 0,
    "USD million": 6,
    "USD billion": 9,
    "CNY million": 6,
    "CNY billion": 9,
    "downloads (million)": 6,
    "downloads (million) per month": 6,
    "users (million)": 6,
    "tokens (trillion)": 12,
    "tokens (trillion) per week": 12,
    "tokens (trillion) per day": 12,
    "parameters (billion)": 9,
    "GPU hours (million)": 6,
    "percent": None,
    "index score": None,
    "times": None,
    "year": None,
    "USD per million tokens": None,
    "CNY per million tokens": None,
    "CNY per thousand tokens": None,
    "robots per 10,000 workers": None,
}
# How quotes write a scale after a number: "113k", "1.15B", "1 trillion", "9700万", "1.94亿".
SCALE_WORDS: dict[int, tuple[str, ...]] = {
    3: ("k", "K", "thousand"),
    4: ("万",),
    6: ("M", "mn", "million"),
    8: ("亿",),
    9: ("B", "bn", "billion"),
    12: ("T", "tn", "trillion"),
}
# Fractions quotes spell out; they support an approximate percentage that rounds to them.
FRACTION_WORDS = {"one-third": Decimal(100) / 3, "two-thirds": Decimal(200) / 3, "half": Decimal(50)}

# Whole numbers quotes spell out ("Europe's combined total of three"), read only for a unit counted one by
# one (scale 0): a spelled number never carries a scale word. Compounds ("twenty-one") are not read.
_TO_NINETEEN = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int] = dict(zip(_TO_NINETEEN, range(20), strict=True)) | {
    word: 10 * tens for tens, word in enumerate(_TENS, 2)
}

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")  # no signs of approximation or separators: see qualifier
_NUMBER = re.compile(r"(?<!\d[,’'])(?<![\d.])(\d{1,3}(?:[,’']\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d’'])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FACT_ID = re.compile(r"F\d{3}[a-z]?")
_INDICATOR = re.compile(r"[a-z][a-z0-9_]*")


class FactsError(ValueError):
    """A curated fact that is malformed or not backed by its quote."""


def load(path: Path | None = None, *, as_of: str | None = None) -> pd.DataFrame:
    """Read the curated facts and verify each row; errors name the file, row and column.

    With `as_of` (YYYY-MM-DD), only the facts known by that date: a fact is kept when the end of its period
    (as_of_end, or as_of_start for an open-ended period such as "from 2025-09-29", as in `latest`) is on or
    before `as_of`. A fact with neither bound (an undated figure; its notes say why) is kept. Every row is
    verified before the cut. An empty or None `as_of` keeps every fact.
    """
    path = Path(path) if path else config.raw_dir() / "facts.csv"
    # Verified once per process while the file is unchanged (a warm kernel runs many notebooks).
    return cut(filecache.parsed(path, _verified, "facts"), as_of)


def _verified(path: Path, data: bytes) -> pd.DataFrame:
    """Every row of the facts file at `path` (its bytes `data`), checked (FactsError on the first bad one)."""
    table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise FactsError(f"{path.name}: missing column(s) {', '.join(missing)}")
    if list(table.columns) != COLUMNS:
        raise FactsError(f"{path.name}: expected the columns {', '.join(COLUMNS)} in that order")
    first_row: dict[str, int] = {}
    values = []
    for index, row in table.iterrows():
        number = index + 2  # the header is row 1
        where = f"{path.name} row {number} ({row['fact_id']})"
        if row["fact_id"] in first_row:
            raise FactsError(f"{where}, column fact_id: duplicate of row {first_row[row['fact_id']]}")
        first_row[row["fact_id"]] = number
        values.append(_check_row(row, where))
    ids = set(table["fact_id"])
    for index, row in table.iterrows():
        where = f"{path.name} row {index + 2} ({row['fact_id']})"
        for other in _ids(row["conflicts_with"]):
            if other not in ids:
                raise FactsError(f"{where}, column conflicts_with: unknown fact_id {other}")
            if other == row["fact_id"]:
                raise FactsError(f"{where}, column conflicts_with: a fact cannot conflict with itself")
            back = table.loc[table["fact_id"] == other, "conflicts_with"].iloc[0]
            if row["fact_id"] not in _ids(back):
                raise FactsError(
                    f"{where}, column conflicts_with: {other} does not list {row['fact_id']} in return"
                )
    table["value"] = values
    return table


def cut(table: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """The facts dated on or before `as_of` (the rule `load` documents); the table itself without one."""
    if not as_of:
        return table
    if not _ISO_DATE.fullmatch(str(as_of)):
        raise FactsError(f"as_of={as_of!r}: expected a YYYY-MM-DD date")
    when = table["as_of_end"].where(table["as_of_end"] != "", table["as_of_start"])
    return table[(when == "") | (when <= as_of)]


def _check_row(row: pd.Series, where: str) -> float:
    """Validate one row and return its value."""
    if not _FACT_ID.fullmatch(row["fact_id"]):
        raise FactsError(f"{where}, column fact_id: expected F + three digits (+ a letter for a split row)")
    if not _PLAIN_NUMBER.fullmatch(row["value"]):
        raise FactsError(f"{where}, column value: expected a number, got {row['value']!r}")
    for column in REQUIRED:
        if not row[column].strip():
            raise FactsError(f"{where}, column {column}: empty")
    if not _INDICATOR.fullmatch(row["indicator"]):
        raise FactsError(f"{where}, column indicator: expected a snake_case key, got {row['indicator']!r}")
    if row["unit"] not in UNITS:
        raise FactsError(f"{where}, column unit: {row['unit']!r} is not in facts.UNITS")
    if row["qualifier"] not in QUALIFIERS:
        raise FactsError(
            f"{where}, column qualifier: expected one of {', '.join(QUALIFIERS)}, got {row['qualifier']!r}"
        )
    bounds = {}
    for column in ("as_of_start", "as_of_end"):
        text = row[column]
        if not text:
            continue
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError(text)
            bounds[column] = date.fromisoformat(text)
        except ValueError as exc:
            raise FactsError(f"{where}, column {column}: expected a YYYY-MM-DD date, got {text!r}") from exc
    if len(bounds) == 2 and bounds["as_of_end"] < bounds["as_of_start"]:
        raise FactsError(
            f"{where}, column as_of_end: {row['as_of_end']} is before as_of_start {row['as_of_start']}"
        )
    if len(bounds) < 2 and not row["notes"].strip():
        raise FactsError(f"{where}, column notes: say why as_of_start or as_of_end is empty")
    if not row["source_url"].startswith(("http://", "https://")):
        raise FactsError(f"{where}, column source_url: expected an http(s) URL")
    if not _quote_contains(row["quote"], row["value"], row["unit"], row["qualifier"]):
        raise FactsError(f"{where}, column quote: does not contain the value {row['value']}")
    return float(row["value"])


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def quote_form(quote: str, value: str, unit: str = "count", qualifier: str = "exact") -> str | None:
    """The words in `quote` that state `value` (in `unit`), or None when the quote does not state it: the
    number as written, at another scale with its scale word, a whole count in words ("three" for 3
    models, whatever the qualifier: the word is the number), or an approximate share as a fraction."""
    try:
        target = Decimal(value)
    except InvalidOperation:
        return None
    numbers = [(m, Decimal(re.sub(r"[,’']", "", m.group(1)))) for m in _NUMBER.finditer(quote)]
    # As written, give or take thousands separators and trailing zeros: "1,150", "0.30", "$109.1", "72%".
    for match, number in numbers:
        if number == target:
            return match.group(1)
    # At another scale, only with its scale word right after the number: "1.15B" for 1150 (million).
    scale = UNITS.get(unit)
    if scale is not None:
        for power, words in SCALE_WORDS.items():
            if power == scale:
                continue
            scaled = target.scaleb(scale - power)
            suffix = re.compile(r"\s?(?:" + "|".join(map(re.escape, words)) + r")(?![A-Za-z])")
            for match, number in numbers:
                if number == scaled and (word := suffix.match(quote, match.end())):
                    return match.group(1) + word.group(0)
    # A whole number in words, as a word of its own: not "someone", "threefold", "one-third", "twenty-one".
    if scale == 0 and target == target.to_integral_value():
        for word, number in NUMBER_WORDS.items():
            if number == target and (found := re.search(rf"(?<![\w’'-]){word}(?![\w’'-])", quote, re.I)):
                return found.group(0)
    # An approximate share spelled as a fraction: "about one-third" for ~33 percent.
    if unit == "percent" and qualifier == "approx":
        for word, share in FRACTION_WORDS.items():
            if round(share) == round(target) and re.search(rf"\b{word}\b", quote):
                return word
    return None


def _quote_contains(quote: str, value: str, unit: str = "count", qualifier: str = "exact") -> bool:
    return quote_form(quote, value, unit, qualifier) is not None


def conflicts(table: pd.DataFrame, fact_id: str) -> pd.DataFrame:
    """The fact and the facts it conflicts with, in that order."""
    rows = table[table["fact_id"] == fact_id]
    if rows.empty:
        raise KeyError(f"facts: unknown fact_id {fact_id}")
    others = _ids(rows["conflicts_with"].iloc[0])
    return pd.concat([rows, table[table["fact_id"].isin(others)]])


def latest(
    table: pd.DataFrame,
    indicator: str,
    country: str,
    *,
    primary_source: str | None = None,
    unit: str | None = None,
) -> pd.Series:
    """The most recent row for an indicator and country (optionally from one primary source or unit)."""
    rows = table[(table["indicator"] == indicator) & (table["country"] == country)]
    if primary_source is not None:
        rows = rows[rows["primary_source"] == primary_source]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    if rows.empty:
        raise LookupError(f"facts: no {indicator} row for {country}")
    # An open-ended period ("from 2025-09-29") is dated by its start.
    when = rows["as_of_end"].where(rows["as_of_end"] != "", rows["as_of_start"])
    newest = rows[when == when.max()]
    if newest["value"].nunique() > 1:
        ids = ", ".join(newest["fact_id"])
        raise ValueError(
            f"facts: {indicator} for {country} has several values for its latest period ({ids}): "
            "pick one by primary_source or unit, or read a range's rows yourself"
        )
    return newest.iloc[-1]


def common_as_of(table: pd.DataFrame, fact_ids) -> str:
    """The as_of the given facts share (a survey wave, a report's date); an error if they differ."""
    ids = set(fact_ids)
    rows = table[table["fact_id"].isin(ids)]
    unknown = ids - set(rows["fact_id"])
    if unknown:
        raise KeyError(f"facts: unknown fact_id {', '.join(sorted(unknown))}")
    dates = sorted(set(rows["as_of"]))
    if len(dates) != 1:
        raise ValueError(f"facts: {', '.join(sorted(ids))} are not of one date: {dates}")
    return dates[0]


# The columns a fact needs to be cited.
CITED = ("fact_id", "value", "unit", "qualifier", "as_of_start", "as_of_end", "primary_source")


def cite(fact: pd.Series | Mapping, *, source: bool = False) -> str:
    """A fact as the text cites it: its value, period and id, '12.5% (Nov 2024; F081)', or with its primary
    source, '12.5% (Nov 2024, OpenRouter; F081)'."""
    shown = fmt.fact_value(fact["value"], fact["unit"], fact["qualifier"])
    when = fmt.period(fact["as_of_start"], fact["as_of_end"])
    return f"{shown} ({when}{', ' + fact['primary_source'] if source else ''}; {fact['fact_id']})"
