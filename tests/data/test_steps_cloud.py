"""data.steps.cloud: cloud regions deduplicated and classified."""

from __future__ import annotations

from strategy_brief.data import schemas
from strategy_brief.data.steps import cloud


def cloud_doc():
    def csp(name, code, in_service=True):
        return {"name": name, "cloud_region": code, "in_service": in_service, "cloud_region_name": code}

    return {
        "name": "Cloud Regions",
        "cloud_regions": [
            {
                "metro_area": "Lagos",
                "country": "Nigeria",
                "cloud_service_providers": [csp("Huawei Cloud", "af-lagos")],
            },
            # One region listed under two metros: counted once.
            {
                "metro_area": "Jakarta",
                "country": "Indonesia",
                "cloud_service_providers": [csp("Amazon Web Services", "ap-3")],
            },
            {
                "metro_area": "Jakarta 2",
                "country": "Indonesia",
                "cloud_service_providers": [csp("Amazon Web Services", "ap-3")],
            },
            {
                "metro_area": "Jakarta",
                "country": "Indonesia",
                "cloud_service_providers": [
                    csp("Alibaba Cloud", "id-1"),
                    csp("Alibaba Cloud", "id-2", False),
                ],
            },
        ],
    }


def test_cloud_regions_are_deduplicated_and_classified():
    table = cloud.regions_by_provider_country(cloud.flatten(cloud_doc()))
    rows = {(r.provider, r.country): r for r in table.itertuples()}
    assert rows[("Amazon Web Services", "Indonesia")].regions == 1
    assert rows[("Alibaba Cloud", "Indonesia")].regions == 2
    assert rows[("Alibaba Cloud", "Indonesia")].in_service == 1
    assert rows[("Huawei Cloud", "Nigeria")].provider_bloc == "China"
    assert rows[("Huawei Cloud", "Nigeria")].world_region == "Sub-Saharan Africa"
    assert rows[("Amazon Web Services", "Indonesia")].provider_bloc == "United States"
    schemas.validate("cloud_regions_by_origin_country", table, "synthetic")
