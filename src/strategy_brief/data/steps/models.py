"""Epoch AI models and capabilities: models by bloc × year × openness; ECI by model."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, DATE, OPENNESS, TableSpec, column


def bloc_of_organizations(organizations: pd.Series) -> tuple[list[str], list[str]]:
    """Lead (first listed) organization of each row → (canonical organization, bloc)."""
    orgs, blocs = [], []
    for text in organizations:
        org, country = classify.organization(classify.lead_organization(text))
        orgs.append(org)
        blocs.append(classify.bloc_of_country(country))
    return orgs, blocs


def models_by_bloc_year_openness(frame: pd.DataFrame) -> pd.DataFrame:
    """Count Epoch notable models per publication year, bloc of the lead developer and openness class."""
    rows = frame[(frame["Organization"].str.strip() != "") & (frame["Publication date"].str.strip() != "")]
    out = pd.DataFrame(
        {
            "year": _io.year_of(rows["Publication date"]).astype("Int64"),
            "bloc": bloc_of_organizations(rows["Organization"])[1],
            "openness_class": [classify.openness("epoch_models", v) for v in rows["Model accessibility"]],
        }
    )
    counted = out.groupby(["year", "bloc", "openness_class"]).size().rename("models").reset_index()
    return counted


def _models(inputs) -> pd.DataFrame:
    """Counts of Epoch notable models (newest snapshot) by publication year, bloc of the first-listed
    organization (organizations.csv → country → bloc) and openness class (openness_map.csv)."""
    return models_by_bloc_year_openness(
        _io.read_csv(_io.latest(inputs["epoch_notable_models"], "epoch_notable_models"))
    )


def eci_by_model(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per scored model version: ECI score, release date, canonical model, bloc, openness."""
    scored = frame[frame["ECI Score"].str.strip() != ""].copy()
    orgs, blocs = bloc_of_organizations(scored["Organization"])
    walk = classify.crosswalk()
    ids = [classify.model_id("eci", v) for v in scored["Model version"]]
    source_openness = [classify.openness("eci", v) for v in scored["Model accessibility"]]
    return pd.DataFrame(
        {
            "model_version": scored["Model version"].to_numpy(),
            "model_id": ids,
            "display_name": scored["Display name"].to_numpy(),
            "release_date": pd.to_datetime(scored["Release date"]).dt.strftime("%Y-%m-%d").to_numpy(),
            "eci_score": pd.to_numeric(scored["ECI Score"]).round(3).to_numpy(),
            "organization": orgs,
            "bloc": blocs,
            # The crosswalk decides per model; the source's own field fills models it does not list.
            "openness_class": [
                walk.at[i, "openness_class"] if i in walk.index else s
                for i, s in zip(ids, source_openness, strict=True)
            ],
        }
    )


def _eci(inputs) -> pd.DataFrame:
    """Epoch Capabilities Index rows with a score (newest snapshot), lead organization → bloc, model
    mapped to the crosswalk; openness from the crosswalk, else from the source's accessibility field."""
    return eci_by_model(
        _io.read_csv(_io.latest(inputs["epoch_capabilities_index"], "epoch_capabilities_index"))
    )


