"""The model: logistic adoption, multinomial-logit choice of stack, and the Monte Carlo over the ranges.

simulate, monte_carlo and tornado take the assumptions table (load_assumptions, apply_scenario) and return
a tidy frame that carries LABEL in its attrs; the formulas are in the package's docstring."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from strategy_brief.analysis.scenario.parameters import DEFAULT_HORIZON, LABEL, PARAMETERS, STACKS, checked
from strategy_brief.curated import regions as world

QUANTILES = {"p10": 0.1, "median": 0.5, "p90": 0.9}


def simulate(
    assumptions: pd.DataFrame,
    *,
    regions: Iterable[str] | str,
    start_year: int | None = None,
    horizon: int = DEFAULT_HORIZON,
) -> pd.DataFrame:
    """The deterministic central path: adopting fraction and stack shares per region and year."""
    table = checked(assumptions)
    names, years = _span(table, regions, start_year, horizon)
    adopt, shares = _paths(table["value"].to_numpy(float)[None, :], table, names, years)
    out = _grid(names, years)
    out["adopting_fraction"] = adopt[0].ravel()
    for i, stack in enumerate(STACKS):
        out[f"share_{stack}"] = shares[0, ..., i].ravel()
    out.attrs = {"label": LABEL, "scenario": assumptions.attrs.get("scenario", "")}
    return out


def monte_carlo(
    assumptions: pd.DataFrame,
    *,
    draws: int = 10_000,
    seed: int = 0,
    regions: Iterable[str] | str,
    start_year: int | None = None,
    horizon: int = DEFAULT_HORIZON,
) -> pd.DataFrame:
    """Median and 10th/90th percentiles of China-stack share and adopting fraction over drawn parameters."""
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        raise ValueError(f"draws must be a whole number of at least 1, got {draws!r}")
    table = checked(assumptions)
    names, years = _span(table, regions, start_year, horizon)
    values = _sample(table, int(draws), np.random.default_rng(seed))
    adopt, shares = _paths(values, table, names, years)
    out = _grid(names, years)
    for label, series in (("share_china", shares[..., STACKS.index("china")]), ("adopting_fraction", adopt)):
        quantiles = np.quantile(series, list(QUANTILES.values()), axis=0)
        for q, stat in zip(quantiles, QUANTILES, strict=True):
            out[f"{label}_{stat}"] = q.ravel()
    order = ["region", "year"] + [f"{s}_{q}" for s in ("share_china", "adopting_fraction") for q in QUANTILES]
    out = out[order]
    out.attrs = {
        "label": LABEL,
        "draws": int(draws),
        "seed": seed,
        "scenario": assumptions.attrs.get("scenario", ""),
    }
    return out


def tornado(
    assumptions: pd.DataFrame, *, region: str, year: int, start_year: int | None = None, seed: int = 0
) -> pd.DataFrame:
    """China-stack share in a region and year with each parameter at its low and high; sorted by swing."""
    # Nothing is drawn: `seed` is accepted so that calls look like monte_carlo's.
    table = checked(assumptions)
    names, years = _span(table, [region], start_year, year, labels=("region", "year"))
    read = {name: int(rows[0]) for name, rows in _columns(table, names).items() if name != "start_year"}
    used = sorted(read.values())
    central = table["value"].to_numpy(float)
    matrix = np.tile(central, (2 * len(used) + 1, 1))
    steps = np.arange(len(used))
    matrix[2 * steps, used] = table["low"].to_numpy(float)[used]
    matrix[2 * steps + 1, used] = table["high"].to_numpy(float)[used]
    _, shares = _paths(matrix, table, names, years)
    china = shares[:, 0, -1, STACKS.index("china")]
    rows = table.loc[used]
    out = pd.DataFrame(
        {
            "parameter": rows["name"].to_numpy(),
            "region": rows["region"].where(rows["region"] != "", "all").to_numpy(),
            "low": rows["low"].to_numpy(),
            "value": rows["value"].to_numpy(),
            "high": rows["high"].to_numpy(),
            "share_china_at_low": china[2 * steps],
            "share_china_at_high": china[2 * steps + 1],
        }
    )
    out["swing"] = (out["share_china_at_high"] - out["share_china_at_low"]).abs()
    out = out.sort_values(["swing", "parameter"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )
    out.attrs = {
        "label": LABEL,
        "region": region,
        "year": year,
        "central_share_china": float(china[-1]),
        "scenario": assumptions.attrs.get("scenario", ""),
    }
    return out


def adoption_after(
    assumptions: pd.DataFrame,
    *,
    regions: Iterable[str] | str,
    start: Iterable[float],
    elapsed: float,
    growth: str = "value",
) -> np.ndarray:
    """The adopting fraction `elapsed` years after `start` (one per region) by the model's logistic adoption
    and its trust adjustment: every parameter at its central value (the regions' own rows where they have
    them) but adoption_growth, taken at its `growth` column ('value', 'low' or 'high'). What the model
    projects from an observed start, for a backtest."""
    table = checked(assumptions)
    if growth not in ("value", "low", "high"):
        raise ValueError(f"growth: expected value, low or high, got {growth!r}")
    names, _ = _span(table, regions, None, int(table.loc[table["name"] == "start_year", "value"].iloc[0]))
    starts = np.asarray(list(start), dtype=float)
    if starts.shape != (len(names),):
        raise ValueError(f"start: expected {len(names)} values (one per region), got {starts.shape}")
    outside = [r for r, a in zip(names, starts, strict=True) if not 0 < a <= 1]
    if outside:
        raise ValueError(f"start: adoption must be in (0, 1] in every region; not in {outside}")
    if not np.isfinite(elapsed) or elapsed < 0:
        raise ValueError(f"elapsed: expected a number of years >= 0, got {elapsed!r}")
    rows = _columns(table, names)
    p = {name: table["value"].to_numpy(float)[at][None, :] for name, at in rows.items()}
    p["adoption_growth"] = table[growth].to_numpy(float)[rows["adoption_growth"]][None, :]
    p["adoption_start"] = starts[None, :]
    return _adoption(p, np.array([float(elapsed)]))[0, :, 0]


def step_shares(shares: np.ndarray, utility: np.ndarray, chosen: float | np.ndarray) -> np.ndarray:
    """One year's update: s' ∝ s · exp(utility) ** chosen, over the last axis (stacks)."""
    logits = np.log(shares) + np.asarray(chosen)[..., None] * utility
    return _softmax(logits)


def _span(
    table: pd.DataFrame,
    names: Iterable[str] | str,
    start_year: int | None,
    horizon: int,
    *,
    labels: tuple[str, str] = ("regions", "horizon"),
) -> tuple[list[str], np.ndarray]:
    """Checked regions and the years from the start year to the horizon; errors use the caller's names."""
    names = [names] if isinstance(names, str) else list(dict.fromkeys(names))
    if not names:
        raise ValueError(f"{labels[0]}: empty; give one or more of {', '.join(world.REPORTING_REGIONS)}")
    unknown = [r for r in names if r not in world.REPORTING_REGIONS]
    if unknown:
        raise ValueError(
            f"{labels[0]}: unknown region(s) {unknown}; expected one of {world.REPORTING_REGIONS}"
        )
    if start_year is None:
        start_year = int(table.loc[table["name"] == "start_year", "value"].iloc[0])
    if int(horizon) < int(start_year):
        raise ValueError(f"{labels[1]} ({horizon}) is before start_year ({start_year})")
    return names, np.arange(int(start_year), int(horizon) + 1)


