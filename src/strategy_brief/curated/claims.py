"""Claims ledger (data/raw/claims.csv): the seed articles' checkable claims, their evidence and verdicts.

Every fact id a claim cites resolves to exactly one row of the curated facts: data/raw/facts.csv (figures),
data/raw/text_facts.csv (licences, dates, events) or data/raw/facts_not_found.csv (figures searched for and
not found); `citations` lists where each resolves. A claim whose verdict the report computes names its
check in `computed_by` (COMPUTED_CHECKS); its verdict in the file is the curated fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from strategy_brief import config

COLUMNS = [
    "claim_id",
    "seed_file",
    "quote",
    "claim_type",
    "indicator",
    "evidence_facts",
    "evidence_tables",
    "verdict",
    "reason",
    "computed_by",
]
EXCLUDED_COLUMNS = ["seed_file", "quote", "reason"]

CLAIM_TYPES = ("quantitative", "qualitative")
INDICATORS = (
    "openness",
    "adoption",
    "capability_gap",
    "cost",
    "infrastructure",
    "trust",
    "investment",
    "chips",
    "embodied_ai",
    "governance",
    "policy",
    "other",
)
VERDICTS = (
    "supported",
    "partly supported",
    "held then, not current",  # true when made, overtaken since (a dated claim)
    "contested",  # the evidence points both ways, or the claim's own figures do not measure what it says
    "contradicted by evidence",  # sourced evidence says otherwise: a claim that does not hold
    "no source found",  # searched for and not found: not evidence against the claim
    "cannot be checked",  # no fact or table covers it
)
# Verdicts the report computes from a section's numbers (the row's verdict is the fallback).
COMPUTED_CHECKS = ("cost_parity",)
# Wording that defers a check to later: a published reason states what the evidence shows, or says what
# it cannot show.
_DEFERRED = re.compile(
    r"\bwill (?:re)?(?:check|size|quantify|measure|show|map|test|compare)\b|\bto be (?:quantified|checked)\b",
    re.IGNORECASE,
)
# The processed tables a claim can point to (computed elsewhere in the project).
TABLES = (
    "models_by_bloc_year_accessibility",
    "eci_by_model",
    "lmarena_best_by_bloc",
    "lmarena_best_by_licence",
    "api_prices",
    "derivatives_by_family",
    "cloud_regions_by_origin_country",
    "hardware_by_maker",
)

_CLAIM_ID = re.compile(r"C\d{3,}")
_FACT_ID = re.compile(r"F\d{3}[a-z]?")


class ClaimsError(ValueError):
    """A claims ledger (or exclusions list) that is malformed."""


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "computed_by" in columns and "computed_by" not in table.columns:
        table["computed_by"] = ""  # optional: most claims are judged by hand
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ClaimsError(f"{path.name}: missing column(s) {', '.join(missing)}")
    return table


def _ids(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _row_problem(row: pd.Series) -> tuple[str, str] | None:
    """The first (column, problem) wrong with one ledger row, or None."""
    if not _CLAIM_ID.fullmatch(row["claim_id"]):
        return "claim_id", f"expected an id like C001, got {row['claim_id']!r}"
    for column in ("seed_file", "quote", "reason"):
        if not row[column].strip():
            return column, "must not be empty"
    for column, allowed in (("claim_type", CLAIM_TYPES), ("indicator", INDICATORS), ("verdict", VERDICTS)):
        if row[column] not in allowed:
            return column, f"{row[column]!r} is not one of: {' | '.join(allowed)}"
    if match := _DEFERRED.search(row["reason"]):
        return "reason", f"defers a check ({match.group(0)!r}): say what the evidence shows or cannot show"
    if row["computed_by"] and row["computed_by"] not in COMPUTED_CHECKS:
        return "computed_by", f"{row['computed_by']!r} is not one of: {' | '.join(COMPUTED_CHECKS)}"
    for fact in _ids(row["evidence_facts"]):
        if not _FACT_ID.fullmatch(fact):
            return "evidence_facts", f"expected fact ids like F092 or F136a, got {fact!r}"
    for name in _ids(row["evidence_tables"]):
        if name not in TABLES:
            return "evidence_tables", f"unknown table {name!r}"
    return None


def load(path: Path | None = None) -> pd.DataFrame:
    """Read the claims ledger and validate it; errors name the file, row (file line) and column."""
    path = Path(path) if path else config.raw_dir() / "claims.csv"
    table = _read(path, COLUMNS)
    first_seen: dict[str, int] = {}
    for index, row in table.iterrows():
        line = index + 2  # the header is line 1
        claim_id = row["claim_id"]
        problem = _row_problem(row)
        if problem is None and claim_id in first_seen:
            problem = "claim_id", f"duplicate id {claim_id} (first on row {first_seen[claim_id]})"
        if problem:
            column, message = problem
            raise ClaimsError(f"{path.name} row {line}, column {column}: {message}")
        first_seen[claim_id] = line
    return table


def citations(claims: pd.DataFrame, sources: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (claim, cited fact id): `found_in` names the sources (name → table with a fact_id
    column) that hold the id, ';'-joined; `resolves` is True when exactly one row of one source holds it.
    An id found nowhere, or only as the prefix of split rows (F136 when only F136a, F136b exist), does not
    resolve; `split_rows` lists such split rows."""
    rows = []
    for claim in claims.itertuples():
        for fact in _ids(claim.evidence_facts):
            hits = [name for name, table in sources.items() for other in table["fact_id"] if other == fact]
            split = sorted(
                other
                for table in sources.values()
                for other in table["fact_id"]
                if other != fact and other.startswith(fact) and other[len(fact) :].isalpha()
            )
            rows.append(
                {
                    "claim_id": claim.claim_id,
                    "fact_id": fact,
                    "found_in": ";".join(hits),
                    "resolves": len(hits) == 1,
                    "split_rows": ";".join(split),
                }
            )
    return pd.DataFrame(rows, columns=["claim_id", "fact_id", "found_in", "resolves", "split_rows"])


