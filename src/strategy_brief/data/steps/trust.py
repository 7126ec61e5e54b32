"""Confidence in AI by country from the UNDP HDR 2025 survey, as a third-party transcription gives it.

The only upstream file is a university course project's transcription of the survey's country aggregates,
not UNDP's own file: the table says so in its title, description and `survey` column, on every row. Its
question (how confident people are in AI systems) and population differ from Edelman's trust in AI
(data/raw/facts.csv), so the two never share a column or a scale.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import regions
from strategy_brief.data.steps import _io
from strategy_brief.data.table import TableSpec, column

SOURCE = "undp_ai_survey"
SURVEY = "UNDP HDR 2025 survey (third-party transcription)"
TRUST, FAMILIARITY, INTERACTION = "q18_trust_in_ai_systems", "q8_ai_familiarity", "q10_interaction_with_ai"
CONFIDENT = "confident"  # derived: very + somewhat confident
# The report the survey belongs to, as the dataset names it (Human Development Report 2025): the table's
# date for the as_of rule, since the transcription gives no fieldwork dates.
REPORT_YEAR = 2025

# The transcription's answer rows kept (its Question column, verbatim) → (question, measure). Every
# country must have every answer of a kept question; the other sections (age, education, ...) are left out.
ANSWERS = {
    "Q18. Trust in AI Systems: Very confident": (TRUST, "very_confident"),
    "Q18. Trust in AI Systems: Somewhat confident": (TRUST, "somewhat_confident"),
    "Q18. Trust in AI Systems: Not very confident": (TRUST, "not_very_confident"),
    "Q18. Trust in AI Systems: Not at all confident": (TRUST, "not_at_all_confident"),
    "Q8. AI Familiarity: A Lot": (FAMILIARITY, "familiarity_a_lot"),
    "Q8. AI Familiarity: Some": (FAMILIARITY, "familiarity_some"),
    "Q8. AI Familiarity: A Little": (FAMILIARITY, "familiarity_a_little"),
    "Q8. AI Familiarity: Nothing": (FAMILIARITY, "familiarity_nothing"),
    "Q8. AI Familiarity: Don't Know": (FAMILIARITY, "familiarity_dont_know"),
    "Q10. Interaction with AI: More than once a week": (INTERACTION, "interaction_more_than_weekly"),
    "Q10. Interaction with AI: Once a week": (INTERACTION, "interaction_weekly"),
    "Q10. Interaction with AI: Once a month or less": (INTERACTION, "interaction_monthly_or_less"),
    "Q10. Interaction with AI: Never": (INTERACTION, "interaction_never"),
}
# Measures computed from the answers: name → (question, the answers added up).
DERIVED = {CONFIDENT: (TRUST, ("very_confident", "somewhat_confident"))}
QUESTIONS = (TRUST, FAMILIARITY, INTERACTION)
MEASURES = (*(measure for _, measure in ANSWERS.values()), *DERIVED)
# A question's answers, each rounded to 0.01 points, add up to 100 give or take rounding; a larger gap
# means a mistyped or missing value.
TOLERANCE_PCT = 0.5
COLUMNS = [
    "iso3",
    "country",
    "world_region",
    "question",
    "measure",
    "share",
    "derived",
    "survey",
    "report_year",
]


def confidence_by_country(raw: pd.DataFrame, where: str = "UNDP survey transcription") -> pd.DataFrame:
    """One row per country and measure: the share of respondents giving each kept answer (a fraction),
    and `confident` = very + somewhat confident. Refuses, naming the file's row or the country: a value
    that is not a percentage from 0 to 100, a unit other than %, an ISO code that contradicts the country
    name, an answer given twice or missing, and a question whose answers do not add up to 100%."""
    missing = [c for c in ("Country ISO", "Country", "Question", "Value", "Unit") if c not in raw.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}")
    kept = raw[raw["Question"].isin(ANSWERS)]
    if kept.empty:
        raise ValueError(f"{where}: none of the questions {sorted({q for q, _ in ANSWERS.values()})}")
    rows = []
    for index, row in kept.iterrows():
        place = f"{where} row {index + 2} ({row['Country']}, {row['Question']!r})"  # header is row 1
        if row["Unit"].strip() != "%":
            raise ValueError(f"{place}, column Unit: expected %, got {row['Unit']!r}")
        try:
            value = float(row["Value"])
        except ValueError:
            raise ValueError(f"{place}, column Value: not a number: {row['Value']!r}") from None
        if not 0 <= value <= 100:
            raise ValueError(f"{place}, column Value: {value} is not a percentage from 0 to 100")
        question, measure = ANSWERS[row["Question"]]
        rows.append({"iso3": _iso3(row, place), "question": question, "measure": measure, "pct": value})
    answers = pd.DataFrame(rows)
    _check_complete(answers, where)
    _check_totals(answers, where)
    derived = [
        answers[answers["measure"].isin(parts)]
        .groupby("iso3", as_index=False)["pct"]
        .sum()
        .assign(question=question, measure=name)
        for name, (question, parts) in DERIVED.items()
    ]
    out = pd.concat(
        [answers.assign(derived=False), *(d.assign(derived=True) for d in derived)], ignore_index=True
    )
    out = out.assign(
        country=out["iso3"].map(regions.country_name),
        world_region=out["iso3"].map(regions.world_region),
        share=(out["pct"] / 100).round(6),
        survey=SURVEY,
        report_year=REPORT_YEAR,
    )
    unplaced = sorted(out.loc[out["world_region"].isna(), "iso3"].unique())
    if unplaced:
        raise ValueError(f"{where}: no reporting region for {unplaced} (regions.world_region)")
    return out.sort_values(["iso3", "measure"], kind="mergesort")[COLUMNS].reset_index(drop=True)


def _iso3(row: pd.Series, place: str) -> str:
    """The row's ISO 3166-1 alpha-3 code, refused when unknown or contradicted by its country name."""
    code = row["Country ISO"].strip()
    if regions.country_name(code) in (None, code):  # country_converter echoes an unknown code back
        raise ValueError(f"{place}, column Country ISO: {code!r} is not an ISO 3166-1 alpha-3 code")
    named = regions.iso3(row["Country"])
    if named is not None and named != code:
        raise ValueError(f"{place}, column Country ISO: {code} but the country name reads as {named}")
    return code


