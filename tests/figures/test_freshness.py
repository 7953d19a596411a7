"""Old data is said to be old, and its overdue work is counted to the day the data describes, the same in the
summary, the pages' tables and the exports (a 2025 plan seen in December 2026 is not '675 days late')."""

from __future__ import annotations

from datetime import date

import pandas as pd

from zi_analytics.kinds.registry import FRAME_COLUMNS
from zi_analytics.metrics import action_plan_summary, data_day, judged_on
from zi_analytics.views import areas
from zi_analytics.views.freshness import freshness, line, overdue_note, warning

AS_OF = date(2026, 12, 7)


def plan(snapshot: date | None, year: int | None = 2025) -> pd.DataFrame:
    rows = [("manajemen_perubahan", "SK Tim Pokja", date(2025, 3, 31), 100.0),
            ("penataan_tatalaksana", "Reviu SOP", date(2025, 11, 30), 40.0),
            ("penguatan_pengawasan", "Survei integritas", date(2026, 6, 30), 0.0)]
    frame = pd.DataFrame({"unit_key": "lapas-x", "area": [r[0] for r in rows], "activity": [r[1] for r in rows],
                          "target_date": [r[2] for r in rows], "progress": [r[3] for r in rows],
                          "snapshot_date": [snapshot] * 3, "plan_year": [year] * 3, "pic": "KPLP", "output": "",
                          "evidence": "", "sheet": "RA", "row": [5, 6, 7]})
    return frame.reindex(columns=FRAME_COLUMNS["action_plan"])


def frames(action_plan: pd.DataFrame) -> dict[str, pd.DataFrame]:
    empty = {name: pd.DataFrame(columns=columns) for name, columns in FRAME_COLUMNS.items()}
    return empty | {"action_plan": action_plan}


def test_an_old_plan_is_judged_on_its_own_day_and_a_recent_one_on_the_position_date():
    old = plan(date(2025, 12, 31))
    assert data_day(old) == date(2025, 12, 31)
    assert judged_on(old, AS_OF, 45) == date(2025, 12, 31)
    assert judged_on(old, AS_OF, None) == AS_OF  # no setting: the position date, as before
    recent = plan(date(2026, 11, 30))
    assert judged_on(recent, AS_OF, 45) == AS_OF
    undated = plan(None, 2025)
    assert data_day(undated) == date(2025, 12, 31)  # 'RENCANA AKSI TAHUN 2025': the year's last day
    assert data_day(plan(None, None)) is None and judged_on(plan(None, None), AS_OF, 45) == AS_OF


def test_the_summary_the_tables_and_the_note_agree_on_the_overdue_count():
    old = plan(date(2025, 12, 31))
    judged = judged_on(old, AS_OF, 45)
    table = areas.activities(old, judged)
    summary = action_plan_summary(old, AS_OF, stale_after_days=45)
    assert summary["overdue"] == int((table["status"] == "overdue").sum()) == 1  # only the SOP, due Nov 2025
    assert table["days_overdue"].dropna().tolist() == [31]  # 30 Nov to 31 Dec 2025, not 372 days
    assert action_plan_summary(old, AS_OF)["overdue"] == 2  # judged today, the survey (due Jun 2026) is late too


def test_a_page_says_how_old_its_data_is_and_which_day_overdue_is_counted_to():
    complaints = pd.DataFrame({"received_date": [date(2026, 11, 28)]}).reindex(columns=FRAME_COLUMNS["complaints"])
    fresh = freshness(frames(plan(date(2025, 12, 31))) | {"complaints": complaints}, AS_OF, 45)
    assert fresh.stale == ("action_plan",) and fresh.judged == date(2025, 12, 31)
    assert line(fresh) == "Data terbaru: rencana aksi 31 Des 2025 ⚠ · register pengaduan 28 Nov 2026"
    text = warning(fresh)
    assert "rencana aksi sudah 341 hari" in text and "batas 45 hari" in text and "31 Des 2025" in text
    assert "tanggal data rencana aksi" in overdue_note(fresh)
    current = freshness(frames(plan(date(2026, 11, 30))), AS_OF, 45)
    assert warning(current) is None and overdue_note(current) == "Lewat tenggat dihitung per 7 Des 2026."
