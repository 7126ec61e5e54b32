"""The genai-prices export (data.genai_export) against the installed package, and its aliases."""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime, time, timedelta

import genai_prices
import pandas as pd
import pytest
from genai_prices.data import providers
from genai_prices.types import ModelPrice, StartDateConstraint, TieredPrices, TimeOfDateConstraint

from strategy_brief import config
from strategy_brief.data import genai_export

ALIASES = config.RAW_DIR / "model_aliases.csv"
CROSSWALK = config.RAW_DIR / "model_crosswalk.csv"
SOURCE = "genai_prices"
ROW_KEYS = {
    "provider_id",
    "provider_name",
    "model_id",
    "model_name",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "valid_from",
    "note",
}

# genai-prices providers that are first-party for a tracked developer (it has no Alibaba/DashScope provider)
FIRST_PARTY_PROVIDERS = {
    "openai",
    "anthropic",
    "google",
    "x-ai",
    "mistral",
    "deepseek",
    "moonshotai",
    "minimax",
    "zai",
    "zhipuai",
}

# First-party models without an alias, by reason, so the gaps stay visible; map them (or add crosswalk
# ids) to shrink this list.
UNMAPPED_BY_REASON = {
    "each prices several crosswalk ids (snapshots or rolling aliases), so no single canonical id": """
        anthropic/claude-3-5-sonnet google/gemini-2.5-flash-preview google/gemini-flash-1.5
        google/gemini-flash-1.5-8b google/gemini-live-2.5-flash google/gemini-pro-1.5 mistral/codestral
        mistral/devstral-small mistral/magistral-medium mistral/magistral-small mistral/mistral-large
        mistral/mistral-medium-3-1 x-ai/grok-3-fast
    """,
    "image, speech, embedding, OCR, robotics and agent models the crosswalk does not list": """
        google/gemini-2.5-flash-image google/gemini-2.5-flash-lite-preview-tts google/gemini-2.5-flash-tts
        google/gemini-2.5-pro-tts google/gemini-3-pro-image-preview google/gemini-3.1-flash-image-preview
        google/gemini-3.1-flash-lite-image google/gemini-3.1-flash-tts-preview
        google/gemini-3.8-flash-lite-tts google/gemini-3.8-flash-tts google/gemini-3.8-live
        google/gemini-nano-banana-2.1 google/gemini-robotics-er-2-preview
        google/gemini-robotics-er-2-streaming-preview mistral/mistral-embed mistral/voxtral-small-24b-2507
        openai/chatgpt-image-latest openai/computer-use openai/gpt-4o-mini-transcribe
        openai/gpt-4o-mini-tts openai/gpt-4o-transcribe openai/gpt-5-image openai/gpt-5-image-mini
        openai/gpt-5.4-image-2 openai/gpt-image-1 openai/gpt-image-1.5 openai/gpt-image-2
        openai/gpt-image-2.5-flare openai/gpt-image-2.5-sunburst openai/gpt-realtime-2
        openai/o3-deep-research openai/o4-mini-deep-research zai/GLM-OCR
    """,
    "legacy GPT-3 completion models and fine-tuning price templates": """
        openai/ada openai/babbage openai/babbage-002 openai/curie openai/davinci openai/davinci-002
        openai/ft:gpt-3.5-turbo- openai/ft:gpt-4o openai/ft:gpt-4o-mini openai/gpt-3.5-turbo-instruct
        openai/gpt-4o-mini-2024-07-18.ft- openai/text-davinci-002 openai/text-davinci-003
    """,
    "chat models with no crosswalk id yet": """
        anthropic/claude-fable-5-1 anthropic/claude-fable-5-2 anthropic/claude-haiku-5-5
        anthropic/claude-mythos-5-2 anthropic/claude-opus-5-5 anthropic/claude-sonnet-5-5
        deepseek/deepseek-flash deepseek/deepseek-v3.1-terminus google/gemini-3.7-flash
        google/gemini-3.8-flash google/gemini-4-argon google/gemini-omni-1.1-flash minimax/M2-her
        minimax/MiniMax-M2.1-highspeed minimax/MiniMax-M2.5-highspeed minimax/MiniMax-M2.7
        minimax/MiniMax-M2.7-highspeed minimax/MiniMax-M3.1-Flash minimax/minimax-01 mistral/ministral-3b
        mistral/mistral-large-4 mistral/mistral-saba mistral/mistral-small-2603 moonshotai/kimi-k2.7-code
        moonshotai/kimi-k2.7-code-highspeed moonshotai/kimi-k3 moonshotai/kimi-k3.1-pro
        moonshotai/kimi-k3.1-pro-highspeed openai/codex-mini openai/gpt-4o:extended
        openai/gpt-5.1-codex-mini openai/gpt-5.2-pro openai/gpt-5.3-codex openai/gpt-5.5-cyber
        openai/gpt-5.5-pro openai/gpt-5.6-cyber openai/gpt-6-astra openai/gpt-6-cyber openai/gpt-6-luna
        openai/gpt-6-rosalind openai/gpt-6-sol openai/gpt-6.1-sol openai/gpt-6.1-terra
        openai/gpt-chat-latest openai/gpt-oss-safeguard-20b openai/gpt-rosalind-discovery
        openai/gpt-rosalind-research openai/o1-pro x-ai/grok-4.20-multi-agent-0309 x-ai/grok-4.6
        x-ai/grok-4.7 x-ai/grok-build-0.1 zai/GLM-4.6V zai/GLM-4.6V-FlashX zai/GLM-4.7-FlashX zai/GLM-5.2
        zai/GLM-5.3 zai/GLM-5.3-Flash zai/GLM-5.3-FlashX zhipuai/GLM-4-Air zhipuai/GLM-4-AirX
        zhipuai/GLM-4-Assistant zhipuai/GLM-4-FlashX-250414 zhipuai/GLM-4-Long zhipuai/GLM-4.7-FlashX
        zhipuai/GLM-5-Turbo zhipuai/GLM-5.2 zhipuai/GLM-5.3 zhipuai/GLM-5.3-Flash
    """,
}
UNMAPPED = {name for names in UNMAPPED_BY_REASON.values() for name in names.split()}


