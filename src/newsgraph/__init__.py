"""newsgraph: structured, evidence-backed data about the interaction between countries, from raw news."""

__version__ = "0.1.0"
