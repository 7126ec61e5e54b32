"""data.steps.cloud: cloud regions deduplicated and classified."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from strategy_brief.curated import classify
from strategy_brief.data import processed, refresh, schemas
from strategy_brief.data.steps import cloud
from tests.fixtures import project


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


def codeless_doc(*extra):
    """Code-less regions (the map's announced regions, mostly): two of AWS in one country, one listed
    under two metros, two of Huawei in two countries."""

    def csp(name, region_name, in_service=False):
        return {
            "name": name,
            "cloud_region": None,
            "in_service": in_service,
            "cloud_region_name": region_name,
        }

    return {
        "cloud_regions": [
            {
                "metro_area": "Bangkok",
                "country": "Thailand",
                "cloud_service_providers": [
                    csp("Amazon Web Services", "AWS Thailand"),
                    csp("Google Cloud", "Thailand"),
                ],
            },
            {
                "metro_area": "Chonburi",
                "country": "Thailand",
                "cloud_service_providers": [
                    csp("Amazon Web Services", "AWS Thailand"),  # the same region, another metro
                    csp("Amazon Web Services", "AWS Thailand 2"),
                ],
            },
            {
                "metro_area": "Wuhu",
                "country": "China",
                "cloud_service_providers": [csp("Huawei Cloud", "East China (Wuhu)", True)],
            },
            {
                "metro_area": "Cairo",
                "country": "Egypt",
                "cloud_service_providers": [csp("Huawei Cloud", "North Africa (Cairo)", True), *extra],
            },
        ]
    }


def test_code_less_regions_are_each_a_region_deduplicated_by_name():
    table = cloud.regions_by_provider_country(cloud.flatten(codeless_doc()))
    rows = {(r.provider, r.country): (r.regions, r.in_service) for r in table.itertuples()}
    assert rows[("Amazon Web Services", "Thailand")] == (2, 0)
    assert rows[("Google Cloud", "Thailand")] == (1, 0)
    assert rows[("Huawei Cloud", "China")] == (1, 1)
    assert rows[("Huawei Cloud", "Egypt")] == (1, 1)
    schemas.validate("cloud_regions_by_origin_country", table, "synthetic")


def test_a_region_with_neither_code_nor_name_is_refused():
    nameless = {"name": "Oracle Cloud", "cloud_region": None, "cloud_region_name": "", "in_service": False}
    with pytest.raises(ValueError, match=r"neither code nor name, e.g. Oracle Cloud in Cairo \(Egypt\)"):
        cloud.regions_by_provider_country(cloud.flatten(codeless_doc(nameless)))


def recount(doc: dict) -> Counter:
    """Regions per (provider, country), counted region by region without the step: a region is its
    provider and its code, or its name where the map gives no code."""
    seen = {}
    for metro in sorted(doc["cloud_regions"], key=lambda m: m["metro_area"]):
        for csp in metro["cloud_service_providers"]:
            key = (csp["name"], csp["cloud_region"] or f"name:{csp['cloud_region_name']}")
            seen.setdefault(key, metro["country"])
    return Counter((provider, country) for (provider, _), country in seen.items())


def test_the_processed_table_matches_a_recount_of_the_fixture_map(tmp_path, monkeypatch):
    """The fixture map has code-less regions for US and Chinese providers (two or more for one
    provider, where the old count merged them); the table the refresh writes counts every one."""
    doc = json.loads(project.cloud_regions())
    codeless = Counter(
        csp["name"]
        for m in doc["cloud_regions"]
        for csp in m["cloud_service_providers"]
        if not csp["cloud_region"]
    )
    for bloc in ("United States", "China"):
        assert any(
            n >= 2 and classify.bloc_of_country(classify.cloud_provider_country(p)) == bloc
            for p, n in codeless.items()
        )
    mirror = tmp_path / "mirror" / "cloud_regions"
    mirror.mkdir(parents=True)
    (mirror / "cloudinfrastructuremap_regions_2025-02.json").write_bytes(project.cloud_regions())
    monkeypatch.setattr(refresh, "TABLES", cloud.TABLES)
    proc = tmp_path / "processed"
    refresh.refresh(
        ["cloud_regions"], mirror=tmp_path / "mirror", external_dir=tmp_path / "ext", processed_dir=proc
    )
    table = processed.read("cloud_regions_by_origin_country", proc)
    keys = zip(table["provider"], table["country"], strict=True)
    assert dict(zip(keys, table["regions"], strict=True)) == recount(doc)
    bloc_of = {p: classify.bloc_of_country(classify.cloud_provider_country(p)) for p in table["provider"]}
    by_bloc = Counter()
    for (provider, _), n in recount(doc).items():
        by_bloc[bloc_of[provider]] += n
    assert table.groupby("provider_bloc")["regions"].sum().to_dict() == dict(by_bloc)