def _check_complete(answers: pd.DataFrame, where: str) -> None:
    """Every country answers every kept question in full, once."""
    twice = answers[answers.duplicated(["iso3", "measure"], keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        raise ValueError(f"{where}: {first['iso3']} gives {first['measure']} more than once")
    for iso3, given in answers.groupby("iso3"):
        for question in sorted(set(given["question"])):
            expected = {m for q, m in ANSWERS.values() if q == question}
            lacking = sorted(expected - set(given["measure"]))
            if lacking:
                raise ValueError(f"{where}: {iso3} ({question}) lacks the answer(s) {lacking}")
        absent = sorted(set(QUESTIONS) - set(given["question"]))
        if absent:
            raise ValueError(f"{where}: {iso3} lacks the question(s) {absent}")


def _check_totals(answers: pd.DataFrame, where: str) -> None:
    """A question's answers add up to 100% per country, give or take TOLERANCE_PCT of rounding."""
    totals = answers.groupby(["iso3", "question"])["pct"].sum().reset_index()
    off = totals[(totals["pct"] - 100).abs() > TOLERANCE_PCT]
    if not off.empty:
        listed = "; ".join(f"{r.iso3} {r.question}: {r.pct:.2f}%" for r in off.itertuples())
        raise ValueError(
            f"{where}: answers do not add up to 100% (tolerance {TOLERANCE_PCT} points) for {listed}"
        )


def _undp(inputs) -> pd.DataFrame:
    """UNDP HDR 2025 survey, country aggregates as a university course project transcribed them (not
    UNDP's own file; newest snapshot): the share of respondents per answer to Q18 (confidence in AI
    systems), Q8 (familiarity with AI) and Q10 (interaction with AI), percent divided by 100; `confident`
    is very + somewhat confident; each question's answers checked to add up to 100% within 0.5 points
    per country; country ids ISO 3166-1 alpha-3, reporting region on UN M49; dated by the report's year
    (2025), the transcription giving no fieldwork dates. Not on Edelman's scale."""
    snap = _io.latest(inputs[SOURCE], SOURCE)
    return confidence_by_country(_io.read_csv(snap), where=snap.path.name)


TABLES = (
    TableSpec(
        name="undp_trust_in_ai_by_country",
        title="Confidence in AI systems by country, UNDP HDR 2025 survey (third-party transcription)",
        description=(
            "Share of respondents per answer to the UNDP Human Development Report 2025 survey's questions "
            "on confidence in AI systems (Q18), familiarity with AI (Q8) and interaction with AI (Q10), "
            "21 countries, from a third-party transcription of the survey's country aggregates by a "
            "university course project (not UNDP's own file). A different question and population from "
            "Edelman's trust in AI: never compare or average the two on one scale."
        ),
        sources=(SOURCE,),
        compute=_undp,
        key=("iso3", "measure"),
        units={
            "iso3": "ISO 3166-1 alpha-3 code of the country",
            "country": "short English country name (country_converter)",
            "question": "the survey question: q18_trust_in_ai_systems, q8_ai_familiarity or "
            "q10_interaction_with_ai",
            "measure": "the answer (very_confident, somewhat_confident, not_very_confident, "
            "not_at_all_confident, familiarity_*, interaction_*) or the derived confident "
            "(very + somewhat confident)",
            "share": "fraction of respondents (0-1) as the transcription gives it",
            "derived": "true for a measure computed from the answers (confident)",
            "survey": "the survey, labelled as a third-party transcription on every row",
            "report_year": "year of the Human Development Report the survey belongs to (2025); the "
            "transcription gives no fieldwork dates",
        },
        date_column="report_year",
        schema=pa.DataFrameSchema(
            {
                "iso3": column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
                "country": column(str),
                "world_region": column(str, pa.Check.isin(list(regions.REPORTING_REGIONS))),
                "question": column(str, pa.Check.isin(list(QUESTIONS))),
                "measure": column(str, pa.Check.isin(list(MEASURES))),
                "share": column(float, pa.Check.in_range(0, 1)),
                "derived": column(bool),
                "survey": column(str, pa.Check.isin([SURVEY])),
                "report_year": column(int, pa.Check.isin([REPORT_YEAR])),
            },
            strict=True,
        ),
    ),
)
