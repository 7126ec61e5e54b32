"""Small hand-made cloud and trust tables for the reach-and-trust section's tests."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import reach
from strategy_brief.curated.classify import CN, US

B, F = reach.BAROMETER, reach.FLASH_POLL


def fact(fact_id, country, value, qualifier="exact", survey=B, as_of="2025 wave", conflicts=""):
    return {"fact_id": fact_id, "indicator": "trust_in_ai", "actor": country, "country": country,
            "value": float(value), "unit": "percent", "qualifier": qualifier, "primary_source": survey,
            "as_of": as_of, "conflicts_with": conflicts,
            "source_url": "https://www.example.org/s"}  # fmt: skip


FACTS = pd.DataFrame(
    [
        fact("T1", "United States", 30),
        fact("T2", "Germany", 20),
        fact("T3", "United Kingdom", 40),
        fact("T4", "India", 70),
        fact("T5", "Nigeria", 80),
        fact("T6", "Kenya", 60, "at_least"),  # a bound: shown, never in a mean
        fact("T7", "China", 90),
        fact("T8", "World", 50),
        fact("P1", "Germany", 35, survey=F, as_of="2025-10", conflicts="T2"),
        fact("P2", "Brazil", 65, survey=F, as_of="2025-10"),
    ]
)
CLOUD = pd.DataFrame(
    {
        "provider": ["Zeta US", "Alpha US", "Big CN", "Big CN", "Small CN"],
        "provider_bloc": [US, US, CN, CN, CN],
        "country": ["Germany", "Kenya", "Germany", "China", "Kenya"],
        "world_region": [
            "Europe",
            "Sub-Saharan Africa",
            "Europe",
            "Eastern Asia & Oceania",
            "Sub-Saharan Africa",
        ],
        "regions": [6, 1, 2, 5, 3],
        "in_service": [6, 1, 0, 5, 1],
    }
)
