"""US closed-frontier vs China open-weight AI strategies: data, indicators and briefs."""

__version__ = "0.1.0"
