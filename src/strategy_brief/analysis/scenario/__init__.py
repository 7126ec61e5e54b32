"""Scenario model: how AI adoption and the origin of the model stacks people use could evolve by region.

Illustrative scenario, not a forecast (LABEL): every result carries it, and every number behind a result
is in data/raw/scenario_assumptions.csv with its source or, for a judgement, its rationale.

Outcome (OUTCOME), for each world region r and year t from the start year to the horizon (default 2030):
the adopting fraction A[r,t] of working-age people using generative AI, and the shares s[r,t,k] of AI users
whose primary model stack is of US, Chinese or other origin (k = us, china, other; the three sum to 1).

Model, with every parameter from the assumptions table:

    A[t]     = K / (1 + (K - A0)/A0 · exp(-g·(t - t0))),   K = max(ceiling, A0),
               g = growth · (trust_r / trust_reference) ** elasticity             (logistic diffusion)
    u[k]     = b_price·(-log price_k) + b_open·openness_k + b_cap·(-capability_gap_k)
               + b_trust·trust_k + b_cloud·cloud_presence_k[r]                    (attraction = exp(u))
    λ[t]     = 1 - inertia · A[t]/A[t+1]      the fraction of year t+1's adopters who choose a stack:
                                              those reconsidering plus the newcomers
    s[t+1,k] ∝ s[t,k] · exp(u[k]) ** λ[t]     so  s[t,k] = softmax_k(log s0[k] + Λ[t]·u[k]),  Λ[t] = Σ λ

Choosers pick in proportion to the installed base times the attraction (a multinomial logit with the log
of the installed base as each stack's constant). Stacks of equal attraction therefore keep their shares,
and the fact-anchored starting shares are not forgotten; the more common `s[t]**inertia · attraction`
would pull equally attractive stacks towards equal shares. Since s[t] is a softmax with a non-negative
weight on u, a lower price, a smaller capability gap, or more openness, trust or cloud presence, never
lowers a stack's share, and the shares stay in [0, 1] and sum to 1. There is no interior equilibrium:
over long horizons the most attractive stack keeps gaining, so keep horizons short. Cloud presence of the
US and Chinese stacks is their providers' share of the two blocs' cloud regions in the region; attributes
are held at their (scenario) level for the whole horizon; in the Monte Carlo every parameter is drawn
independently from a triangular distribution on [low, high] with its central value as mode.

The package, by job: `parameters` (the stacks, each parameter's domain, the table check), `assumptions`
(scenario_assumptions.csv, its formulas) with `derivations` (values computed from facts and tables),
`scenarios` (scenarios.yml), `model` (simulate, monte_carlo, tornado) and `outlook` (one run of the
scenario section). Reader-facing names of parameters and scenarios live in report.narrative.scenario.
"""

from strategy_brief.analysis.scenario.assumptions import (
    COLUMNS,
    assumption_table,
    assumptions_file,
    facts_behind,
    formula_facts,
    load_assumptions,
)
from strategy_brief.analysis.scenario.derivations import DERIVATIONS, Derived
from strategy_brief.analysis.scenario.model import QUANTILES, monte_carlo, simulate, step_shares, tornado
from strategy_brief.analysis.scenario.outlook import (
    REFERENCE,
    Outlook,
    across_scenarios,
    against_reference,
    run,
)
from strategy_brief.analysis.scenario.parameters import (
    DEFAULT_HORIZON,
    LABEL,
    OUTCOME,
    PARAMETERS,
    STACK_BLOCS,
    STACKS,
    stack_of,
)
from strategy_brief.analysis.scenario.scenarios import apply_scenario, load_scenarios, scenarios_file

__all__ = [
    "COLUMNS",
    "DEFAULT_HORIZON",
    "DERIVATIONS",
    "LABEL",
    "OUTCOME",
    "PARAMETERS",
    "QUANTILES",
    "REFERENCE",
    "STACKS",
    "STACK_BLOCS",
    "Derived",
    "Outlook",
    "across_scenarios",
    "against_reference",
    "apply_scenario",
    "assumption_table",
    "assumptions_file",
    "facts_behind",
    "formula_facts",
    "load_assumptions",
    "load_scenarios",
    "monte_carlo",
    "run",
    "scenarios_file",
    "simulate",
    "stack_of",
    "step_shares",
    "tornado",
]