def evidence_sources(raw_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """The curated tables a cited fact id can resolve to, each loaded (and so validated) by its loader:
    figures (facts.csv), licences, dates and events (text_facts.csv), figures searched for and not
    found (facts_not_found.csv)."""
    from strategy_brief.curated import facts, text_facts

    raw = Path(raw_dir) if raw_dir else config.raw_dir()
    not_found = pd.read_csv(raw / "facts_not_found.csv", dtype=str, keep_default_na=False)
    return {
        "facts.csv": facts.load(raw / "facts.csv"),
        "text_facts.csv": text_facts.load(raw / "text_facts.csv"),
        "facts_not_found.csv": not_found,
    }


def load_excluded(path: Path | None = None) -> pd.DataFrame:
    """Read the numeral sentences excluded as page furniture; every field must be filled."""
    path = Path(path) if path else config.raw_dir() / "claims_excluded.csv"
    table = _read(path, EXCLUDED_COLUMNS)
    for index, row in table.iterrows():
        for column in EXCLUDED_COLUMNS:
            if not row[column].strip():
                raise ClaimsError(f"{path.name} row {index + 2}, column {column}: must not be empty")
    return table


_BULLET = re.compile(r"^\s*(?:[•·▪◦*\-–]\s+)+")
_FURNITURE = re.compile(r"^[\W_]+$")  # lines of pure punctuation such as a YAML '---'
_HARD_WRAP = re.compile(r"^[a-z0-9$€£¥%(]")
_SENTENCE_END = re.compile(r"[.!?…:\"”’')\]]$")
# A sentence ends at . ! or ? (plus any closing quote or bracket) followed by a space and a capital,
# digit or opening quote; abbreviations such as U.S. or e.g. are not ends.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[A-Z0-9\"“‘'(\[$])")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:e\.g|i\.e|vs|etc|Mr|Ms|Mrs|Dr|St|No|Inc|Co|Jr|Sr)\.)$")


def _paragraph_lines(text: str) -> list[str]:
    """Logical lines: bullets stripped, hard-wrapped continuation lines joined to their sentence."""
    lines: list[str] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or _FURNITURE.match(stripped):
            lines.append("")
            continue
        bullet = bool(_BULLET.match(raw))
        line = _BULLET.sub("", raw).strip()
        previous = lines[-1] if lines else ""
        if previous and not bullet and not _SENTENCE_END.search(previous) and _HARD_WRAP.match(line):
            lines[-1] = f"{previous} {line}"
        else:
            lines.append(line)
    return [line for line in lines if line]


def _sentences(line: str) -> list[str]:
    parts, start = [], 0
    for match in _BOUNDARY.finditer(line):
        head = line[start : match.start()]
        if _ABBREVIATION.search(head):
            continue
        parts.append(line[start : match.start(1) + len(match.group(1))])
        start = match.end()
    parts.append(line[start:])
    return [part.strip() for part in parts if part.strip()]


def numeral_sentences(text: str) -> list[str]:
    """Sentences (or bullet and furniture lines) of an article that contain a digit, in order."""
    return [s for line in _paragraph_lines(text) for s in _sentences(line) if re.search(r"\d", s)]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _overlaps(sentence: str, quotes: list[str]) -> bool:
    return any(q and (q in sentence or sentence in q) for q in quotes)


def uncovered(seeds_dir: Path, claims: pd.DataFrame, excluded: pd.DataFrame) -> list[tuple[str, str]]:
    """(seed_file, sentence) pairs with a numeral that no claim quote or exclusion of that seed overlaps."""
    missing = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        quotes = [
            _squash(q)
            for table in (claims, excluded)
            for q in table.loc[table["seed_file"] == path.name, "quote"]
        ]
        for sentence in numeral_sentences(path.read_text(encoding="utf-8")):
            if not _overlaps(_squash(sentence), quotes):
                missing.append((path.name, sentence))
    return missing


def verdict_counts(claims: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, in the vocabulary's order, zeros included."""
    counts = claims["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    counts.index.name = "verdict"
    return counts.rename("claims")
