"""Derivative ecosystems: fine-tunes and merges on the Open LLM Leaderboard by model family and bloc."""

from __future__ import annotations

import functools

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, TableSpec, column


@functools.cache
def _families() -> pd.DataFrame:
    return pd.read_csv(
        classify.classification_dir() / "architecture_families.csv", dtype=str, keep_default_na=False
    )


def derivative_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Models that are not pretrained bases, counted by architecture family and its developer's bloc."""
    families = _families().set_index("architecture")
    derived = frame[frame["model_type"].str.strip() != "pretrained"]
    family = [
        families.at[a, "family"] if a in families.index else "Other" for a in derived["model_architecture"]
    ]
    bloc = [
        classify.bloc_of_country(families.at[a, "developer_country"])
        if a in families.index
        else "Unattributed"
        for a in derived["model_architecture"]
    ]
    out = pd.DataFrame({"family": family, "bloc": bloc})
    return out.groupby(["family", "bloc"]).size().rename("derivative_models").reset_index()


def _derivatives(inputs) -> pd.DataFrame:
    """Open LLM Leaderboard v2 (final snapshot): every evaluated model that is not a pretrained base,
    attributed to a family by its weights' architecture (architecture_families.csv); Llama-architecture
    models include other families that reuse it, so the Llama count is an upper bound."""
    return derivative_counts(_io.read_csv(_io.latest(inputs["open_llm_leaderboard"], "open_llm_leaderboard")))


TABLES = (
    TableSpec(
        name="derivatives_by_family",
        title="Derivative models by base family",
        description="Fine-tuned, merged and chat models evaluated on the Open LLM Leaderboard v2, by base family and bloc.",
        sources=("open_llm_leaderboard",),
        compute=_derivatives,
        key=("family", "bloc"),
        units={"derivative_models": "count of evaluated models"},
        schema=pa.DataFrameSchema(
            {
                "family": column(str),
                "bloc": column(str, pa.Check.isin([*BLOCS, "Unattributed"])),
                "derivative_models": column(int, pa.Check.gt(0)),
            },
            strict=True,
        ),
    ),
)
