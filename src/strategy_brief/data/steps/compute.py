"""(being written) Processed tables of the compute family."""

from __future__ import annotations

TABLES: tuple = ()