@functools.cache
def export() -> bytes:
    return genai_export.export_installed()


def prices() -> list[dict]:
    return json.loads(export())["prices"]


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def aliases() -> dict[str, str]:
    table = read(ALIASES)
    table = table[table["source"] == SOURCE]
    return dict(zip(table["name_in_source"], table["model_id"], strict=True))


def is_first_party(provider_id: str, model_id: str) -> bool:
    if provider_id == "google":
        return "gemini" in model_id  # Google also serves Claude and Gemma models
    if provider_id == "mistral":
        return not model_id.startswith(("deepseek-", "zai-"))  # models Mistral hosts for other developers
    return provider_id in FIRST_PARTY_PROVIDERS


def model_info(provider_id: str, model_id: str):
    provider = next(p for p in providers if p.id == provider_id)
    return next(m for m in provider.models if m.id == model_id)


def base(price) -> float | None:
    value = price.base if isinstance(price, TieredPrices) else price
    return None if value is None else float(round(value, 6))


def standing_moment(model, day: datetime) -> datetime:
    """An hour of `day` when the standing price applies: inside a time-of-day window that covers
    most of the day (DeepSeek's standard hours), else outside every window."""
    windows = [] if isinstance(model.prices, ModelPrice) else model.prices
    counts = {}
    for hour in range(24):
        moment = day.replace(hour=hour, minute=45)
        for c in windows:
            if isinstance(c.constraint, TimeOfDateConstraint) and c.constraint.active(moment):
                counts.setdefault(id(c), []).append(moment)
    for moments in counts.values():
        if len(moments) > 12:
            return moments[0]
    return outside_time_of_day_windows(model, day)


def outside_time_of_day_windows(model, day: datetime) -> datetime:
    """An hour of `day` when none of the model's time-of-day prices apply."""
    windows = [] if isinstance(model.prices, ModelPrice) else model.prices
    for hour in range(24):
        moment = day.replace(hour=hour)
        if not any(
            isinstance(c.constraint, TimeOfDateConstraint) and c.constraint.active(moment) for c in windows
        ):
            return moment
    raise AssertionError(f"{model.id}: time-of-day prices cover the whole day")


def test_export_is_byte_identical_on_two_calls():
    assert genai_export.export_installed() == genai_export.export_installed()


def test_export_is_sorted_indented_utf8_json_with_the_documented_keys():
    raw = export()
    document = json.loads(raw.decode("utf-8"))
    canonical = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert raw == canonical.encode("utf-8")
    assert set(document) == {"package", "version", "prices"}
    assert document["package"] == "genai-prices"
    assert document["version"] == genai_export.version() == genai_prices.__version__
    assert document["prices"], "no prices exported"
    for row in document["prices"]:
        assert set(row) == ROW_KEYS, row


