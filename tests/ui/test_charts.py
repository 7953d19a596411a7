"""What a chart and a table say matches how people read them: survey periods as 'Triwulan I 2026' in time
order, and the unsur chart titled "terlemah di atas" with the weakest at the top."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest

from zi_analytics import formatting as fmt
from zi_analytics.report import tables
from zi_analytics.ui import charts


@pytest.mark.parametrize(("key", "label"), [
    ("2026-Q1", "Triwulan I 2026"), ("2025-Q4", "Triwulan IV 2025"), ("2026-S1", "Semester I 2026"),
    ("2026-S2", "Semester II 2026"), ("Semester I", "Semester I"), ("tanpa periode", "tanpa periode"),
    ("2026-Q5", "2026-Q5"),
])
def test_a_survey_period_reads_as_people_write_it(key, label):
    assert fmt.period_label(key) == label


def test_the_trend_chart_and_table_show_periods_in_time_order_as_words():
    trend = pd.DataFrame({"survey": ["ikm"] * 3, "label": ["IKM"] * 3, "period": ["2026-Q1", "2025-Q4", "2025-Q3"],
                          "value": [80.0, 78.5, 77.0], "respondents": [30, 25, 20]})
    figure = charts.over_time(trend, "period", "value", "label", "IKM per periode", "Indeks", [25, 100])
    assert list(figure.layout.xaxis.categoryarray) == ["Triwulan III 2025", "Triwulan IV 2025", "Triwulan I 2026"]
    assert list(figure.data[0].x) == ["Triwulan III 2025", "Triwulan IV 2025", "Triwulan I 2026"]
    y = figure.data[0].y  # plotly keeps numbers as base64 arrays
    values = np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]) if isinstance(y, dict) else y
    assert list(values) == [77.0, 78.5, 80.0]
    assert list(tables.survey_trend(trend)["Periode"]) == ["Triwulan I 2026", "Triwulan IV 2025", "Triwulan III 2025"]


def test_the_unsur_chart_puts_the_weakest_at_the_top_as_its_title_says():
    table = pd.DataFrame({"unsur": ["U9", "U3", "U1"], "label": ["Penanganan pengaduan", "Waktu", "Persyaratan"],
                          "nrr": [2.5, 3.0, 3.6], "grade": ["C", "B", "A"], "index": [62.5, 75.0, 90.0]})
    figure = charts.unsur(table, "Nilai per unsur IKM (terlemah di atas)")
    assert list(figure.data[0].y) == ["U9 Penanganan pengaduan", "U3 Waktu", "U1 Persyaratan"]
    assert figure.layout.yaxis.autorange == "reversed"  # the first category drawn at the top


def test_the_area_heatmap_breaks_its_colours_at_the_minimum_of_the_chosen_predicate():
    matrix = pd.DataFrame({"Manajemen Perubahan": [56.7, 58.0, 60.0, 80.0]}, index=["A", "B", "C", "D"])
    figure = charts.heatmap(matrix, "Nilai area", 60.0)
    scale = [(stop, colour) for stop, colour in figure.data[0].colorscale]
    below = [colour for stop, colour in scale if stop <= 0.6][:-1]
    assert scale[0] == (0.0, charts.FAIL) and scale[-1] == (1.0, charts.PASS)
    assert [stop for stop, _ in scale].count(0.6) == 2  # a hard break at the minimum, not a blend across it
    assert charts.PASS not in below
    text = [row[0] for row in figure.data[0].text]
    assert text == ["✗ 56,7", "✗ 58,0", "60,0", "80,0"]
    assert charts.heat_scale(None) == charts.HEAT_SCALE


def test_scatter_labels_stay_inside_the_plot_and_names_sit_on_a_white_ground():
    points = pd.DataFrame({"unit": ["Lapas A", "Rutan B"], "ipak": [3.1, 3.5], "ipkp": [2.9, 3.52],
                           "ready": ["Belum siap", "Belum siap"]})
    figure = charts.survey_scatter(points, {"ipak_wbk": 3.6, "ipak_wbbm": 3.6, "ipkp_wbk": 3.2, "ipkp_wbbm": 3.6}, "")
    notes = {a.text: a for a in figure.layout.annotations}
    assert notes["min. WBK 3,20"].xanchor == "left" and notes["min. WBBM 3,60"].xanchor == "left"
    assert {"Lapas A", "Rutan B"} <= set(notes) and all(notes[n].bgcolor for n in ("Lapas A", "Rutan B"))
    assert all(trace.mode == "markers" for trace in figure.data)  # no name drawn across a threshold line


def test_a_pictured_sheet_escapes_its_cells_and_writes_numbers_the_indonesian_way():
    from zi_analytics.ui.sheet_picture import sheet_picture

    html = sheet_picture([["No", "Uraian"], [1, "<b>x</b>"], [2, 0.5]], header=0, sheet="RA")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "0,50" in html and "class='zi-head'" in html and ">RA<" in html and "<th>B</th>" in html
