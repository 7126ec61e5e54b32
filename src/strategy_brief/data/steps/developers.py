"""(being written) Processed tables of the developers family."""

from __future__ import annotations

TABLES: tuple = ()
