"""Adoption by country and developer bloc: the share of working-age people using AI (Microsoft AI
Diffusion), Claude.ai use per country (Anthropic Economic Index), and the OpenRouter top-10 tokens by
developer bloc.

Each source's caveats become columns: Microsoft's regional pools (`pooled`, `pool`, checked against the
curated data/raw/classification/ai_diffusion_pools.csv), Anthropic's absent countries (no row, never 0;
`countries_in_month` and `listed_usage_share` say how much the month covers), OpenRouter's free
promotional variants (`free_variant_tokens`) and short weeks (`rows_in_week`).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify, regions
from strategy_brief.data import sources
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, DATE, TableSpec, column

MICROSOFT, ANTHROPIC, OPENROUTER = (
    "microsoft_ai_diffusion",
    "anthropic_economic_index",
    "openrouter_top10_weekly",
)
POOLS_FILE = "ai_diffusion_pools.csv"
DEVELOPERS_FILE = "openrouter_developers.csv"

# ---------------------------------------------------------------------------- Microsoft AI Diffusion

ECONOMY = "Economy"
PERIOD_COLUMN = re.compile(r"^(H[12]|Q[1-4]) (\d{4}) AI Diffusion$")
_PERIOD_END = {"H1": "06-30", "H2": "12-31", "Q1": "03-31", "Q2": "06-30", "Q3": "09-30", "Q4": "12-31"}
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def period_end(period: str) -> str:
    """The last day of a period as the source names it ('H1 2025' → '2025-06-30', 'Q1 2026' →
    '2026-03-31')."""
    match = re.fullmatch(r"(H[12]|Q[1-4]) (\d{4})", period)
    if not match:
        raise ValueError(f"period {period!r}: expected 'H1 2025', 'H2 2025' or 'Q1 2026' to 'Q4 …'")
    return f"{match.group(2)}-{_PERIOD_END[match.group(1)]}"


def load_pools(path: Path | None = None) -> pd.DataFrame:
    """The curated regional pools (pool, economy, iso3): economies the source gives one shared series."""
    path = Path(path) if path else classify.classification_dir() / POOLS_FILE
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"pool", "economy", "note"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
    table = table.assign(pool=table["pool"].str.strip(), economy=table["economy"].str.strip())
    for index, row in table.iterrows():
        if not row["pool"] or not row["economy"]:
            raise ValueError(f"{path}: row {index + 2}: pool and economy must not be blank")
    codes = []
    for index, economy in table["economy"].items():
        code = _economy_iso3(economy)
        if code is None:
            raise ValueError(f"{path}: row {index + 2}: economy {economy!r} has no ISO 3166 alpha-3 code")
        codes.append(code)
    table["iso3"] = codes
    twice = table[table["iso3"].duplicated(keep=False)]
    if not twice.empty:
        raise ValueError(f"{path}: economy listed twice (pools may not overlap): {sorted(twice['economy'])}")
    sizes = table.groupby("pool")["iso3"].size()
    if (sizes < 2).any():
        raise ValueError(f"{path}: a pool has one economy only: {sorted(sizes[sizes < 2].index)}")
    return table[["pool", "economy", "iso3"]]


def _economy_iso3(economy: str) -> str | None:
    """The ISO3 code of an economy name, None unless it is a country with a reporting region (the
    converter echoes some unknown names back as codes)."""
    code = regions.iso3(economy)
    return code if code and regions.world_region(code) else None


def _fraction(text: str, economy: str, column_name: str, where: str) -> float:
    match = _PERCENT.match(str(text))
    if not match or float(match.group(1)) > 100:
        raise ValueError(
            f"{where}: economy {economy!r}, column {column_name!r}: {text!r} is not a percentage 0-100%"
        )
    return round(float(match.group(1)) / 100, 6)


def user_share_by_economy(wide: pd.DataFrame, pools: pd.DataFrame, where: str = MICROSOFT) -> pd.DataFrame:
    """One row per economy and period from the wide file (Economy, '<period> AI Diffusion', ...).

    Economies are identified by ISO3 (an unmappable name, or two names for one code, is an error naming
    them); values 'NN.NN%' become fractions. Each curated pool's members in the file must share one
    identical series (else an error naming the economy that differs), and economies that share a series
    without being a curated pool are an error too, so no pooled value passes as a country estimate."""
    if ECONOMY not in wide.columns:
        raise ValueError(f"{where}: no {ECONOMY!r} column (columns: {list(wide.columns)})")
    periods = {}
    for name in wide.columns:
        if name == ECONOMY:
            continue
        match = PERIOD_COLUMN.match(name.strip())
        if not match:
            raise ValueError(
                f"{where}: column {name!r} is neither {ECONOMY!r} nor '<H1|H2|Q1-Q4> YYYY AI Diffusion'"
            )
        periods[name] = f"{match.group(1)} {match.group(2)}"
    if not periods:
        raise ValueError(f"{where}: no period column ('<period> AI Diffusion')")
    economies = wide[ECONOMY].astype(str).str.strip()
    codes = {}
    for index, economy in economies.items():
        if not economy:
            raise ValueError(f"{where}: row {index + 2}: blank {ECONOMY}")
        code = _economy_iso3(economy)
        if code is None:
            raise ValueError(
                f"{where}: economy {economy!r} (row {index + 2}) has no ISO 3166 alpha-3 code with a "
                "reporting region; add a spelling country_converter knows"
            )
        if code in codes.values():
            other = next(e for e, c in codes.items() if c == code)
            raise ValueError(f"{where}: economies {other!r} and {economy!r} are both {code}")
        codes[economy] = code
    series = pd.DataFrame(
        {
            periods[name]: [_fraction(v, e, name, where) for v, e in zip(wide[name], economies, strict=True)]
            for name in periods
        },
        index=pd.Index(economies, name="economy"),
    )
    pool_of = _check_pools(series, codes, pools, where)
    rows = [
        {
            "economy": economy,
            "iso3": codes[economy],
            "world_region": regions.world_region(codes[economy]),
            "period": period,
            "period_end": period_end(period),
            "user_share": series.at[economy, period],
            "pooled": economy in pool_of,
            "pool": pool_of.get(economy, ""),
        }
        for economy in series.index
        for period in series.columns
    ]
    return pd.DataFrame(rows)


def _check_pools(series: pd.DataFrame, codes: dict[str, str], pools: pd.DataFrame, where: str) -> dict:
    """{economy: pool} for the curated pool members in the file, after checking that each pool's members
    share one series and that no other economies do."""
    pool_by_iso3 = dict(zip(pools["iso3"], pools["pool"], strict=True))
    pool_of = {e: pool_by_iso3[c] for e, c in codes.items() if c in pool_by_iso3}
    for pool in sorted(set(pool_of.values())):
        block = series.loc[[e for e, p in pool_of.items() if p == pool]]
        shared = block.value_counts().index[0]  # the series most members have
        for economy, values in block.iterrows():
            if tuple(values) != tuple(shared):
                raise ValueError(
                    f"{where}: economy {economy!r} is in pool {pool!r} ({POOLS_FILE}) but its series "
                    f"{tuple(values)} differs from the pool's {tuple(shared)}; update the pool list"
                )
    unpooled = series.drop(index=list(pool_of))
    repeated = unpooled[unpooled.duplicated(keep=False)]
    if not repeated.empty:
        raise ValueError(
            f"{where}: economies {sorted(repeated.index)} share one identical series but are not a pool in "
            f"{POOLS_FILE}; a shared series is a regional estimate, not a country's own: curate it"
        )
    return pool_of


def _ai_user_share(inputs) -> pd.DataFrame:
    """Microsoft AI Diffusion (newest snapshot; each update repeats the earlier periods), read with the
    registry's encoding (Mac Roman); one row per economy and period; 'NN.NN%' → fraction; economy →
    ISO3 and reporting region through country_converter; regional pools flagged from the curated
    ai_diffusion_pools.csv after checking that each pool's members share one series."""
    snap = _io.latest(inputs[MICROSOFT], MICROSOFT)
    wide = _io.read_csv(snap, encoding=sources.load(MICROSOFT).encoding)
    return user_share_by_economy(wide, load_pools(), str(snap.path.name))


