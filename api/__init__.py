"""Beleidsgraaf: a knowledge graph of Dutch municipal social-domain policy plans."""

__version__ = "0.1.0"