def _grid(names: list[str], years: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"region": np.repeat(names, len(years)), "year": np.tile(years, len(names))})


def _sample(table: pd.DataFrame, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Independent triangular draws on [low, high] with the central value as mode (inverse CDF, one call)."""
    low, mode, high = (table[c].to_numpy(float) for c in ("low", "value", "high"))
    u = rng.random((draws, len(table)))
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        cut = np.where(width > 0, (mode - low) / width, 1.0)
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < cut, left, right)


def _columns(table: pd.DataFrame, names: list[str]) -> dict[str, np.ndarray]:
    """For each parameter, the table row every region reads: its own row, else the all-regions row."""
    index = {(n, r): i for i, (n, r) in enumerate(zip(table["name"], table["region"], strict=True))}
    out = {}
    for name in PARAMETERS:
        rows = []
        for region in names:
            i = index.get((name, region), index.get((name, "")))
            if i is None:
                raise ValueError(f"assumptions: {name} has no row for {region} and no row for all regions")
            rows.append(i)
        out[name] = np.array(rows)
    return out


def _paths(values: np.ndarray, table: pd.DataFrame, names: list[str], years: np.ndarray):
    """Adopting fraction (draws, regions, years) and stack shares (draws, regions, years, stacks)."""
    p = {name: values[:, rows] for name, rows in _columns(table, names).items()}
    adopt = _adoption(p, years - years[0])
    chosen = 1 - p["inertia"][..., None] * adopt[..., :-1] / adopt[..., 1:]
    weight = np.concatenate([np.zeros((*adopt.shape[:-1], 1)), np.cumsum(chosen, axis=-1)], axis=-1)
    start = _start_shares(p)
    logits = np.log(start)[..., None, :] + weight[..., None] * _utility(p)[..., None, :]
    return adopt, _softmax(logits)


def _adoption(p: dict[str, np.ndarray], elapsed: np.ndarray) -> np.ndarray:
    """Logistic diffusion from the starting fraction towards the ceiling, faster where trust is higher."""
    start = p["adoption_start"]
    ceiling = np.maximum(p["adoption_ceiling"], start)  # a start above the ceiling stays put, never falls
    rate = p["adoption_growth"] * (p["trust_in_ai"] / p["trust_reference"]) ** p["trust_adoption_elasticity"]
    return ceiling[..., None] / (
        1 + ((ceiling - start) / start)[..., None] * np.exp(-rate[..., None] * elapsed)
    )


def _start_shares(p: dict[str, np.ndarray]) -> np.ndarray:
    """Starting shares (us, china, other); the US stack holds the remainder."""
    china, other = p["share_start_china"], p["share_start_other"]
    us = 1 - china - other
    if (us <= 0).any():
        raise ValueError("share_start_china + share_start_other must stay below 1 (the US stack's share)")
    return np.stack([us, china, other], axis=-1)


def _cloud_presence(p: dict[str, np.ndarray]) -> np.ndarray:
    """Each stack's share of a region's cloud regions: US and Chinese providers' split, other as assumed."""
    us = p["cloud_regions_us"] * p["cloud_expansion_us"]
    china = p["cloud_regions_china"] * p["cloud_expansion_china"]
    total = us + china
    if (total <= 0).any():
        raise ValueError("cloud_regions_us + cloud_regions_china is 0 in a region: cloud presence undefined")
    return np.stack([us / total, china / total, p["cloud_presence_other"]], axis=-1)


def _utility(p: dict[str, np.ndarray]) -> np.ndarray:
    """log attraction of each stack (draws, regions, stacks)."""
    cloud = _cloud_presence(p)
    return np.stack(
        [
            -p["b_price"] * np.log(p[f"price_{k}"])
            + p["b_open"] * p[f"openness_{k}"]
            - p["b_cap"] * p[f"capability_gap_{k}"]
            + p["b_trust"] * p[f"trust_{k}"]
            + p["b_cloud"] * cloud[..., i]
            for i, k in enumerate(STACKS)
        ],
        axis=-1,
    )


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)
