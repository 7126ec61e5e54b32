"""data.steps.ecosystems: derivative models by architecture family."""

from __future__ import annotations

import pandas as pd

from strategy_brief.data.steps import ecosystems


def test_derivatives_count_non_base_models_by_architecture_family():
    frame = pd.DataFrame(
        {
            "model_type": ["fine-tuned", "basemerges", "pretrained", "chatmodels", "fine-tuned"],
            "model_architecture": [
                "Qwen2ForCausalLM",
                "Qwen2ForCausalLM",
                "Qwen2ForCausalLM",
                "LlamaForCausalLM",
                "WeirdForCausalLM",
            ],
        }
    )
    table = ecosystems.derivative_counts(frame)
    counts = {(r.family, r.bloc): r.derivative_models for r in table.itertuples()}
    assert counts == {("Qwen", "China"): 2, ("Llama", "United States"): 1, ("Other", "Unattributed"): 1}
