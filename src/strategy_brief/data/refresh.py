"""`strategy-brief data refresh` and `data check`: snapshots in, validated processed tables out."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from strategy_brief import config
from strategy_brief.data import processed, schemas, snapshot, sources
from strategy_brief.data.steps import TABLES


@dataclass
class RefreshReport:
    added: list[snapshot.Snapshot]
    tables: dict[str, int]


def compute_tables(
    roots: list[Path], registry: dict[str, sources.Source], processed_dir: Path | None = None
) -> dict[str, tuple[pd.DataFrame, dict]]:
    """Every processed table from the snapshots under `roots`, validated; nothing is written.

    A table whose sources have no snapshot here (a fresh checkout refreshing one source) is
    carried over from `processed_dir` (default: the project's) as committed, re-validated."""
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
    out = {}
    for spec in TABLES:
        if spec.derived_from:
            continue
        inputs = {name: snapshot.present(registry[name], roots) for name in spec.sources}
        if not all(inputs.values()):
            missing = [n for n, snaps in inputs.items() if not snaps]
            if not (processed_dir / f"{spec.name}.csv").exists():
                raise RuntimeError(
                    f"processing {spec.name}: no snapshot of {', '.join(missing)} and no committed table; "
                    f"run `strategy-brief data refresh --source {missing[0]}`"
                )
            problems = table_problems(spec, processed_dir / f"{spec.name}.csv")
            if problems:
                raise schemas.ValidationError("\n".join(problems))
            out[spec.name] = processed.carried(spec.name, processed_dir)
            continue
        used = {
            name: snaps if registry[name].history == "all" else snapshot.newest_per_file(snaps)
            for name, snaps in inputs.items()
        }
        try:
            frame = processed.tidy(spec.compute(inputs), spec.key)
        except Exception as exc:
            raise RuntimeError(f"processing {spec.name} from {', '.join(spec.sources)}: {exc}") from exc
        if frame.empty:  # the briefs would read a header-only table
            raise RuntimeError(f"processing {spec.name} from {', '.join(spec.sources)}: no rows")
        frame = schemas.validate(spec.name, frame, f"{spec.name} (computed)")
        out[spec.name] = (frame, processed.metadata(spec, frame, used, registry))
    for spec in TABLES:
        if spec.derived_from:
            out[spec.name] = _derived(spec, out, registry)
    return out


def _derived(spec, computed: dict[str, tuple], registry) -> tuple[pd.DataFrame, dict]:
    """A table computed from other processed tables, each read back from its CSV bytes exactly as the
    briefs read it (so a carried table and a freshly computed one give the same result); its metadata
    names the snapshots its inputs were computed from."""
    frames, used = {}, {}
    for name in spec.derived_from:
        if name not in computed:
            raise RuntimeError(f"processing {spec.name}: input table {name} is not computed before it")
        table, meta = computed[name]
        data = table if isinstance(table, bytes) else table.to_csv(index=False, lineterminator="\n").encode()
        frames[name] = pd.read_csv(io.BytesIO(data), keep_default_na=False, na_values=[""])
        meta = meta if isinstance(meta, dict) else yaml.safe_load(meta)
        for source in meta.get("sources", []):
            used.setdefault(source["name"], [])
            used[source["name"]] += [s for s in source["snapshots"] if s not in used[source["name"]]]
    try:
        frame = processed.tidy(spec.compute(frames), spec.key)
    except Exception as exc:
        raise RuntimeError(f"processing {spec.name} from {', '.join(spec.derived_from)}: {exc}") from exc
    if frame.empty:
        raise RuntimeError(f"processing {spec.name} from {', '.join(spec.derived_from)}: no rows")
    frame = schemas.validate(spec.name, frame, f"{spec.name} (computed)")
    meta = processed.metadata(spec, frame, {}, registry)
    meta["derived_from"] = list(spec.derived_from)
    for entry in meta["sources"]:
        entry["snapshots"] = used.get(entry["name"], [])
    return frame, meta


def refresh(
    names: list[str] | None = None,
    *,
    mirror: Path | None = None,
    external_dir: Path | None = None,
    processed_dir: Path | None = None,
    today: dt.date | None = None,
    allow_shrink: bool = False,
    **download_options,
) -> RefreshReport:
    """Fetch the named sources (default all), rebuild every processed table, then keep both.
    On any error nothing in data/external or data/processed changes. A file that lost more of its
    rows than its source allows (`max_shrink`) is refused unless `allow_shrink`."""
    external_dir = external_dir or config.external_dir()
    processed_dir = processed_dir or config.processed_dir()
    registry = {s.name: s for s in sources.load_all()}
    selected = [sources.load(n) for n in names] if names else list(registry.values())
    staging = snapshot.Staging(external_dir)
    try:
        for source in selected:
            snapshot.acquire(
                source, staging, mirror=mirror, today=today, allow_shrink=allow_shrink, **download_options
            )
        tables = compute_tables([external_dir, staging.root], registry, processed_dir)
        processed.write_all(tables, processed_dir)
        added = list(staging.added)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return RefreshReport(added, {name: processed.row_count(frame) for name, (frame, _) in tables.items()})


REBUILD = "fix it or rebuild it with `strategy-brief data refresh`"


def read_table(path: Path) -> pd.DataFrame:
    """A processed table read exactly as the briefs read it (`processed.read`); a file that is not
    a well-formed UTF-8 CSV raises ValidationError with one line naming it."""

    def unreadable(reason: str) -> schemas.ValidationError:
        return schemas.ValidationError(f"{path}: {reason}; {REBUILD}")

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise unreadable("empty file, not even a header")
    if b"\0" in data:
        raise unreadable("binary data (NUL bytes), not a CSV")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise unreadable(f"not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from exc
    # pandas pads a short row with empty cells without a word: count the fields of every line.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        width = len(next(reader))
        for record in reader:
            if record and len(record) != width:
                raise unreadable(f"line {reader.line_num} has {len(record)} fields, the header has {width}")
    except csv.Error as exc:
        raise unreadable(f"malformed CSV at line {reader.line_num} ({exc})") from exc
    try:
        return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise unreadable(f"malformed CSV ({str(exc).strip().splitlines()[-1]})") from exc


def table_problems(spec, path: Path) -> list[str]:
    """Problems of one processed table: unreadable, no rows, a duplicated key, or a schema rule."""
    try:
        schemas.validate_processed(spec.name, read_table(path), path, spec.key)
    except schemas.ValidationError as exc:
        first, *details = str(exc).split("\n")
        return ["\n".join([first if REBUILD in first else f"{first}; {REBUILD}", *details])]
    return []


def validate_for_build(root: Path) -> list[str]:
    """Every processed table under `root`/data/processed that the steps define, checked before
    any kernel starts (about 0.2 s for the committed tables); the problems found, if any."""
    processed_dir = Path(root) / "data" / "processed"
    problems = []
    for spec in TABLES:
        path = processed_dir / f"{spec.name}.csv"
        if path.exists():
            problems.extend(table_problems(spec, path))
    return problems


def check(processed_dir: Path | None = None) -> list[str]:
    """Validate every committed processed table and raw input; return the problems found."""
    processed_dir = processed_dir or config.processed_dir()
    problems = []
    for spec in TABLES:
        path = processed_dir / f"{spec.name}.csv"
        if not path.exists():
            problems.append(f"{path}: missing; rebuild it with `strategy-brief data refresh`")
            continue
        problems.extend(table_problems(spec, path))
        if not (processed_dir / f"{spec.name}.meta.yml").exists():
            problems.append(f"{processed_dir / spec.name}.meta.yml: missing metadata")
    problems.extend(check_raw())
    return problems


def _check_citations() -> None:
    """Every fact id the claims ledger cites resolves to exactly one curated row."""
    from strategy_brief.curated import claims

    cited = claims.citations(claims.load(), claims.evidence_sources())
    broken = cited[~cited["resolves"]]
    if not broken.empty:
        listed = ", ".join(f"{r.claim_id} cites {r.fact_id}" for r in broken.head(10).itertuples())
        raise LookupError(f"{len(broken)} cited fact id(s) do not resolve to one curated row: {listed}")


def check_raw() -> list[str]:
    """Load (and so validate) every curated input; return the problems found."""
    from strategy_brief.curated import claims, classify, facts, policy, text_facts
    from strategy_brief.data.steps import adoption, arena_catalog

    checks = {
        "facts": facts.load,
        "text facts": text_facts.load,
        "policy events": policy.load,
        "claims": claims.load,
        "claims exclusions": claims.load_excluded,
        "claims' citations": _check_citations,
        "source registry": sources.load_all,
        "model crosswalk": classify.crosswalk,
        "AI diffusion pools": adoption.load_pools,
        "OpenRouter developers": adoption.load_developers,
        "arena catalog organizations": arena_catalog._curated,
    }
    problems = []
    for relative in schemas.CURATED:
        path = config.raw_dir() / relative
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            schemas.validate_curated(relative, frame, path)
        except schemas.ValidationError as exc:
            problems.append(str(exc))
        except (ValueError, OSError) as exc:  # unreadable: binary, wrong encoding, ragged
            problems.append(f"{path}: cannot be read as CSV ({str(exc).strip().splitlines()[-1]})")
    for what, load in checks.items():
        try:
            load()
        except (ValueError, LookupError, OSError) as exc:
            problems.append(f"{what}: {exc}")
    return problems
