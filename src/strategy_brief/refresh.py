"""`strategy-brief data refresh` and `data check`: snapshots in, validated processed tables out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import config, processed, schemas, snapshot, sources
from .steps import TABLES


@dataclass
class RefreshReport:
    added: list[snapshot.Snapshot]
    tables: dict[str, int]


def compute_tables(
    roots: list[Path], registry: dict[str, sources.Source], processed_dir: Path = config.PROCESSED_DIR
) -> dict[str, tuple[pd.DataFrame, dict]]:
    """Every processed table from the snapshots under `roots`, validated; nothing is written.

    A table whose sources have no snapshot here (a fresh checkout refreshing one source) is
    carried over from `processed_dir` as committed, re-validated."""
    out = {}
    for spec in TABLES:
        inputs = {name: snapshot.present(registry[name], roots) for name in spec.sources}
        if not all(inputs.values()):
            missing = [n for n, snaps in inputs.items() if not snaps]
            if not (processed_dir / f"{spec.name}.csv").exists():
                raise RuntimeError(
                    f"processing {spec.name}: no snapshot of {', '.join(missing)} and no committed table; "
                    f"run `strategy-brief data refresh --source {missing[0]}`"
                )
            schemas.validate(spec.name, processed.read(spec.name, processed_dir), spec.name)
            out[spec.name] = processed.carried(spec.name, processed_dir)
            continue
        used = {
            name: snaps if registry[name].history == "all" else snaps[-1:] for name, snaps in inputs.items()
        }
        try:
            frame = processed.tidy(spec.compute(inputs), spec.key)
        except Exception as exc:
            raise RuntimeError(f"processing {spec.name} from {', '.join(spec.sources)}: {exc}") from exc
        frame = schemas.validate(spec.name, frame, f"{spec.name} (computed)")
        out[spec.name] = (frame, processed.metadata(spec, frame, used, registry))
    return out


def refresh(
    names: list[str] | None = None,
    *,
    mirror: Path | None = None,
    external_dir: Path = config.EXTERNAL_DIR,
    processed_dir: Path = config.PROCESSED_DIR,
    today: dt.date | None = None,
    **download_options,
) -> RefreshReport:
    """Fetch the named sources (default all), rebuild every processed table, then keep both.
    On any error nothing in data/external or data/processed changes."""
    registry = {s.name: s for s in sources.load_all()}
    selected = [sources.load(n) for n in names] if names else list(registry.values())
    staging = snapshot.Staging(external_dir)
    try:
        for source in selected:
            snapshot.acquire(source, staging, mirror=mirror, today=today, **download_options)
        tables = compute_tables([external_dir, staging.root], registry, processed_dir)
        processed.write_all(tables, processed_dir)
        added = list(staging.added)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return RefreshReport(added, {name: processed.row_count(frame) for name, (frame, _) in tables.items()})


def check(processed_dir: Path = config.PROCESSED_DIR) -> list[str]:
    """Validate every committed processed table and raw input; return the problems found."""
    problems = []
    for spec in TABLES:
        path = processed_dir / f"{spec.name}.csv"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        try:
            schemas.validate(spec.name, processed.read(spec.name, processed_dir), path)
        except schemas.ValidationError as exc:
            problems.append(str(exc))
        if not (processed_dir / f"{spec.name}.meta.yml").exists():
            problems.append(f"{processed_dir / spec.name}.meta.yml: missing metadata")
    problems.extend(check_raw())
    return problems


def check_raw() -> list[str]:
    """Load (and so validate) every curated input; return the problems found."""
    from . import claims, classify, facts

    checks = {
        "facts": facts.load,
        "claims": claims.load,
        "claims exclusions": claims.load_excluded,
        "source registry": sources.load_all,
        "model crosswalk": classify.crosswalk,
    }
    problems = []
    for relative in schemas.CURATED:
        path = config.RAW_DIR / relative
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            schemas.validate_curated(relative, frame, path)
        except (schemas.ValidationError, OSError) as exc:
            problems.append(str(exc))
    for what, load in checks.items():
        try:
            load()
        except (ValueError, LookupError, OSError) as exc:
            problems.append(f"{what}: {exc}")
    return problems
