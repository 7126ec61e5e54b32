"""(being written) Processed tables of the adoption family."""

from __future__ import annotations

TABLES: tuple = ()
