"""API prices per million tokens by model, host provider and the developer's bloc, over time."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, DATE, OPENNESS, TableSpec, column

# Blended price: 3 input tokens per output token, the ratio Artificial Analysis and others use.
INPUT_SHARE = 0.75
TEXT_MODES = {"chat", "completion", "responses"}


def _priced(model: str, price_in: float, price_out: float) -> dict:
    """The developer-side columns and the three prices of one row (bloc = the developer's)."""
    walk = classify.crosswalk()
    return {
        "model_id": model,
        "developer": walk.at[model, "developer"],
        "bloc": walk.at[model, "bloc"],
        "openness_class": walk.at[model, "openness_class"],
        "input_usd_per_mtok": round(price_in, 6),
        "output_usd_per_mtok": round(price_out, 6),
        "blended_usd_per_mtok": round(INPUT_SHARE * price_in + (1 - INPUT_SHARE) * price_out, 6),
    }


def price_rows(doc: dict, snapshot_date: str) -> pd.DataFrame:
    """Priced text-generation entries of one price list whose model is in the crosswalk."""
    excluded = classify.excluded_price_hosts()
    rows = []
    for key, entry in doc.items():
        if not isinstance(entry, dict) or entry.get("mode") not in TEXT_MODES:
            continue
        model = classify.model_id("litellm", key)
        if model is None or "input_cost_per_token" not in entry or "output_cost_per_token" not in entry:
            continue  # not a tracked model, or not priced per token (per character, per second…)
        if entry.get("litellm_provider", "") in excluded:
            continue  # known-bad upstream prices (price_hosts_excluded.csv says why)
        try:
            price_in = float(entry["input_cost_per_token"]) * 1e6
            price_out = float(entry["output_cost_per_token"]) * 1e6
        except (TypeError, ValueError) as exc:
            raise ValueError(f"price list {snapshot_date}, key {key!r}: non-numeric price") from exc
        if price_in <= 0 or price_out <= 0:  # 0.0 entries are placeholders, not free models
            continue
        rows.append(
            {
                "snapshot_date": snapshot_date,
                "price_key": key,
                "host_provider": entry.get("litellm_provider", ""),
                **_priced(model, price_in, price_out),
            }
        )
    return pd.DataFrame(rows)


def _prices(inputs) -> pd.DataFrame:
    """Every price-list snapshot present; text-generation entries whose model maps to the crosswalk;
    USD per token × 10^6; blended = 0.75 × input + 0.25 × output; bloc = the model developer's."""
    frames = [price_rows(_io.read_json(s), s.date) for s in inputs["litellm_prices"]]
    return pd.concat([f for f in frames if len(f)], ignore_index=True)


def genai_rows(doc: dict) -> pd.DataFrame:
    """Rows of the genai-prices export whose provider/model maps to the crosswalk."""
    rows = []
    for entry in doc["prices"]:
        key = f"{entry['provider_id']}/{entry['model_id']}"
        model = classify.model_id("genai_prices", key)
        if model is None:
            continue
        price_in, price_out = float(entry["input_usd_per_mtok"]), float(entry["output_usd_per_mtok"])
        rows.append(
            {
                "package_version": doc["version"],
                "price_key": key,
                "valid_from": entry["valid_from"] or "",
                **_priced(model, price_in, price_out),
                "note": entry["note"],
            }
        )
    return pd.DataFrame(rows)


def _genai(inputs) -> pd.DataFrame:
    """The installed genai-prices data (first-party providers), models mapped to the crosswalk;
    one row per price and start date (empty valid_from = the standing price); tiered prices at
    their base tier; DeepSeek's standard-hours price rather than its off-peak one."""
    return genai_rows(_io.read_json(_io.latest(inputs["genai_prices"], "genai_prices")))


_PRICE_UNITS = {
    "input_usd_per_mtok": "USD per million input tokens",
    "output_usd_per_mtok": "USD per million output tokens",
    "blended_usd_per_mtok": "USD per million tokens, 3 input : 1 output",
}

TABLES = (
    TableSpec(
        name="api_prices",
        title="API prices per million tokens",
        description="List price per million input, output and blended (3:1) tokens by model, host and bloc, per snapshot.",
        sources=("litellm_prices",),
        compute=_prices,
        key=("snapshot_date", "price_key"),
        units={**_PRICE_UNITS, "snapshot_date": "date"},
        date_column="snapshot_date",
        schema=pa.DataFrameSchema(
            {
                "snapshot_date": column(str, pa.Check.str_matches(DATE)),
                "price_key": column(str),
                "host_provider": column(str),
                "model_id": column(str),
                "developer": column(str),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
                # The dearest real list prices are in the hundreds; more is a unit error upstream.
                "input_usd_per_mtok": column(float, pa.Check.gt(0), pa.Check.lt(1_000)),
                "output_usd_per_mtok": column(float, pa.Check.gt(0), pa.Check.lt(1_000)),
                "blended_usd_per_mtok": column(float, pa.Check.gt(0), pa.Check.lt(1_000)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="api_prices_genai",
        title="API list prices from genai-prices",
        description="First-party list prices per million input, output and blended (3:1) tokens by model and bloc, with the date each price took effect.",
        sources=("genai_prices",),
        compute=_genai,
        key=("price_key", "valid_from"),
        units={**_PRICE_UNITS, "valid_from": "date the price took effect (empty: the standing price)"},
        schema=pa.DataFrameSchema(
            {
                "package_version": column(str),
                "price_key": column(str),
                "valid_from": column(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$"), nullable=True),
                "model_id": column(str),
                "developer": column(str),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
                "input_usd_per_mtok": column(float, pa.Check.ge(0), pa.Check.lt(1_000)),
                "output_usd_per_mtok": column(float, pa.Check.ge(0), pa.Check.lt(1_000)),
                "blended_usd_per_mtok": column(float, pa.Check.ge(0), pa.Check.lt(1_000)),
                "note": column(str, nullable=True),
            },
            strict=True,
        ),
    ),
)