# ---------------------------------------------------------------------------- Anthropic Economic Index

AEI_METRICS = {"usage_pct": "usage_share", "usage_per_capita_index": "usage_per_capita_index"}
AEI_COLUMNS = ("date_start", "date_end", "geo_id", "geo_level", "category_name", "metric_id", "value")


def claude_usage_by_country(long: pd.DataFrame, where: str = ANTHROPIC) -> pd.DataFrame:
    """Claude.ai usage per country and month from the long AEI file (country rows of the 'overall'
    category; usage_pct and usage_per_capita_index). Only listed countries get a row: absence means
    Claude is not offered there or Anthropic did not report it, never zero use."""
    missing = [c for c in AEI_COLUMNS if c not in long.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}")
    rows = long[
        (long["geo_level"] == "country")
        & (long["category_name"] == "overall")
        & long["metric_id"].isin(list(AEI_METRICS))
    ]
    if rows.empty:
        raise ValueError(f"{where}: no country rows of category 'overall' with {list(AEI_METRICS)}")
    values = {}
    for index, row in rows.iterrows():
        place = f"{where}: row {index + 2} ({row['geo_id']}, {row['date_start']}, {row['metric_id']})"
        month = _month(row["date_start"], row["date_end"], place)
        if regions.world_region(row["geo_id"]) is None or regions.iso3(row["geo_id"]) != row["geo_id"]:
            raise ValueError(f"{place}: geo_id {row['geo_id']!r} is not an ISO 3166 alpha-3 country code")
        try:
            value = float(row["value"])
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{place}: value {row['value']!r} is not a number >= 0")
        key = (row["geo_id"], month, row["metric_id"])
        if key in values:
            raise ValueError(f"{place}: listed twice")
        values[key] = value
    table = pd.Series(values).unstack()
    table.index.names = ["iso3", "month"]
    for metric in AEI_METRICS:
        if metric not in table.columns or table[metric].isna().any():
            lacking = table.index[table[metric].isna()][0] if metric in table.columns else table.index[0]
            raise ValueError(f"{where}: {lacking[0]} in {lacking[1]} has no {metric}")
    table = table.reset_index()
    out = pd.DataFrame(
        {
            "iso3": table["iso3"],
            "country": [regions.country_name(c) for c in table["iso3"]],
            "world_region": [regions.world_region(c) for c in table["iso3"]],
            "month": table["month"],
            "usage_share": (table["usage_pct"] / 100).round(6),
            "usage_per_capita_index": table["usage_per_capita_index"],
        }
    )
    by_month = out.groupby("month")
    out["countries_in_month"] = by_month["iso3"].transform("size")
    out["listed_usage_share"] = by_month["usage_share"].transform("sum").round(6)
    return out


