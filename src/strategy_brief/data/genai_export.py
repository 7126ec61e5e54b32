"""Export the installed genai-prices price database as a deterministic JSON document.

genai-prices (pydantic's maintained price data, MIT) ships its prices as Python objects in
`genai_prices.data.providers`; the installed package is itself a dated price source, so this module
flattens it to one row per provider, model and start date, in USD per million text tokens.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from importlib.metadata import version as distribution_version
from typing import Any

from genai_prices.data import providers
from genai_prices.types import (
    ConditionalPrice,
    ModelInfo,
    ModelPrice,
    StartDateConstraint,
    TieredPrices,
    TimeOfDateConstraint,
)

PACKAGE = "genai-prices"
TIERED_NOTE = "tiered: base tier"


def version() -> str:
    """The installed genai-prices version."""
    return distribution_version(PACKAGE)


def _usd(price: Decimal | TieredPrices | None) -> tuple[float | None, bool]:
    """A price rounded to 6 decimals (the base tier when tiered), and whether it was tiered."""
    if price is None:
        return None, False
    if isinstance(price, TieredPrices):
        return float(round(price.base, 6)), True
    return float(round(price, 6)), False


def _utc(value: time) -> str:
    """A time of day as HH:MM in UTC (naive times are UTC, as in genai-prices)."""
    if value.tzinfo is not None:
        value = datetime.combine(date(2000, 1, 1), value).astimezone(UTC).time()
    return value.strftime("%H:%M")


def _time_of_day_note(conditional: list[ConditionalPrice]) -> str:
    """The time-of-day prices left out of the export, listed so the note shows what was dropped."""
    windows = []
    for entry in conditional:
        constraint = entry.constraint
        if isinstance(constraint, TimeOfDateConstraint):
            inp, _ = _usd(entry.prices.input_mtok)
            out, _ = _usd(entry.prices.output_mtok)
            windows.append(f"{_utc(constraint.start_time)}-{_utc(constraint.end_time)} UTC {inp}/{out}")
    if not windows:
        return ""
    return "time-of-day prices listed: " + ", ".join(windows)


def _hours(constraint: TimeOfDateConstraint) -> float:
    """Length of a daily time window in hours (windows may wrap past midnight)."""
    start = constraint.start_time.hour * 60 + constraint.start_time.minute
    end = constraint.end_time.hour * 60 + constraint.end_time.minute
    return ((end - start) % (24 * 60)) / 60


def _dated_prices(model: ModelInfo) -> list[tuple[str | None, ModelPrice, str]]:
    """(valid_from, ModelPrice, note) for the standing price and each start-dated price of a model.

    The standing price is the one that applies for most of the day: DeepSeek lists its off-peak
    price without a condition and its standard price for a 16-hour window."""
    if isinstance(model.prices, ModelPrice):
        return [(None, model.prices, "")]
    note = _time_of_day_note(model.prices)
    windows = [e for e in model.prices if isinstance(e.constraint, TimeOfDateConstraint)]
    longest = max(windows, key=lambda e: _hours(e.constraint), default=None)
    dated = []
    for entry in model.prices:
        if entry.constraint is None:
            if longest is not None and _hours(longest.constraint) > 12:
                c = longest.constraint
                used = f"price for {_utc(c.start_time)}-{_utc(c.end_time)} UTC, most of the day"
                dated.append((None, longest.prices, f"{used}; {note}"))
            else:
                dated.append((None, entry.prices, note))
        elif isinstance(entry.constraint, StartDateConstraint):
            dated.append((entry.constraint.start_date.isoformat(), entry.prices, note))
    return dated


def rows() -> list[dict[str, Any]]:
    """One row per provider, model and start date with both text prices, sorted by those keys."""
    out = []
    for provider in providers:
        for model in provider.models:
            # price_variants (batch, flex, priority…) are request-specific overrides, not the list price
            for valid_from, prices, note in _dated_prices(model):
                input_usd, input_tiered = _usd(prices.input_mtok)
                output_usd, output_tiered = _usd(prices.output_mtok)
                if input_usd is None or output_usd is None:
                    continue
                notes = [TIERED_NOTE] if input_tiered or output_tiered else []
                notes += [note] if note else []
                out.append(
                    {
                        "provider_id": provider.id,
                        "provider_name": provider.name,
                        "model_id": model.id,
                        "model_name": model.name,
                        "input_usd_per_mtok": input_usd,
                        "output_usd_per_mtok": output_usd,
                        "valid_from": valid_from,
                        "note": "; ".join(notes),
                    }
                )
    return sorted(out, key=lambda row: (row["provider_id"], row["model_id"], row["valid_from"] or ""))


def export_installed() -> bytes:
    """The installed price data as UTF-8 JSON with sorted keys, 2-space indent and a trailing newline."""
    document = {"package": PACKAGE, "version": version(), "prices": rows()}
    return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
