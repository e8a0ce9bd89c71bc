"""Scorers for the benchmark: plain-text similarity, CER, headings, reading order, TEDS, math."""

from .document import family_summaries, score_document, summarise

__all__ = ["family_summaries", "score_document", "summarise"]
