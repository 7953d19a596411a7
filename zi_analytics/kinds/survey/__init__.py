"""Surveys (IKM, SPAK/IPAK, SPKP/IPKP): responses, their answers and the questions read. Profile fields and
synonyms in fields.toml, the questions' rules in rules/surveys.toml, the parser in parse.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..common import SheetContext
from ..spec import KIND_SPECS
from .parse import ANSWER_COLUMNS, QUESTION_COLUMNS, RESPONSE_COLUMNS, parse_survey

SPEC = KIND_SPECS["survey"]
FRAMES = {"survey_responses": RESPONSE_COLUMNS, "survey_answers": ANSWER_COLUMNS, "survey_questions": QUESTION_COLUMNS}


def parse(ctx: SheetContext, today: date) -> dict[str, pd.DataFrame]:
    output = parse_survey(ctx, today)
    return {"survey_responses": output.responses, "survey_answers": output.answers, "survey_questions": output.questions}