def _month(start: str, end: str, place: str) -> str:
    """A monthly row's month (YYYY-MM-01): date_start is the first of a month, date_end the next first."""
    try:
        first, last = pd.Timestamp(start), pd.Timestamp(end)
    except ValueError:
        first = last = None
    if first is None or first.day != 1 or last != first + pd.offsets.MonthBegin(1):
        raise ValueError(f"{place}: date_start {start!r} to date_end {end!r} is not one calendar month")
    return first.strftime("%Y-%m-%d")


def _claude_usage(inputs) -> pd.DataFrame:
    """Anthropic Economic Index, country rows of the 'overall' category: usage_pct (→ fraction) and
    usage_per_capita_index per country and month; each month from the newest snapshot that has it.
    Countries the index does not list get no row (not offered or not reported: never zero); each
    month's count of countries and the share of Claude.ai use they account for are kept beside them."""
    months = {}
    for snap in sorted(inputs[ANTHROPIC], key=lambda s: (s.date, s.path.name)):
        table = claude_usage_by_country(_io.read_csv(snap), snap.path.name)
        for month, rows in table.groupby("month"):
            months[month] = rows  # a newer snapshot replaces the month
    return pd.concat(months.values(), ignore_index=True)


# ---------------------------------------------------------------------------- OpenRouter weekly top 10

