"""The private MIME types a notebook's outputs carry for the build: key figures (collected into the
manifest), figure and table records. Apart from `record`, which writes them, so that the build reads
them without importing pandas and matplotlib."""

from __future__ import annotations

KEY_FIGURE_MIME = "application/vnd.strategy-brief.key-figure+json"
FIGURE_MIME = "application/vnd.strategy-brief.figure+json"
TABLE_MIME = "application/vnd.strategy-brief.table+json"
