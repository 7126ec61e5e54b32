"""(being written) Processed tables of the trust family."""

from __future__ import annotations

TABLES: tuple = ()