UNDISCLOSED = "Undisclosed"  # a stealth model whose developer is not disclosed: no bloc
DEVELOPER_BLOCS = [*BLOCS, UNDISCLOSED]


def load_developers(path: Path | None = None) -> pd.DataFrame:
    """The curated slug prefixes (prefix → organization, country, bloc). An organization that
    organizations.csv knows takes its canonical name and country from there (a different country here
    is an error); any other keeps this file's country, and a blank country is the bloc Undisclosed."""
    path = Path(path) if path else classify.classification_dir() / DEVELOPERS_FILE
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"prefix", "organization", "country", "note"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
    rows = []
    for index, row in table.iterrows():
        prefix, name, country = (row[c].strip() for c in ("prefix", "organization", "country"))
        if not prefix or not name:
            raise ValueError(f"{path}: row {index + 2}: prefix and organization must not be blank")
        try:
            organization, known_country = classify.organization(name)
        except classify.ClassificationError:
            organization, known_country = name, None
        if known_country is not None and country != known_country:
            raise ValueError(
                f"{path}: row {index + 2} ({prefix}): country {country!r} differs from organizations.csv's "
                f"{known_country!r} for {name!r}"
            )
        try:
            bloc = classify.bloc_of_country(country) if country else UNDISCLOSED
        except classify.ClassificationError as exc:
            raise ValueError(f"{path}: row {index + 2} ({prefix}): {exc}") from exc
        rows.append({"prefix": prefix, "organization": organization, "country": country, "bloc": bloc})
    out = pd.DataFrame(rows)
    twice = out[out["prefix"].duplicated()]
    if not twice.empty:
        raise ValueError(f"{path}: prefix listed twice: {sorted(twice['prefix'])}")
    return out.set_index("prefix")


def is_free_variant(slug: str, is_free: bool) -> bool:
    """A free promotional variant: a ':free' slug, or a model the rankings mark free (stealth models);
    the two markers disagree in some weeks, so either counts."""
    return slug.endswith(":free") or bool(is_free)


def week_models(doc: dict, where: str) -> pd.DataFrame:
    """One week file's rows (week_ending, slug, prefix, tokens, free_variant), checked."""
    week = str(doc.get("date", ""))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", week):
        raise ValueError(f"{where}: 'date' {doc.get('date')!r} is not a YYYY-MM-DD date")
    models = doc.get("models")
    if not isinstance(models, list) or not models:
        raise ValueError(f"{where}: 'models' must be a non-empty list")
    rows = []
    for i, model in enumerate(models):
        slug, tokens = model.get("slug"), model.get("total_tokens")
        if not isinstance(slug, str) or "/" not in slug:
            raise ValueError(f"{where}: models[{i}]: slug {slug!r} is not 'developer/model'")
        if isinstance(tokens, bool) or not isinstance(tokens, int) or tokens < 0:
            raise ValueError(f"{where}: models[{i}] ({slug}): total_tokens {tokens!r} is not a count")
        if not isinstance(model.get("is_free", False), bool):
            raise ValueError(
                f"{where}: models[{i}] ({slug}): is_free {model.get('is_free')!r} is not true/false"
            )
        rows.append(
            {
                "week_ending": week,
                "slug": slug,
                "prefix": slug.split("/", 1)[0],
                "tokens": tokens,
                "free_variant": is_free_variant(slug, model.get("is_free", False)),
            }
        )
    out = pd.DataFrame(rows)
    twice = out[out["slug"].duplicated()]
    if not twice.empty:
        raise ValueError(f"{where}: slug listed twice in week {week}: {sorted(twice['slug'])}")
    return out


