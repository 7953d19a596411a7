"""What the briefing's slides say beside each figure: its minimum, its change since the previous snapshot, and
only the trend lines a room can read."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from support.paths import SAMPLES
from zi_analytics import formatting as fmt
from zi_analytics.batch import ingest_paths
from zi_analytics.dataset import combine
from zi_analytics.metrics import unit_summary
from zi_analytics.readiness import unit_readiness
from zi_analytics.rules.regulation import load_regulation
from zi_analytics.views import areas, overview
from zi_analytics.views.surveys import perception_table

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def malang():
    results, registry = ingest_paths([SAMPLES / "Lapas Malang"], today=AS_OF, workers=1)
    frames = dict(combine(results, registry).unit_frames("lapas-malang"))
    plan = frames["action_plan"]
    earlier = plan.assign(snapshot_date=date(2026, 9, 30), progress=plan["progress"].astype(float) * 0.8)  # a month before
    frames["action_plan"] = pd.concat([earlier, plan], ignore_index=True)
    return frames, load_regulation()


def test_each_score_carries_its_minimum_and_its_change_since_the_previous_snapshot(malang):
    frames, regulation = malang
    history = areas.progress_history(frames["action_plan"], AS_OF)
    since = overview.previous_snapshot(history)
    assert since == date(2026, 9, 30)
    now = unit_readiness(frames, "lapas-malang", AS_OF, regulation)
    before = unit_readiness(frames, "lapas-malang", since, regulation)
    figures = {label: (value, note) for label, value, note in overview.status_figures(now, before, since)}
    value, note = figures["Nilai total"]
    assert value == fmt.number(now.score.total, 2)
    assert note.startswith("min. WBK 75,00 · WBBM 85,00 · ")
    delta = now.score.total - before.score.total
    arrow = "▲" if delta > 0.005 else "▼" if delta < -0.005 else "="
    assert note.endswith(f"{arrow} {fmt.number(abs(delta), 2)} sejak {fmt.short_date(since)}")
    assert figures["Pengungkit"][1].startswith("min. WBK 40,00 · WBBM 48,00")
    assert "min." not in figures["Hasil"][1]  # no criterion judges Hasil alone
    assert overview.status_figures(now, None, None)[0][2] == "min. WBK 75,00 · WBBM 85,00"  # one snapshot: no change


def test_a_change_reads_with_an_arrow_and_no_sign():
    day = date(2026, 10, 31)
    assert overview.change_note(70.0, 68.75, day) == "▲ 1,25 sejak 31 Okt 2026"
    assert overview.change_note(68.0, 70.0, day) == "▼ 2,00 sejak 31 Okt 2026"
    assert overview.change_note(70.0, 70.001, day) == "= 0,00 sejak 31 Okt 2026"
    assert overview.change_note(70.0, None, day) == ""


def test_the_trend_slide_keeps_the_mean_and_the_areas_furthest_below_the_minimum(malang):
    frames, regulation = malang
    history = areas.progress_history(frames["action_plan"], AS_OF)
    lines = areas.trend_lines(history, regulation)
    assert lines[0] == "overall" and 1 <= len(lines) <= 3
    latest = history.loc[history["snapshot_date"] == history["snapshot_date"].max()].set_index("area")["pct"]
    behind = latest.drop("overall").loc[lambda pct: pct < regulation.area_minimum("wbk")].sort_values()
    assert lines[1:] == list(behind.index[:2]) if len(behind) else lines[1:] == list(latest.drop("overall").sort_values().index[:2])
    assert areas.trend_lines(pd.DataFrame(columns=history.columns), regulation) == []


def test_the_survey_slide_shows_each_index_with_the_index_its_minimum_needs(malang):
    frames, regulation = malang
    figures = unit_summary(frames, "lapas-malang", AS_OF)["surveys"]
    rows = {label: (value, note) for label, value, note in overview.survey_figures(figures, regulation)}
    table = perception_table(figures, regulation).set_index("survey")
    assert rows["SPAK/IPAK"] == (fmt.number(table.loc["ipak", "index_4"], 2),
                                 f"min. WBK {fmt.number(table.loc['ipak', 'wbk_min_index'], 2)} · "
                                 f"WBBM {fmt.number(table.loc['ipak', 'wbbm_min_index'], 2)}")
    empty = {label: (value, note) for label, value, note in overview.survey_figures({"ikm": None, "ipak": None, "ipkp": None},
                                                                                    regulation)}
    assert empty["IKM"] == ("–", "Belum ada data") and empty["SPKP/IPKP"][1].startswith("Belum ada data · min. WBK")
