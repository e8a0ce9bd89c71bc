"""Producer families: which ones pagemill's rules and models were developed on, and report groups.

Every corpus document's meta JSON names its producer ``family`` (bench/corpus/producers); a real
scan (bench/realscans) has none and belongs to :data:`REAL_SCANS`. The families in
:data:`DEVELOPED_ON` are those pagemill's rules and models were tuned on; every other family is
held out, so a gap between the two aggregates in the report shows tuning to the corpus.
"""

from __future__ import annotations

from typing import Any

REAL_SCANS = "real-scans"
UNKNOWN = "unknown"  # a corpus document built before families existed

#: the families pagemill was developed on (bench/README.md says the same); every other one is held out.
#: By issues 13-15 every family is: the role model is trained on all of them (its leave-one-family-out
#: scores, bench/train/REPORT.md, are the held-out evidence for roles), and table and math rules were
#: developed on failures seen in chromium, dvips, libreoffice, publisher-latex, reports, single-page,
#: unicode-math and real-tables documents. A family added later and not tuned on is held out again.
DEVELOPED_ON = frozenset(
    {
        "pandoc-latex",
        "weasyprint",
        REAL_SCANS,
        "chromium",
        "dvips",
        "libreoffice",
        "publisher-latex",
        "reports",
        "single-page",
        "unicode-math",
        "real-tables",
    }
)

#: the metric groups a document's meta may list under ``metrics`` (all apply when it lists none)
METRIC_GROUPS = ("text", "headings", "blocks", "order", "tables", "math", "furniture")


def family_of(meta: dict[str, Any], real: bool = False) -> str:
    """The document's producer family: its meta's ``family``, else "real-scans" for a real scan."""
    return str(meta.get("family") or (REAL_SCANS if real else UNKNOWN))


def group_of(family: str, scanned: bool) -> str:
    """The report group: the family, and its scanned variants apart as "<family> (scans)"."""
    return f"{family} (scans)" if scanned and family != REAL_SCANS else family


def developed_on(family: str) -> bool:
    return family in DEVELOPED_ON


def metric_groups(meta: dict[str, Any]) -> frozenset[str]:
    """The metric groups that apply to the document (meta ``metrics``; every group by default)."""
    listed = meta.get("metrics")
    if not listed:
        return frozenset(METRIC_GROUPS)
    unknown = set(listed) - set(METRIC_GROUPS)
    if unknown:
        raise ValueError(f"{meta.get('name', '?')}: unknown metric groups {sorted(unknown)} (known: {METRIC_GROUPS})")
    return frozenset(listed)
