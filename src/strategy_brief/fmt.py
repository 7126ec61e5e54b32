"""Numbers formatted for prose, so no notebook types a figure by hand."""

from __future__ import annotations


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