TABLES = (
    TableSpec(
        name="models_by_bloc_year_accessibility",
        title="Notable AI models by bloc, year and openness",
        description="Number of notable AI models published per year by developers of each bloc, by openness class.",
        sources=("epoch_notable_models",),
        compute=_models,
        key=("year", "bloc", "openness_class"),
        units={"year": "calendar year", "models": "count of models"},
        date_column="year",
        schema=pa.DataFrameSchema(
            {
                "year": column(int, pa.Check.in_range(1950, 2100)),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
                "models": column(int, pa.Check.gt(0)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="eci_by_model",
        title="Epoch Capabilities Index by model",
        description="Capability score (ECI) of each scored model version with its release date, bloc and openness.",
        sources=("epoch_capabilities_index",),
        compute=_eci,
        key=("model_version",),
        units={"eci_score": "ECI points", "release_date": "date"},
        date_column="release_date",
        schema=pa.DataFrameSchema(
            {
                "model_version": column(str, unique=True),
                "model_id": column(str, nullable=True),
                "display_name": column(str, nullable=True),
                # A few rows have no release date.
                "release_date": column(str, pa.Check.str_matches(DATE), nullable=True),
                "eci_score": column(float, pa.Check.in_range(0, 400)),
                "organization": column(str),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
            },
            strict=True,
        ),
    ),
)


# Counting rules for notable models by bloc: a model with organizations of several countries counts for
# the bloc of its first-listed organization only, or once for every bloc any of its organizations is in.
COUNTING_RULES = ("first_listed", "any_organization")


def _organization_blocs(organizations: str, countries: str) -> list[str]:
    """The bloc of every listed organization, in order: organizations.csv decides; an organization it does
    not list takes the source's own country at the same position (or its only country)."""
    names = [n.strip() for n in organizations.split(",") if n.strip()]
    listed = [c.strip() for c in countries.split(",") if c.strip()]
    blocs = []
    for position, name in enumerate(names):
        try:
            country = classify.organization(name)[1]
        except classify.ClassificationError:
            if len(listed) == len(names):
                country = listed[position]
            elif len(set(listed)) == 1:
                country = listed[0]
            else:
                raise
        blocs.append(classify.bloc_of_country(country))
    return blocs


def notable_models_by_rule(frame: pd.DataFrame, snapshot_date: str) -> pd.DataFrame:
    """Notable models of one snapshot per publication year and bloc, counted under both COUNTING_RULES."""
    rows = frame[(frame["Organization"].str.strip() != "") & (frame["Publication date"].str.strip() != "")]
    years = _io.year_of(rows["Publication date"]).astype("Int64")
    records = []
    for year, orgs, countries in zip(
        years, rows["Organization"], rows["Country (of organization)"], strict=True
    ):
        blocs = _organization_blocs(orgs, countries)
        records.append((year, "first_listed", blocs[0]))
        records.extend((year, "any_organization", bloc) for bloc in dict.fromkeys(blocs))
    out = pd.DataFrame(records, columns=["year", "counting_rule", "bloc"])
    counted = out.groupby(["year", "counting_rule", "bloc"]).size().rename("models").reset_index()
    return counted.assign(snapshot_date=snapshot_date)[
        ["snapshot_date", "counting_rule", "year", "bloc", "models"]
    ]


def _models_by_rule(inputs) -> pd.DataFrame:
    """Every snapshot of Epoch's notable models present (each kept apart by its snapshot date): models per
    publication year and bloc, counted for the first-listed organization's bloc (first_listed) and once
    for each bloc any listed organization is in (any_organization); organizations.csv gives an
    organization's country, the source's own country field one it does not list."""
    snaps = inputs["epoch_notable_models"]
    if not snaps:
        _io.latest(snaps, "epoch_notable_models")  # raises: no snapshot
    frames = [notable_models_by_rule(_io.read_csv(s), s.date) for s in sorted(snaps, key=lambda s: s.date)]
    return pd.concat(frames, ignore_index=True)


TABLES = (
    *TABLES,
    TableSpec(
        name="notable_models_by_rule",
        title="Notable AI models by bloc and year, per snapshot and counting rule",
        description=(
            "Number of notable AI models published per year by each bloc, in every snapshot held, counted "
            "for the first-listed organization and for any listed organization."
        ),
        sources=("epoch_notable_models",),
        compute=_models_by_rule,
        key=("snapshot_date", "counting_rule", "year", "bloc"),
        units={
            "snapshot_date": "date of the Epoch snapshot counted",
            "counting_rule": "first_listed (bloc of the first-listed organization) or any_organization "
            "(once for each bloc of any listed organization)",
            "year": "calendar year",
            "models": "count of models",
        },
        date_column="year",
        schema=pa.DataFrameSchema(
            {
                "snapshot_date": column(str, pa.Check.str_matches(DATE)),
                "counting_rule": column(str, pa.Check.isin(COUNTING_RULES)),
                "year": column(int, pa.Check.in_range(1950, 2100)),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "models": column(int, pa.Check.gt(0)),
            },
            strict=True,
        ),
    ),
)
