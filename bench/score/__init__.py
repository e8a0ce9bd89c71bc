"""Scorers for the benchmark: plain-text similarity, CER, headings, reading order, TEDS, math."""

from .document import score_document, summarise

__all__ = ["score_document", "summarise"]
