"""LMArena's own leaderboard files (arena-catalog): the best model of each bloc per arena and date,
with the 95% interval LMArena publishes for its rating.

The catalog keeps every git version of two leaderboard files, raw (leaderboard-text) and
style-controlled (leaderboard-text-style-control), each a JSON object category → model → rating,
rating_q025, rating_q975; and scatterplot-data, a list of models with their organization. A file is
dated by its commit day, so several versions can share a date: the step keeps, per file and date,
the version that rates the most models in its `full` category (models are added through a day's
commits, so it is the most complete listing; ties: more categories, then the commit id), and says
how many versions that date had.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, DATE, TableSpec, column

SOURCE = "lmarena_arena_catalog"
TEXT, STYLE_CONTROL, SCATTERPLOT = "leaderboard-text", "leaderboard-text-style-control", "scatterplot-data"
# The arena a (file, category) pair is called in the table: the overall categories by their file,
# a language category by its language, with "-style-control" when it comes from the style-controlled file.
ARENA_OF_FULL = {TEXT: "text", STYLE_CONTROL: "text-style-control"}
LANGUAGES = ("chinese", "english", "french", "german", "japanese", "korean", "russian", "spanish")
STYLE_SUFFIX = "-style-control"
ORGANIZATIONS_FILE = "arena_catalog_organizations.csv"
# Where a model's organization was found, most authoritative first.
FROM_CROSSWALK, FROM_CURATED, FROM_SCATTERPLOT = (
    "model_crosswalk",
    "arena_catalog_organizations",
    "scatterplot-data",
)
_NAME = re.compile(
    r"^(?P<board>leaderboard-text-style-control|leaderboard-text|scatterplot-data)"
    r"(?:_(?P<date>\d{4}-\d{2}-\d{2})_(?P<commit>[0-9a-f]+))?\.json(?:\.gz)?$"
)


def parse_name(filename: str, snapshot_date: str) -> tuple[str, str, str]:
    """(file kind, date, commit) of a catalog file: `<file>_<commit date>_<commit>.json[.gz]` as the
    mirror names them, or the bare upstream name of a download (dated by its snapshot, no commit)."""
    match = _NAME.match(filename)
    if not match:
        raise ValueError(
            f"{SOURCE}: file {filename!r} is not named <leaderboard-text|leaderboard-text-style-control|"
            "scatterplot-data>_<YYYY-MM-DD>_<commit>.json[.gz]"
        )
    return match["board"], match["date"] or snapshot_date, match["commit"] or "download"


def leaderboard_rows(doc: object, where: str) -> pd.DataFrame:
    """One row per (category, model) of a leaderboard file: rating and its published 95% interval.
    A file that is not category → model → {rating, rating_q025, rating_q975}, or whose interval does
    not hold its rating, is refused naming the file, category and model."""
    if not isinstance(doc, dict) or "full" not in doc:
        raise ValueError(f"{where}: expected a JSON object of categories with a 'full' category")
    rows = []
    for category, models in doc.items():
        if not isinstance(models, dict):
            raise ValueError(f"{where}: category {category!r} is not an object of models")
        for model, entry in models.items():
            values = []
            for key in ("rating", "rating_q025", "rating_q975"):
                value = entry.get(key) if isinstance(entry, dict) else None
                if isinstance(value, bool) or not isinstance(value, int | float) or pd.isna(value):
                    raise ValueError(f"{where}: category {category!r}, model {model!r}: {key} is {value!r}")
                values.append(float(value))
            rating, lower, upper = values
            if not lower <= rating <= upper:
                raise ValueError(
                    f"{where}: category {category!r}, model {model!r}: rating {rating} outside its "
                    f"interval [{lower}, {upper}]"
                )
            rows.append((category, model, rating, lower, upper))
    return pd.DataFrame(rows, columns=["category", "model", "rating", "ci_lower", "ci_upper"])


def pick_versions(versions: pd.DataFrame) -> pd.DataFrame:
    """One version per (file, date) out of `versions` (file, date, commit, full_models, categories):
    the most models in `full`, then the most categories, then the highest commit id (only to be
    deterministic); with `versions_on_date`, how many versions that file had that day."""
    ranked = versions.sort_values(
        ["file", "date", "full_models", "categories", "commit"], ascending=[True, True, False, False, False]
    )
    counts = versions.groupby(["file", "date"]).size().rename("versions_on_date")
    kept = ranked.groupby(["file", "date"], sort=True).head(1)
    return kept.merge(counts.reset_index(), on=["file", "date"]).reset_index(drop=True)


def arena_name(file: str, category: str) -> str | None:
    """The table's arena for a file's category; None for a category the table does not keep
    (coding, math, hard prompts, ...: neither the overall leaderboard nor a language)."""
    if category == "full":
        return ARENA_OF_FULL[file]
    if category in LANGUAGES:
        return category + (STYLE_SUFFIX if file == STYLE_CONTROL else "")
    return None


def _curated() -> dict[str, dict[str, str]]:
    """arena_catalog_organizations.csv of the project root as it is at the call."""
    return curated_organizations(classify.classification_dir() / ORGANIZATIONS_FILE)


@functools.cache
def curated_organizations(path: Path) -> dict[str, dict[str, str]]:
    """arena_catalog_organizations.csv as {kind: {name_in_source: organization}}: a model the other
    sources do not attribute, or an organization string organizations.csv lacks; every target must be
    a name organizations.csv knows."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    expected = ["kind", "name_in_source", "organization", "note"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: columns must be {expected}, got {list(table.columns)}")
    out: dict[str, dict[str, str]] = {"model": {}, "organization": {}}
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if row.kind not in out:
            raise ValueError(f"{path}: row {line}: kind {row.kind!r} must be 'model' or 'organization'")
        if not row.name_in_source.strip():
            raise ValueError(f"{path}: row {line}: empty name_in_source")
        if row.name_in_source in out[row.kind]:
            raise ValueError(f"{path}: row {line}: {row.kind} {row.name_in_source!r} listed twice")
        try:
            classify.organization(row.organization)
        except classify.ClassificationError as exc:
            raise ValueError(f"{path}: row {line}: {exc}") from exc
        out[row.kind][row.name_in_source] = row.organization
    return out