def top10_by_bloc(models: pd.DataFrame, developers: pd.DataFrame, where: dict[str, str]) -> pd.DataFrame:
    """Tokens of each week's top 10 by developer bloc (every bloc every week, 0 where it has no model),
    with its share of the week's top-10 tokens, model count, free-variant tokens and the week's rows.
    `where` names each week's file, for the error on a prefix openrouter_developers.csv lacks."""
    unknown = models[~models["prefix"].isin(developers.index)]
    if not unknown.empty:
        first = unknown.iloc[0]
        raise ValueError(
            f"{where.get(first['week_ending'], OPENROUTER)} (week {first['week_ending']}): slug prefix "
            f"{first['prefix']!r} ({first['slug']}) is not in data/raw/classification/{DEVELOPERS_FILE}"
        )
    models = models.assign(
        developer_bloc=models["prefix"].map(developers["bloc"]),
        free_tokens=models["tokens"].where(models["free_variant"], 0),
    )
    weeks = sorted(models["week_ending"].unique())
    grid = pd.MultiIndex.from_product([weeks, DEVELOPER_BLOCS], names=["week_ending", "developer_bloc"])
    grouped = models.groupby(["week_ending", "developer_bloc"])
    out = (
        pd.DataFrame(
            {
                "tokens": grouped["tokens"].sum(),
                "models": grouped["slug"].size(),
                "free_variant_tokens": grouped["free_tokens"].sum(),
            }
        )
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    week_total = out.groupby("week_ending")["tokens"].transform("sum")
    if (week_total == 0).any():
        raise ValueError(
            f"{OPENROUTER}: week {out.loc[week_total == 0, 'week_ending'].iloc[0]} has no tokens"
        )
    out["share_of_top10"] = (out["tokens"] / week_total).round(6)
    out["rows_in_week"] = out["week_ending"].map(models.groupby("week_ending").size())
    columns = ["week_ending", "developer_bloc", "tokens", "share_of_top10", "models"]
    return out[[*columns, "free_variant_tokens", "rows_in_week"]]


def _openrouter(inputs) -> pd.DataFrame:
    """OpenRouter weekly top-10 files (every snapshot is one week, dated by its 'date', which must match
    the file name's date); slug prefix → developer → bloc through openrouter_developers.csv and
    organizations.csv (a stealth model's 'openrouter/' prefix is the bloc Undisclosed); free promotional
    variants (':free' slug or is_free) counted apart in free_variant_tokens; the share is of the week's
    top-10 tokens, not of all OpenRouter traffic."""
    frames, where = [], {}
    for snap in inputs[OPENROUTER]:
        week = week_models(_io.read_json(snap), snap.path.name)
        date = week["week_ending"].iloc[0]
        if date != snap.date:
            raise ValueError(f"{snap.path.name}: 'date' {date} differs from the file's date {snap.date}")
        if date in where:
            raise ValueError(f"{snap.path.name}: week {date} also in {where[date]}")
        where[date] = snap.path.name
        frames.append(week)
    return top10_by_bloc(pd.concat(frames, ignore_index=True), load_developers(), where)


# ---------------------------------------------------------------------------- specs

_FRACTION = (pa.Check.ge(0), pa.Check.le(1))
TABLES = (
    TableSpec(
        name="ai_user_share_by_economy",
        title="AI user share of the working-age population by economy",
        description=(
            "Share of the working-age population (15-64) that used a generative-AI product in the period, "
            "by economy (Microsoft AI Diffusion). Pooled economies (pooled = True) carry their regional "
            "pool's shared series, not an estimate of their own: never present one as that country's value."
        ),
        sources=(MICROSOFT,),
        compute=_ai_user_share,
        key=("iso3", "period"),
        date_column="period_end",
        units={
            "economy": "economy as the source names it",
            "iso3": "ISO 3166-1 alpha-3 code (a pool member keeps its own)",
            "period": "H1 2025, H2 2025 or Q1 2026 (as the source names it)",
            "period_end": "last day of the period (YYYY-MM-DD)",
            "user_share": "fraction 0-1 of the working-age population that used generative AI",
            "pooled": "True: the value is a regional pool's shared series (ai_diffusion_pools.csv)",
            "pool": "pool id in data/raw/classification/ai_diffusion_pools.csv; blank when not pooled",
        },
        schema=pa.DataFrameSchema(
            {
                "economy": column(str),
                "iso3": column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
                "world_region": column(str, pa.Check.isin(list(regions.REPORTING_REGIONS))),
                "period": column(str, pa.Check.str_matches(r"^(H[12]|Q[1-4]) \d{4}$")),
                "period_end": column(str, pa.Check.str_matches(DATE)),
                "user_share": column(float, *_FRACTION),
                "pooled": column(bool),
                "pool": column(str, nullable=True),
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: df["pooled"] == df["pool"].fillna("").astype(str).ne(""),
                    error="pool is given exactly when pooled",
                )
            ],
        ),
    ),
    TableSpec(
        name="claude_usage_by_country",
        title="Claude.ai usage by country and month",
        description=(
            "Claude.ai use per country and month (Anthropic Economic Index): share of all Claude.ai use and "
            "the per-capita Anthropic AI Usage Index. Only countries the index lists have rows: a country "
            "absent is one where Claude is not offered (China, Russia, Iran, ...) or not reported that "
            "month, never zero use."
        ),
        sources=(ANTHROPIC,),
        compute=_claude_usage,
        key=("iso3", "month"),
        date_column="month",
        units={
            "iso3": "ISO 3166-1 alpha-3 code (the source's geo_id)",
            "country": "short English name of the code (country_converter)",
            "month": "first day of the month the usage refers to (YYYY-MM-DD)",
            "usage_share": "fraction 0-1 of all Claude.ai use in the month (usage_pct / 100)",
            "usage_per_capita_index": "Anthropic AI Usage Index: the country's share of use over its share "
            "of working-age population (1 = use in proportion to population)",
            "countries_in_month": "count of countries the index lists that month",
            "listed_usage_share": "fraction of the month's Claude.ai use that the listed countries account for",
        },
        schema=pa.DataFrameSchema(
            {
                "iso3": column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
                "country": column(str),
                "world_region": column(str, pa.Check.isin(list(regions.REPORTING_REGIONS))),
                "month": column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-01$")),
                "usage_share": column(float, *_FRACTION),
                "usage_per_capita_index": column(float, pa.Check.ge(0)),
                "countries_in_month": column(int, pa.Check.gt(0)),
                "listed_usage_share": column(float, pa.Check.ge(0), pa.Check.le(1.000001)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="openrouter_top10_by_bloc_weekly",
        title="OpenRouter weekly top-10 tokens by developer bloc",
        description=(
            "Tokens of the week's top-10 models on OpenRouter by developer bloc, with the bloc's share of "
            "those top-10 tokens. Top 10 only (no long tail, no market total), one API marketplace used "
            "mostly by developers: not a measure of all AI use. Free promotional variants are counted "
            "apart (free_variant_tokens); some weeks list fewer than 10 models (rows_in_week)."
        ),
        sources=(OPENROUTER,),
        compute=_openrouter,
        key=("week_ending", "developer_bloc"),
        date_column="week_ending",
        units={
            "week_ending": "the week's collection date (YYYY-MM-DD), as the file names it",
            "developer_bloc": "bloc of the model's developer (slug prefix → openrouter_developers.csv → "
            "organizations.csv): United States, China, Europe, Rest of world, or Undisclosed (stealth "
            "models)",
            "tokens": "total tokens of the bloc's models in the week's top 10",
            "share_of_top10": "fraction of the week's top-10 tokens",
            "models": "count of the bloc's models in the week's top 10",
            "free_variant_tokens": "tokens of those models that are free promotional variants (':free' slug "
            "or is_free)",
            "rows_in_week": "count of models the week lists (10, or fewer in some weeks)",
        },
        schema=pa.DataFrameSchema(
            {
                "week_ending": column(str, pa.Check.str_matches(DATE)),
                "developer_bloc": column(str, pa.Check.isin(DEVELOPER_BLOCS)),
                "tokens": column(int, pa.Check.ge(0)),
                "share_of_top10": column(float, *_FRACTION),
                "models": column(int, pa.Check.ge(0), pa.Check.le(10)),
                "free_variant_tokens": column(int, pa.Check.ge(0)),
                "rows_in_week": column(int, pa.Check.gt(0), pa.Check.le(10)),
            },
            strict=True,
            checks=[
                pa.Check(lambda df: df["free_variant_tokens"] <= df["tokens"], error="free <= tokens"),
                pa.Check(lambda df: df["models"] <= df["rows_in_week"], error="models <= rows_in_week"),
            ],
        ),
    ),
)
