"""Everything the two exports (the Excel report and the printable briefing) take for one unit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from zi_analytics.metrics import current_action_plan
from zi_analytics.readiness import Readiness, unit_readiness
from zi_analytics.report.excel import excel_report
from zi_analytics.report.html import briefing_html
from zi_analytics.rules.regulation import load_regulation
from zi_analytics.store import LAPTOP_USER, Workspace
from zi_analytics.summary import build_summary

AS_OF = date(2026, 11, 23)


class Inputs:
    """Everything the two exports take for one unit, computed as the app computes it."""

    def __init__(self, ws: Workspace, unit_key: str) -> None:
        dataset = ws.dataset(LAPTOP_USER)
        self.regulation = load_regulation()
        summary = build_summary(dataset, AS_OF, [unit_key])
        self.unit: dict[str, Any] = summary["units"][0]
        frames = dataset.frames
        self.result: Readiness = unit_readiness(frames, unit_key, AS_OF, self.regulation)

        def of_unit(name: str) -> pd.DataFrame:
            return frames[name].loc[frames[name]["unit_key"] == unit_key].reset_index(drop=True)

        self.plan = current_action_plan(of_unit("action_plan"), AS_OF).reset_index(drop=True)
        self.responses = of_unit("survey_responses")
        self.answers = of_unit("survey_answers")
        self.complaints = of_unit("complaints")
        self.problems = dataset.problems

    def excel(self, **changes: Any) -> bytes:
        args = {"summary_unit": self.unit, "result": self.result, "regulation": self.regulation,
                "plan_current": self.plan, "responses": self.responses, "answers": self.answers,
                "complaints": self.complaints, "problems": self.problems, "as_of": AS_OF, **changes}
        return excel_report(**args)

    def html(self, **changes: Any) -> str:
        args = {"summary_unit": self.unit, "result": self.result, "regulation": self.regulation,
                "plan_current": self.plan, "complaints": self.complaints, "as_of": AS_OF, **changes}
        return briefing_html(**args)
