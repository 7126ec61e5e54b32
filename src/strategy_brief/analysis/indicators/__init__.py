"""Indicators comparing the two strategies, one module per dimension; each takes processed tables
and returns a tidy DataFrame."""
