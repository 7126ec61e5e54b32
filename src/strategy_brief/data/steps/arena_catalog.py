"""(being written) Processed tables of the arena_catalog family."""

from __future__ import annotations

TABLES: tuple = ()
