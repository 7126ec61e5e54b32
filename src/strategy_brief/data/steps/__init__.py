"""Processing steps: snapshots → tidy processed tables. Each module owns one family of tables."""

from __future__ import annotations

from strategy_brief.data.steps import (
    adoption,
    arena_catalog,
    catalogue,
    cloud,
    compute,
    countries,
    developers,
    ecosystems,
    hardware,
    leaderboards,
    models,
    prices,
    trust,
)
from strategy_brief.data.table import TableSpec

TABLES: tuple[TableSpec, ...] = (
    *models.TABLES,
    *leaderboards.TABLES,
    *prices.TABLES,
    *ecosystems.TABLES,
    *cloud.TABLES,
    *hardware.TABLES,
    *adoption.TABLES,
    *arena_catalog.TABLES,
    *compute.TABLES,
    *developers.TABLES,
    *trust.TABLES,
    *catalogue.TABLES,
    *countries.TABLES,  # derived from the tables above: last
)
