"""analysis.indicators.trust: UNDP confidence per country and region, and both trust sources' coverage."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import reach, trust
from tests.analysis import reach_rows

REGION = {
    "NGA": ("Nigeria", "Sub-Saharan Africa"),
    "ZAF": ("South Africa", "Sub-Saharan Africa"),
    "BRA": ("Brazil", "Latin America & Caribbean"),
    "EGY": ("Egypt", "Middle East & North Africa"),
    "TUN": ("Tunisia", "Middle East & North Africa"),
    "TUR": ("Türkiye", "Middle East & North Africa"),
    "USA": ("United States", "Northern America"),
}


def undp_table(confidence: dict[str, tuple[float, float, float, float]], survey: str = trust.UNDP):
    """Rows shaped like undp_trust_in_ai_by_country: (very, somewhat, not very, not at all) as fractions."""
    rows = []
    for iso3, values in confidence.items():
        country, region = REGION[iso3]
        measures = dict(zip(trust.CONFIDENCE, values, strict=True))
        measures[trust.CONFIDENT] = values[0] + values[1]
        measures["familiarity_a_lot"] = 0.9  # another question: never read as confidence
        rows += [
            {
                "iso3": iso3,
                "country": country,
                "world_region": region,
                "measure": m,
                "share": v,
                "survey": survey,
            }
            for m, v in measures.items()
        ]
    return pd.DataFrame(rows)


CONFIDENCE = {
    "NGA": (0.30, 0.30, 0.20, 0.20),  # 0.60
    "ZAF": (0.10, 0.30, 0.30, 0.30),  # 0.40
    "BRA": (0.05, 0.20, 0.40, 0.35),  # 0.25
    "EGY": (0.40, 0.40, 0.10, 0.10),  # 0.80
    "TUN": (0.20, 0.50, 0.20, 0.10),  # 0.70
    "TUR": (0.10, 0.40, 0.30, 0.20),  # 0.50
    "USA": (0.05, 0.25, 0.40, 0.30),  # 0.30
}


def test_undp_confidence_is_one_row_per_country_most_confident_first():
    out = trust.undp_confidence(undp_table(CONFIDENCE))
    assert list(out["iso3"]) == ["EGY", "TUN", "NGA", "TUR", "ZAF", "USA", "BRA"]
    egypt = out.set_index("iso3").loc["EGY"]
    assert egypt["very_confident"] == pytest.approx(0.40) and egypt[trust.CONFIDENT] == pytest.approx(0.80)
    assert (out["survey"] == trust.UNDP).all() and "transcription" in trust.UNDP
    assert "familiarity_a_lot" not in out.columns


def test_undp_rows_of_another_survey_are_refused_so_scales_never_mix():
    mixed = pd.concat([undp_table(CONFIDENCE), undp_table({"USA": (0.1, 0.2, 0.3, 0.4)}, reach.BAROMETER)])
    with pytest.raises(ValueError, match="Edelman Trust Barometer 2025"):
        trust.undp_confidence(mixed)


def test_a_country_lacking_a_confidence_answer_is_refused_naming_it():
    table = undp_table(CONFIDENCE)
    table = table[~((table["iso3"] == "TUN") & (table["measure"] == "not_very_confident"))]
    with pytest.raises(ValueError, match="TUN"):
        trust.undp_confidence(table)


def test_undp_by_region_medians_the_countries_of_each_region():
    regions_ = trust.undp_by_region(trust.undp_confidence(undp_table(CONFIDENCE))).set_index("world_region")
    mena = regions_.loc["Middle East & North Africa"]
    assert mena["undp_countries"] == 3 and mena["median_confident"] == pytest.approx(0.70)
    assert (mena["min_confident"], mena["max_confident"]) == pytest.approx((0.50, 0.80))
    assert mena["countries"] == "Egypt; Tunisia; Türkiye" and mena["indication"]
    africa = regions_.loc["Sub-Saharan Africa"]
    assert africa["median_confident"] == pytest.approx(0.50)  # median of two: their mean
    south_east = regions_.loc["South-eastern Asia"]
    assert south_east["undp_countries"] == 0 and math.isnan(south_east["median_confident"])
    assert south_east["global_south"] and not regions_.loc["Northern America", "global_south"]
    world = regions_.loc["Global"]
    assert world["undp_countries"] == 7 and world["median_confident"] == pytest.approx(0.50)


def test_coverage_sets_both_sources_side_by_side_without_their_values():
    undp = trust.undp_confidence(undp_table(CONFIDENCE))
    cover = trust.trust_source_coverage(undp, reach_rows.FACTS).set_index("world_region")
    # No value of either survey in the table: coverage only.
    assert not [c for c in cover.columns if "pct" in c or "share" in c or "confident" in c]
    africa = cover.loc["Sub-Saharan Africa"]  # Nigeria exact in the Barometer, Kenya a bound
    assert (africa["edelman_countries"], africa["edelman_bounded"], africa["undp_countries"]) == (1, 1, 2)
    assert africa["source_for_region"] == trust.EDELMAN and africa["edelman_listed"] == "Nigeria"
    mena = cover.loc["Middle East & North Africa"]  # UNDP only
    assert (mena["edelman_countries"], mena["undp_countries"]) == (0, 3)
    assert mena["source_for_region"] == trust.UNDP and mena["undp_listed"] == "Egypt; Tunisia; Türkiye"
    latin = cover.loc["Latin America & Caribbean"]  # Brazil: flash poll only, and UNDP
    assert (latin["edelman_countries"], latin["edelman_flash_only_countries"]) == (0, 1)
    assert latin["source_for_region"] == trust.UNDP and latin["edelman_flash_only_listed"] == "Brazil"
    south_asia = cover.loc["Southern Asia"]  # India in the Barometer, no UNDP country here
    assert south_asia["source_for_region"] == trust.EDELMAN and south_asia["undp_countries"] == 0
    south_east = cover.loc["South-eastern Asia"]  # neither: a data gap
    assert south_east["source_for_region"] == trust.NO_SOURCE
    assert (south_east["edelman_countries"], south_east["undp_countries"]) == (0, 0)
    world = cover.loc["Global"]  # 'World' is an aggregate, never a country
    assert world["edelman_countries"] == 6 and world["edelman_bounded"] == 1 and world["undp_countries"] == 7


def test_coverage_without_any_edelman_wave_falls_back_to_undp():
    undp = trust.undp_confidence(undp_table(CONFIDENCE))
    no_edelman = reach_rows.FACTS.assign(indicator="something_else")
    cover = trust.trust_source_coverage(undp, no_edelman).set_index("world_region")
    assert (cover["edelman_countries"] == 0).all()
    assert cover.loc["Northern America", "source_for_region"] == trust.UNDP
    assert cover.loc["Europe", "source_for_region"] == trust.NO_SOURCE


def test_an_empty_undp_table_is_a_data_gap_not_an_error():
    empty = undp_table(CONFIDENCE).iloc[0:0]
    confidence = trust.undp_confidence(empty)
    assert confidence.empty
    assert (trust.undp_by_region(confidence)["undp_countries"] == 0).all()
    cover = trust.trust_source_coverage(confidence, reach_rows.FACTS).set_index("world_region")
    assert cover.loc["Middle East & North Africa", "source_for_region"] == trust.NO_SOURCE


def test_undp_trust_reads_the_table_and_the_facts_at_as_of(monkeypatch):
    seen = {}

    def read(name, as_of=None):
        seen["table"] = (name, as_of)
        return undp_table(CONFIDENCE)

    def load(as_of=None):
        seen["facts"] = as_of
        return reach_rows.FACTS

    monkeypatch.setattr(trust.processed, "read", read)
    monkeypatch.setattr(trust.facts_mod, "load", load)
    out = trust.undp_trust("2026-01-31")
    assert seen == {"table": (trust.UNDP_TABLE, "2026-01-31"), "facts": "2026-01-31"}
    assert out.by_region.loc["Middle East & North Africa", "undp_countries"] == 3
    assert out.coverage.loc["Middle East & North Africa", "source_for_region"] == trust.UNDP
    assert out.survey == trust.UNDP
