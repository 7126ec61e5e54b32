"""The scenario section's annex: every assumption with its value, range, basis and rationale, and (Global)
the region-specific inputs, as record.show_table arguments."""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief.analysis import scenario as model
from strategy_brief.data import provenance
from strategy_brief.report.narrative import scenario as story


def intro(o: model.Outlook) -> str:
    """The annex's opening paragraph."""
    return (
        f"Every input of the scenario model: its central value and the range the {o.draws:,} draws sample "
        "from, the facts or processed table it rests on (a judgement where none measures it) and why. A data "
        f"gap marks an assumption no fact measures. {model.LABEL}."
    )


def assumptions_table(o: model.Outlook, notes: story.Sources) -> dict:
    """The assumptions annex (all regions' rows; a region's own rows too), as record.show_table arguments."""
    table = o.table
    local = table[table["region"] == "all"] if o.is_global else table[table["region"].isin(["all", o.region])]
    readable = local.assign(
        name=[story.label(p) for p in local["parameter"]],
        shown=[
            story.assumption_value(r.parameter, r.value, r.low, r.high)
            + (
                f"; changed by the scenario: {r.scenario_change.split(': ', 1)[1]}"
                if r.scenario_change
                else ""
            )
            for r in local.itertuples()
        ],
        basis=local["source"].str.replace("; ", ", "),
        gap=np.where(local["data_gap"], "yes", ""),
    )
    return {
        "frame": readable,
        "caption": f"{table.attrs['title']} "
        + ("Region-specific inputs are in the next table." if o.is_global else f"Region: {o.region}."),
        "source_note": notes.full,
        "columns": {
            "name": "Assumption",
            "shown": "Central (range)",
            "unit": "Unit",
            "basis": "Source",
            "note": "Rationale",
            "gap": "Data gap",
        },
        "widths": ["15%", "12%", "13%", "12%", "42%", "6%"],
        "compact": True,
    }


def regional_table(o: model.Outlook, notes: story.Sources) -> dict:
    """Global's second annex table: every region's derived inputs and what each rests on."""
    regional = o.assumptions[o.assumptions["region"] != ""].rename(columns={"name": "parameter"})
    every = o.assumptions[o.assumptions["region"] == ""].set_index("name")
    wide = pd.DataFrame({"region": o.regions})
    for parameter, group in regional.groupby("parameter", sort=False):
        # A parameter only some regions have their own row of: the others read the all-regions row.
        fallback = every.loc[parameter] if parameter in every.index else None
        group = group.set_index("region").reindex(o.regions)
        own = group["value"].notna()
        if fallback is not None:
            for column in ("value", "low", "high"):
                group[column] = group[column].fillna(fallback[column])
        group = group.reset_index()
        basis = [
            "global figure: no figure of the region's own (data gap)"
            if not has_own
            else "no country of the region surveyed: survey-wide figure (data gap)"
            if gap and parameter == "trust_in_ai"
            else f"{detail} (data gap)"
            if gap
            else str(detail).removeprefix("providers: ")
            for detail, gap, has_own in zip(group["detail"], group["data_gap"], own, strict=True)
        ]
        wide[parameter] = [
            f"{story.assumption_value(parameter, r.value, r.low, r.high)}: {b}"
            for r, b in zip(group.itertuples(), basis, strict=True)
        ]
    units = regional.drop_duplicates("parameter").set_index("parameter")["unit"]
    tables = [t for t in notes.tables if regional["source"].str.contains(t, regex=False).any()]
    curated = notes.curated[notes.curated["fact_id"].isin(model.facts_behind(regional))]
    return {
        "frame": wide,
        "caption": f"Region-specific inputs, scenario {o.scenario}: central value (range) and what it rests "
        f"on. {model.LABEL}.",
        "source_note": f"{notes.model} " + provenance.source_note(tables, facts=curated),
        "columns": {"region": "Region"}
        | {c: f"{story.label(c)} ({units[c]})" for c in wide.columns if c != "region"},
        "widths": ["16%"] + [f"{84 // (len(wide.columns) - 1)}%"] * (len(wide.columns) - 1),
        "compact": True,
    }