def scatterplot_organizations(docs: list[tuple[str, object]]) -> dict[str, str]:
    """Model (model_api_name, the leaderboard's key) → organization as scatterplot-data writes it, from
    (where, doc) pairs oldest first: a newer file's value wins."""
    out = {}
    for where, doc in docs:
        if not isinstance(doc, list):
            raise ValueError(f"{where}: expected a JSON list of models")
        for i, entry in enumerate(doc):
            if (
                not isinstance(entry, dict)
                or not entry.get("model_api_name")
                or not entry.get("organization")
            ):
                raise ValueError(f"{where}: entry {i}: needs model_api_name and organization")
            out[str(entry["model_api_name"])] = str(entry["organization"])
    return out


def _organization_of_text(text: str) -> tuple[str, str] | None:
    """(organization, country) of an organization string: organizations.csv, else a curated alias."""
    lead = classify.lead_organization(text)
    try:
        return classify.organization(lead)
    except classify.ClassificationError:
        alias = _curated()["organization"].get(lead)
        return classify.organization(alias) if alias else None


def attribute(models: list[str], scatterplot: dict[str, str]) -> pd.DataFrame:
    """Each model's organization, bloc and where the organization comes from: the model crosswalk
    (LMArena names in model_aliases.csv, or the model id itself), else a model row of
    arena_catalog_organizations.csv, else scatterplot-data's organization through organizations.csv
    (or an organization row of the curated file). A model none of them attributes is an error naming it."""
    walk = classify.crosswalk()
    curated = _curated()["model"]
    rows, missing = [], []
    for model in sorted(set(models)):
        model_id = (
            classify.model_id("lmarena", model)
            or classify.model_id("lmarena_elo_history", model)
            or (model if model in walk.index else None)
        )
        if model_id is not None:
            rows.append((model, walk.at[model_id, "developer"], walk.at[model_id, "bloc"], FROM_CROSSWALK))
            continue
        if model in curated:
            organization, country = classify.organization(curated[model])
            rows.append((model, organization, classify.bloc_of_country(country), FROM_CURATED))
            continue
        found = _organization_of_text(scatterplot[model]) if model in scatterplot else None
        if found is None:
            missing.append(f"{model} ({scatterplot[model]!r})" if model in scatterplot else model)
            continue
        rows.append((model, found[0], classify.bloc_of_country(found[1]), FROM_SCATTERPLOT))
    if missing:
        raise ValueError(
            f"{SOURCE}: {len(missing)} model(s) with no organization (not in model_aliases.csv, "
            f"{ORGANIZATIONS_FILE} or scatterplot-data with an organization organizations.csv knows): "
            f"{', '.join(missing)}; add a row to data/raw/classification/{ORGANIZATIONS_FILE}"
        )
    return pd.DataFrame(rows, columns=["model", "organization", "bloc", "organization_from"])


