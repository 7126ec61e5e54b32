"""Which key figures depend on the brief's region.

A key figure (`record.key_figure`, collected into manifest.json) is named once for the whole edition: a
name means one measure with one value in every brief and every section that records it. The exception
is a figure that depends on the brief's `region` parameter: it has one value per region, and a brief
for another region may record another value under the same name. Those figures are declared here, by
name, so that tests/test_consistency.py can tell a figure that legitimately varies with the region from
two sections that disagree. A new region-dependent figure must be added here; any other figure whose
value changes between the briefs of one edition fails that test.

The illustrative scenario's figures also depend on the scenario that ran (60_scenarios' `scenario`
parameter); the briefs of the build file all run the status quo (the executive brief has no scenario
parameter), so they are compared by region only.
"""

from __future__ import annotations

REGION_DEPENDENT = frozenset(
    {
        "china_cloud_share_region",  # executive brief, reach section: the region's cloud regions
        "trust_region_mean",  # executive brief: the region's surveyed countries
        "china_stack_share_horizon_median",  # executive brief, scenario section: the region's paths
        "china_stack_share_horizon_p10",
        "china_stack_share_horizon_p90",
        "ai_user_share_region_median",  # executive brief: the region's median AI user share
    }
)


# China's share of the world's new industrial robots in its newest year (`embodied.latest_share`): the
# policy section records it, and a brief that states it beside the scorecard's comparison of an older
# year records it too, under this one name and with this one rounding.
CHINA_ROBOT_SHARE_LATEST = "china_robot_share_latest"


def china_robot_share_latest(value: float, year: int | str, source: str) -> dict:
    """The key figure of China's latest robot share, as keyword arguments of `record.key_figure`."""
    return {
        "name": CHINA_ROBOT_SHARE_LATEST,
        "value": round(float(value), 1),
        "unit": "percent",
        "label": "China's share of the world's industrial robot installations",
        "as_of": str(year),
        "source": source,
    }


# A country brief's figures are named country_*: each brief is about another country.
COUNTRY_PREFIX = "country_"


def region_dependent(name: str) -> bool:
    """Whether the key figure `name` may take a different value in a brief for another region (or, for a
    country brief's country_* figures, another country)."""
    return name in REGION_DEPENDENT or name.startswith(COUNTRY_PREFIX)
