"""Numbers, dates, lists and curated facts formatted for prose, so no notebook types a figure by hand."""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from datetime import date


def number(value: float, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: float, digits: int = 0) -> str:
    return f"{number(value, digits)}%"


def usd_billion(value: float, digits: int = 1) -> str:
    return f"USD {number(value, digits)} billion"


def times(value: float, digits: int = 1) -> str:
    return f"{number(value, digits)}×"


def points(value: float, digits: int = 0) -> str:
    # Decide singular or plural on the number as printed (0.9 prints as "1").
    unit = "point" if abs(round(value, digits)) == 1 else "points"
    return f"{number(value, digits)} percentage {unit}"


# Country names that read with an article in running text.
_WITH_ARTICLE = {"United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates"}


def country(name: str) -> str:
    """A country name as it reads mid-sentence ('the United Kingdom', 'India')."""
    return f"the {name}" if name in _WITH_ARTICLE else name


# Region names that read with an article in running text.
_REGIONS_WITH_ARTICLE = {"Middle East & North Africa"}


def region(name: str) -> str:
    """A world-region name as it reads mid-sentence ('the Middle East & North Africa')."""
    return f"the {name}" if name in _REGIONS_WITH_ARTICLE else name


def share(value: float, digits: int = 0) -> str:
    """A share between 0 and 1 as a percentage: 0.253 → '25%'."""
    return percent(100 * value, digits)


def _missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA."""
    import pandas as pd  # here: the build's site pages format dates without loading pandas

    return value is None or bool(pd.isna(value))


def price(value: float | None, missing: str = "none") -> str:
    """A price per million tokens to three significant figures (0.0123, 1.23, 123), or `missing`."""
    if _missing(value):
        return missing
    if value == 0:
        return "0"
    return number(value, max(0, 2 - math.floor(math.log10(abs(value)))))


def usd_price(value: float | None, missing: str = "none") -> str:
    """A price per million tokens in US dollars ('USD 1.23'), or `missing`."""
    return missing if _missing(value) else f"USD {price(value)}"


def ratio(value: float | None, digits: int = 2, missing: str = "n/a") -> str:
    """A ratio as 'n×' ('1.23×'), or `missing` where it cannot be computed."""
    return missing if _missing(value) else times(value, digits)


def points_change(value: float, digits: int = 0) -> str:
    """Percentage points with a direction: 'up 3 percentage points', 'down 1 percentage point'."""
    return f"{'down' if value < 0 else 'up'} {points(abs(value), digits)}"


def listed(items: Iterable[str], empty: str = "") -> str:
    """'a, b and c'; blank items are skipped, and no item gives `empty`."""
    kept = [str(item) for item in items if str(item)]
    if not kept:
        return empty
    return ", ".join(kept[:-1]) + " and " + kept[-1] if len(kept) > 1 else kept[0]


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th', 22 → '22nd'."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# Words that keep their capital mid-sentence besides acronyms (all capitals, such as US or AI).
_PROPER = {"Chinese", "China", "American", "America", "European", "Europe"}


def mid_sentence(text: str) -> str:
    """Mid-sentence form of a label: lower-case first letter, unless the first word is a name or acronym."""
    first = text.split()[0] if text.split() else ""
    if first in _PROPER or (len(first) > 1 and first.isupper()):
        return text
    return text[:1].lower() + text[1:]


def _day(value: str | date) -> date:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def long_date(day: str | date) -> str:
    """'2025-08-04' (or a date) → '4 August 2025'."""
    d = _day(day)
    return f"{d.day} {d:%B %Y}"


def period(start: str | date | None, end: str | date | None) -> str:
    """A dated figure's bounds as a short period: '2023', 'Nov 2024', 'Sep 2024-Aug 2025', '9-15 Feb 2026',
    '4 Feb 2026', '28 Jan 2025-3 Feb 2025'; one bound missing: 'from Mar 2024', 'up to Mar 2024'."""
    s, e = (None if _missing(d) or d == "" else _day(d) for d in (start, end))
    if s is None and e is None:
        raise ValueError("period: neither a start nor an end date")
    if s is None:
        return f"up to {e:%b %Y}"
    if e is None:
        return f"from {s:%b %Y}"
    if s == e:
        return f"{s.day} {s:%b %Y}"
    same_month = (s.year, s.month) == (e.year, e.month)
    if s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]:
        if (s.month, e.month, s.year) == (1, 12, e.year):
            return f"{s.year}"
        return f"{s:%b %Y}" if same_month else f"{s:%b %Y}-{e:%b %Y}"
    return f"{s.day}-{e.day} {e:%b %Y}" if same_month else f"{s.day} {s:%b %Y}-{e.day} {e:%b %Y}"


# How a curated fact's qualifier (data/raw/facts.csv) reads before its value; range bounds read as ranges.
QUALIFIER_WORDS = {"approx": "about", "at_least": "at least", "at_most": "at most"}
_CURRENCIES = ("USD", "CNY")


def qualifier_prefix(qualifier: str) -> str:
    """'about ', 'at least ', 'at most ' or '' (exact or a range bound), to put before a value."""
    word = QUALIFIER_WORDS.get(qualifier, "")
    return f"{word} " if word else ""


def fact_value(
    value: float | None,
    unit: str,
    qualifier: str = "exact",
    digits: int | None = None,
    missing: str = "no figure",
) -> str:
    """A curated fact's value as a reader reads it: with its unit, and 'about', 'at least' or 'at most'.

    Units are those of data/raw/facts.csv: '12.5%', '2030', '1,234' (a count), '3×', 'USD 5.5 billion',
    'USD 0.28 per million tokens', '385.3 million downloads', '4.12 trillion tokens per week',
    '470 robots per 10,000 workers'. The value is shown as curated (up to four decimals), or rounded to
    `digits` for a value computed from facts; a missing value gives `missing`."""
    if _missing(value):
        return missing
    shown = number(value, 4 if digits is None else digits)
    if unit == "percent":
        text = f"{shown}%"
    elif unit == "year":
        text = f"{value:.0f}"
    elif unit in ("count", "index score"):
        text = shown
    elif unit == "times":
        text = f"{shown}×"
    elif unit.split(" ", 1)[0] in _CURRENCIES:
        currency, _, rest = unit.partition(" ")
        text = f"{currency} {shown} {rest}".strip()
    elif " (" in unit:
        # 'downloads (million) per month' → '153.6 million downloads per month'
        what, _, rest = unit.partition(" (")
        scale, _, per = rest.partition(")")
        text = f"{shown} {scale} {what}{per}"
    else:
        text = f"{shown} {unit}"
    return qualifier_prefix(qualifier) + text