def best_by_bloc(ratings: pd.DataFrame, who: pd.DataFrame) -> pd.DataFrame:
    """The highest-rated model of each bloc per (date, arena), with its interval, how many models the
    arena rated that day (models_ranked) and how many of them were the bloc's (bloc_models_ranked)."""
    rows = ratings.merge(who, on="model", how="left", validate="many_to_one")
    if rows["bloc"].isna().any():
        raise ValueError(f"{SOURCE}: models without a bloc: {sorted(rows.loc[rows['bloc'].isna(), 'model'])}")
    by_arena = ["date", "arena"]
    rows["models_ranked"] = rows.groupby(by_arena)["model"].transform("size")
    rows["bloc_models_ranked"] = rows.groupby([*by_arena, "bloc"])["model"].transform("size")
    ranked = rows.sort_values(
        [*by_arena, "bloc", "rating", "model"], ascending=[True, True, True, False, True]
    )
    best = ranked.groupby([*by_arena, "bloc"], sort=True).head(1).copy()
    for name in ("rating", "ci_lower", "ci_upper"):
        best[name] = best[name].round(2)
    columns = [
        "date",
        "arena",
        "leaderboard",
        "category",
        "bloc",
        "model",
        "organization",
        "organization_from",
        "rating",
        "ci_lower",
        "ci_upper",
        "models_ranked",
        "bloc_models_ranked",
        "version",
        "versions_on_date",
    ]
    return best[columns].reset_index(drop=True)


def catalog_ratings(snaps) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every kept (file, date) version's ratings in the table's arenas, and scatterplot-data's
    organizations, from the source's snapshots."""
    versions, docs, scatter = [], {}, []
    for snap in sorted(snaps, key=lambda s: (s.date, s.path.name)):
        board, date, commit = parse_name(Path(snap.path).name, snap.date)
        doc = _io.read_json(snap)
        where = f"{SOURCE} {Path(snap.path).name}"
        if board == SCATTERPLOT:
            scatter.append((where, doc))
            continue
        rows = leaderboard_rows(doc, where)
        docs[(board, date, commit)] = rows
        versions.append(
            {
                "file": board,
                "date": date,
                "commit": commit,
                "full_models": int((rows["category"] == "full").sum()),
                "categories": rows["category"].nunique(),
            }
        )
    if not versions:
        raise FileNotFoundError(f"no leaderboard file among the snapshots of {SOURCE}")
    frames = []
    for kept in pick_versions(pd.DataFrame(versions)).itertuples(index=False):
        rows = docs[(kept.file, kept.date, kept.commit)]
        arenas = [arena_name(kept.file, c) for c in rows["category"]]
        rows = rows.assign(arena=arenas).dropna(subset=["arena"])
        frames.append(
            rows.assign(
                date=kept.date,
                leaderboard=ARENA_OF_FULL[kept.file],
                version=kept.commit,
                versions_on_date=kept.versions_on_date,
            )
        )
    return pd.concat(frames, ignore_index=True), scatterplot_organizations(scatter)


