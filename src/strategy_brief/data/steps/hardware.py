"""AI accelerators by maker, country and year (export-control context)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, TableSpec, column

PERFORMANCE = "Tensor-FP16/BF16 performance (FLOP/s)"


def hardware_by_maker_year(frame: pd.DataFrame) -> pd.DataFrame:
    """Chips released per maker and year, with the best dense FP16/BF16 tensor performance."""
    rows = frame[(frame["Manufacturer"].str.strip() != "") & (frame["Release date"].str.strip() != "")]
    country = [classify.hardware_country(m) for m in rows["Manufacturer"]]
    out = pd.DataFrame(
        {
            "manufacturer": rows["Manufacturer"].to_numpy(),
            "country": country,
            "bloc": [classify.bloc_of_country(c) for c in country],
            "year": _io.year_of(rows["Release date"]).astype("Int64").to_numpy(),
            "fp16_flops": pd.to_numeric(rows[PERFORMANCE], errors="coerce").to_numpy(),
        }
    )
    grouped = out.groupby(["manufacturer", "country", "bloc", "year"])
    table = grouped.agg(chips=("fp16_flops", "size"), best_fp16_tflops=("fp16_flops", "max")).reset_index()
    table["best_fp16_tflops"] = (table["best_fp16_tflops"] / 1e12).round(1)
    return table


def _hardware(inputs) -> pd.DataFrame:
    """Epoch ML hardware (newest snapshot); maker → country (hardware_makers.csv) → bloc; chips per
    release year and the maximum Tensor-FP16/BF16 FLOP/s, in TFLOP/s (empty when not reported)."""
    return hardware_by_maker_year(_io.read_csv(_io.latest(inputs["epoch_ml_hardware"], "epoch_ml_hardware")))


TABLES = (
    TableSpec(
        name="hardware_by_maker",
        title="AI accelerators by maker and year",
        description="AI chips released per maker and year with the best dense FP16/BF16 tensor performance.",
        sources=("epoch_ml_hardware",),
        compute=_hardware,
        key=("manufacturer", "year"),
        units={
            "chips": "count",
            "best_fp16_tflops": "TFLOP/s (dense FP16/BF16 tensor)",
            "year": "calendar year",
        },
        date_column="year",
        schema=pa.DataFrameSchema(
            {
                "manufacturer": column(str),
                "country": column(str),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "year": column(int, pa.Check.in_range(1990, 2100)),
                "chips": column(int, pa.Check.gt(0)),
                # Empty where Epoch has no figure; the fastest chips are in the low thousands, so more
                # (or inf) is a unit error.
                "best_fp16_tflops": column(float, pa.Check.ge(0), pa.Check.lt(100_000), nullable=True),
            },
            strict=True,
        ),
    ),
)