def test_prices_are_positive_floats_and_dates_iso():
    for row in prices():
        for key in ("input_usd_per_mtok", "output_usd_per_mtok"):
            value = row[key]
            assert isinstance(value, float) and value > 0, row
            assert value == round(value, 6), row
        if row["valid_from"] is not None:
            datetime.strptime(row["valid_from"], "%Y-%m-%d")
        assert isinstance(row["note"], str)


def test_rows_are_sorted_and_unique():
    keys = [(r["provider_id"], r["model_id"], r["valid_from"] or "") for r in prices()]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_gpt_4o_price_is_what_the_package_charges_now():
    usage = genai_prices.Usage(input_tokens=1_000_000, output_tokens=1_000_000)
    charged = genai_prices.calc_price(usage, "gpt-4o", provider_id="openai")
    today = datetime.now(UTC).date().isoformat()
    rows = [r for r in prices() if (r["provider_id"], r["model_id"]) == ("openai", "gpt-4o")]
    current = max((r for r in rows if (r["valid_from"] or "") <= today), key=lambda r: r["valid_from"] or "")
    assert current["input_usd_per_mtok"] == float(charged.input_price)
    assert current["output_usd_per_mtok"] == float(charged.output_price)


def test_every_row_is_the_package_price_from_its_start_date():
    by_model: dict[tuple[str, str], list[dict]] = {}
    for row in prices():
        by_model.setdefault((row["provider_id"], row["model_id"]), []).append(row)
    for (provider_id, model_id), rows in by_model.items():
        model = model_info(provider_id, model_id)
        starts = [r["valid_from"] for r in rows if r["valid_from"]]
        for row in rows:
            if row["valid_from"]:
                day = datetime.fromisoformat(row["valid_from"]).replace(tzinfo=UTC)
            elif starts:
                day = datetime.fromisoformat(min(starts)).replace(tzinfo=UTC) - timedelta(days=1)
            else:
                day = datetime.now(UTC)
            moment = standing_moment(model, datetime.combine(day.date(), time(), UTC))
            expected = model.get_prices(moment)
            assert row["input_usd_per_mtok"] == base(expected.input_mtok), row
            assert row["output_usd_per_mtok"] == base(expected.output_mtok), row
            tiered = isinstance(expected.input_mtok, TieredPrices) or isinstance(
                expected.output_mtok, TieredPrices
            )
            assert ("tiered: base tier" in row["note"]) == tiered, row


def test_every_dated_price_with_text_prices_has_a_row():
    exported = {(r["provider_id"], r["model_id"], r["valid_from"]) for r in prices()}
    for provider in providers:
        for model in provider.models:
            if isinstance(model.prices, ModelPrice):
                continue
            for conditional in model.prices:
                if not isinstance(conditional.constraint, StartDateConstraint):
                    continue
                if conditional.prices.input_mtok is None or conditional.prices.output_mtok is None:
                    continue
                key = (provider.id, model.id, conditional.constraint.start_date.isoformat())
                assert key in exported, key


def test_time_of_day_prices_are_noted():
    for row in prices():
        model = model_info(row["provider_id"], row["model_id"])
        windowed = not isinstance(model.prices, ModelPrice) and any(
            isinstance(c.constraint, TimeOfDateConstraint) for c in model.prices
        )
        assert ("time-of-day prices listed" in row["note"]) == windowed, row


def test_aliases_point_at_crosswalk_ids_and_exported_rows():
    mapped = aliases()
    assert mapped, f"no {SOURCE} aliases in {ALIASES.name}"
    crosswalk_ids = set(read(CROSSWALK)["model_id"])
    exported = {f"{r['provider_id']}/{r['model_id']}" for r in prices()}
    assert not set(mapped.values()) - crosswalk_ids, "aliases pointing at no crosswalk id"
    assert not set(mapped) - exported, f"aliases for rows not in the export: {sorted(set(mapped) - exported)}"


@pytest.mark.parametrize("provider_id", sorted(FIRST_PARTY_PROVIDERS))
def test_first_party_rows_are_mapped_or_listed_as_unmapped(provider_id):
    required = {
        f"{r['provider_id']}/{r['model_id']}"
        for r in prices()
        if r["provider_id"] == provider_id and is_first_party(r["provider_id"], r["model_id"])
    }
    assert required, f"no first-party rows for {provider_id}"
    mapped = set(aliases())
    listed = {name for name in UNMAPPED if name.startswith(f"{provider_id}/")}
    missing = sorted(required - mapped - listed)
    assert not missing, f"{provider_id} models with neither an alias nor an UNMAPPED entry: {missing}"
    stale = sorted(listed - (required - mapped))
    assert not stale, f"UNMAPPED entries that are mapped or no longer exported: {stale}"