def _best_by_bloc(inputs) -> pd.DataFrame:
    """Every version of LMArena's leaderboard-text and leaderboard-text-style-control present (one
    per file and commit day: the one rating the most models in `full`); the overall (`full`) and
    language categories; each model's organization from the model crosswalk, else
    arena_catalog_organizations.csv, else scatterplot-data (→ organizations.csv → bloc); the
    highest-rated model of each bloc per date and arena with LMArena's own 95% interval."""
    ratings, scatterplot = catalog_ratings(inputs[SOURCE])
    return best_by_bloc(ratings, attribute(ratings["model"].unique().tolist(), scatterplot))


ARENAS = [
    *ARENA_OF_FULL.values(),
    *LANGUAGES,
    *(language + STYLE_SUFFIX for language in LANGUAGES),
]
TABLES = (
    TableSpec(
        name="lmarena_catalog_best_by_bloc",
        title="Best LMArena rating by bloc with its 95% interval, per arena",
        description="The highest-rated model of each bloc in LMArena's text arena (raw and style-controlled) "
        "and its language arenas, per leaderboard version, with the 95% interval LMArena publishes "
        "(aggregates only: the source states no licence).",
        sources=(SOURCE,),
        compute=_best_by_bloc,
        key=("date", "arena", "bloc"),
        units={
            "date": "commit day of the leaderboard file in github.com/lmarena/arena-catalog (not "
            "necessarily LMArena's publication day)",
            "arena": "text, text-style-control, a language (chinese, english, ...) or a language with "
            "-style-control",
            "leaderboard": "text (raw ratings) or text-style-control (ratings controlled for answer "
            "length and formatting)",
            "category": "the leaderboard file's category: full (overall) or a language",
            "model": "LMArena's model key",
            "organization_from": "where the organization comes from: model_crosswalk, "
            "arena_catalog_organizations (curated) or scatterplot-data",
            "rating": "arena rating (Elo-style, Bradley-Terry)",
            "ci_lower": "lower bound of the rating's 95% interval as LMArena publishes it (rating_q025)",
            "ci_upper": "upper bound of the rating's 95% interval as LMArena publishes it (rating_q975)",
            "models_ranked": "models the arena rated at that version (all blocs)",
            "bloc_models_ranked": "models of the bloc the arena rated at that version",
            "version": "commit id of the leaderboard file kept for that day",
            "versions_on_date": "versions of the file committed that day (the one rating most models is kept)",
        },
        date_column="date",
        method="One version per file and commit day (the most models in `full`; then most categories, "
        "then commit id); categories full and languages; organization from the model crosswalk, else "
        "arena_catalog_organizations.csv, else scatterplot-data; best rating per bloc. No vote counts: "
        "the files publish none.",
        schema=pa.DataFrameSchema(
            {
                "date": column(str, pa.Check.str_matches(DATE)),
                "arena": column(str, pa.Check.isin(ARENAS)),
                "leaderboard": column(str, pa.Check.isin(list(ARENA_OF_FULL.values()))),
                "category": column(str, pa.Check.isin(["full", *LANGUAGES])),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "model": column(str),
                "organization": column(str),
                "organization_from": column(
                    str, pa.Check.isin([FROM_CROSSWALK, FROM_CURATED, FROM_SCATTERPLOT])
                ),
                "rating": column(float, pa.Check.in_range(500, 2500)),
                "ci_lower": column(float, pa.Check.in_range(400, 2600)),
                "ci_upper": column(float, pa.Check.in_range(400, 2600)),
                "models_ranked": column(int, pa.Check.gt(0)),
                "bloc_models_ranked": column(int, pa.Check.gt(0)),
                "version": column(str, pa.Check.str_matches(r"^([0-9a-f]+|download)$")),
                "versions_on_date": column(int, pa.Check.gt(0)),
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: (df["ci_lower"] <= df["rating"]) & (df["rating"] <= df["ci_upper"]),
                    error="ci_lower <= rating <= ci_upper",
                ),
                pa.Check(
                    lambda df: df["bloc_models_ranked"] <= df["models_ranked"],
                    error="bloc_models_ranked <= models_ranked",
                ),
            ],
        ),
    ),
)
