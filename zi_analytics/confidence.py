"""How sure a sheet's reading is, and why a person should look at it before its figures count.

A wrong figure shown as right does more harm than none: a sheet read on a weak header match, with most of its
rows refused, without a unit, or with a survey whose type nothing in the file states, is read with its best
guess but held back until the user confirms or corrects it on the upload page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .detect import STRONG_SCORE, Detection
from .messages import msg

if TYPE_CHECKING:
    from .ingest import SheetReport
    from .kinds.common import SheetContext

WEAK_HEADER = 4.0  # a header score below this matched one or two columns, loosely
REVIEW_BELOW = 0.5


def assess(detection: Detection, report: SheetReport, ctx: SheetContext, confirmed: bool) -> tuple[float, list[str]]:
    """The sheet's confidence (0–1) and the reasons it needs review (none once a person has confirmed it)."""
    header = min(1.0, detection.score / STRONG_SCORE)
    read = report.rows + report.rejected_rows
    accepted = report.rows / read if read else 1.0
    confidence = header * accepted
    reasons = list(ctx.unsure)
    if reasons:
        confidence = min(confidence, REVIEW_BELOW - 0.1)
    if confirmed:
        return confidence, []
    if detection.kind != "survey" and detection.score < WEAK_HEADER:
        reasons.append(msg("review_weak_header"))
    unit_missing = ctx.sheet_unit is None and not detection.mapping.has("unit") if detection.mapping else False
    if read and unit_missing and report.rows == 0:
        reasons.append(msg("review_no_unit"))
    elif read and report.rejected_rows > report.rows:
        reasons.append(msg("review_rejected", rejected=report.rejected_rows, read=read))
    return confidence, reasons
