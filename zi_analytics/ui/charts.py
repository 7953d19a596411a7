"""Every chart of the app, built once with plotly express in one palette and Indonesian number format.

Pass and fail use Okabe–Ito blue and vermillion, which colour-blind readers tell apart, and every
pass/fail mark also carries a word or symbol, so colour is never the only signal. Dates on axes are
written out in Indonesian ("Okt 2026") because plotly's own date labels are English. No chart shows
personal data.

Plotly reads a subset of HTML in every text it draws (<b>, <a href>, <span style>), so `style` escapes
each text of a figure's data (labels, categories, legend names) once; a line break is written "\n" and
becomes <br> there. An activity named "<b>x</b>" shows its tags.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from .. import formatting as fmt

PASS, FAIL, NEUTRAL, TARGET = "#0072B2", "#D55E00", "#8C8C8C", "#000000"
SEQUENCE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATE_COLOURS = {"Memenuhi": PASS, "Belum": FAIL, "Belum ada data": NEUTRAL}
HEAT_SCALE = [[0.0, "#D55E00"], [0.5, "#F7F7F7"], [1.0, "#0072B2"]]


def cached_figure(build: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """Keep each figure (as its dict) per input: plotly express takes ~50 ms to build one and ~12 ms to
    rebuild it from the dict, and every page view of every session would otherwise build them all again."""
    keep = st.cache_data(max_entries=512, show_spinner=False)(lambda *args, **kwargs: build(*args, **kwargs).to_dict())
    keep.__qualname__ = keep.__name__ = f"figure_{build.__name__}"

    @wraps(build)
    def figure(*args: Any, **kwargs: Any) -> go.Figure:
        return go.Figure(keep(*args, **kwargs))

    return figure


def style(fig: go.Figure, height: int = 360, large: bool = False) -> go.Figure:
    """Indonesian separators (1.234,5), the shared palette, readable text; `large` for the briefing screen."""
    size = 22 if large else 13
    titled = bool(fig.layout.title.text)
    fig.update_layout(separators=",.", height=height, colorway=SEQUENCE, font={"size": size},
                      margin={"l": 10, "r": 10, "t": (100 if large else 90) if titled else 40, "b": 10},
                      title={"y": 0.99, "yanchor": "top", "x": 0, "xanchor": "left"},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "title": None},
                      hoverlabel={"font_size": size})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return as_plain_text(fig)


TRACE_TEXTS = ("x", "y", "text", "hovertext", "labels", "parents", "ids", "name", "legendgroup", "customdata")
AXIS_TEXTS = ("categoryarray", "ticktext")


def plain(value: Any) -> Any:
    """A text as plotly shows it literally; numbers, dates and containers of them pass through."""
    if isinstance(value, str):
        return html.escape(value, quote=False).replace("\n", "<br>")
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind in "OU":  # objects, or numpy's own strings
        return np.array([plain(v) for v in value.tolist()], dtype=object)
    return value


def as_plain_text(fig: go.Figure) -> go.Figure:
    """Every data text of the figure escaped (see the module docstring); templates and titles are ours."""
    for trace in fig.data:
        group = trace["legendgroup"] if "legendgroup" in trace else None
        if isinstance(group, str) and group and isinstance(trace["hovertemplate"], str):
            # plotly express writes a colour group's value into the hover template ("Status=<value><br>…")
            trace["hovertemplate"] = trace["hovertemplate"].replace(f"={group}<br>", f"={plain(group)}<br>")
        for attribute in TRACE_TEXTS:
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = plain(trace[attribute])
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        for attribute in AXIS_TEXTS:
            if axis[attribute] is not None:
                axis[attribute] = plain(axis[attribute])
    return fig


def state(passed: bool | None) -> str:
    return "Belum ada data" if passed is None else "Memenuhi" if passed else "Belum"


@cached_figure
def area_progress(table: pd.DataFrame, minimum_column: str = "wbk_min", title: str | None = None,
                  large: bool = False) -> go.Figure:
    """Horizontal bars per area, coloured by whether the minimum is met, with the minimum as a black tick."""
    data = table.assign(
        Status=[state(None if pd.isna(p) else p >= m) for p, m in zip(table["pct"], table[minimum_column])],
        Progres=table["pct"].fillna(0.0),
        Teks=[("✓ " if (not pd.isna(p) and p >= m) else "✗ ") + fmt.percent(None if pd.isna(p) else p)
              for p, m in zip(table["pct"], table[minimum_column])])
    fig = px.bar(data, x="Progres", y="area_label", color="Status", orientation="h", text="Teks", range_x=[0, 105],
                 color_discrete_map=STATE_COLOURS, title=title, labels={"area_label": "", "Progres": "Progres (%)"},
                 category_orders={"area_label": list(table["area_label"])})
    fig.add_trace(go.Scatter(x=data[minimum_column], y=data["area_label"], mode="markers", name="Minimum",
                             marker={"symbol": "line-ns", "size": 26 if large else 18, "line": {"width": 4, "color": TARGET}},
                             hovertemplate="Minimum %{x:.1f}%<extra></extra>"))
    fig.update_traces(textposition="inside", insidetextanchor="start", selector={"type": "bar"})
    return style(fig, 80 + 48 * len(table) if not large else 120 + 52 * len(table), large)


@cached_figure
def over_time(table: pd.DataFrame, x: str, y: str, colour: str | None, title: str, y_label: str,
              y_range: list[float] | None = None, large: bool = False) -> go.Figure:
    """Lines with markers; dated x values become Indonesian labels in time order."""
    data = table.sort_values(x).copy()
    if len(data) and isinstance(data[x].iloc[0], (pd.Timestamp, date)):
        order = sorted(data[x].unique())
        data[x] = data[x].map(fmt.short_date)
        categories = [fmt.short_date(v) for v in order]
    else:  # survey period keys ('2026-Q1') sort in time order and show as 'Triwulan I 2026'
        categories = [fmt.period_label(v) for v in sorted(data[x].unique())]
        data[x] = data[x].map(fmt.period_label)
    fig = px.line(data, x=x, y=y, color=colour, markers=True, title=title, range_y=y_range,
                  labels={x: "", y: y_label, colour or "": ""}, category_orders={x: categories})
    fig.update_xaxes(type="category")
    if large and colour:  # read from the back of the room: thick lines named at their last point, no legend
        fig.update_traces(line={"width": 6}, marker={"size": 14})
        for trace in fig.data:
            last = len(trace.x) - 1
            trace.update(mode="lines+markers+text", textposition="middle right", cliponaxis=False,
                         text=[trace.name if i == last else "" for i in range(len(trace.x))])
        fig.update_layout(showlegend=False)
    fig = style(fig, 560 if large else 380, large)
    if large and colour:
        fig.update_layout(margin={"r": 260})  # after `style`, which sets every margin: room for the line names
    return fig


@cached_figure
def bars(table: pd.DataFrame, x: str, y: str, title: str, x_label: str = "", y_label: str = "Jumlah",
         horizontal: bool = False, colour: str | None = None, large: bool = False) -> go.Figure:
    if horizontal:
        fig = px.bar(table, x=y, y=x, orientation="h", title=title, text=y, color=colour,
                     labels={x: x_label, y: y_label}, category_orders={x: list(table[x])})
    else:
        fig = px.bar(table, x=x, y=y, title=title, text=y, color=colour, labels={x: x_label, y: y_label},
                     category_orders={x: list(table[x])})
    fig.update_traces(textposition="outside", cliponaxis=False)
    if colour is None:
        fig.update_traces(marker_color=PASS)
    return style(fig, max(300, 60 + 36 * len(table)) if horizontal else 360, large)


@cached_figure
def monthly(table: pd.DataFrame, title: str, large: bool = False) -> go.Figure:
    data = table.assign(Bulan=table["month"].map(fmt.month_label)).melt(
        id_vars="Bulan", value_vars=["received", "resolved"], var_name="Jenis", value_name="Jumlah")
    data["Jenis"] = data["Jenis"].map({"received": "Masuk", "resolved": "Selesai"})
    fig = px.bar(data, x="Bulan", y="Jumlah", color="Jenis", barmode="group", title=title, text="Jumlah",
                 color_discrete_map={"Masuk": NEUTRAL, "Selesai": PASS}, labels={"Bulan": ""},
                 category_orders={"Bulan": list(dict.fromkeys(data["Bulan"]))})
    return style(fig, 360, large)


@cached_figure
def unsur(table: pd.DataFrame, title: str) -> go.Figure:
    data = table.assign(Nama=table["unsur"] + " " + table["label"], Teks=[f"{fmt.number(v, 2)} ({g})" for v, g in
                                                                          zip(table["nrr"], table["grade"])])
    fig = px.bar(data, x="nrr", y="Nama", orientation="h", text="Teks", title=title, range_x=[1, 4.3],
                 labels={"nrr": "Nilai rata-rata unsur (1–4)", "Nama": ""}, category_orders={"Nama": list(data["Nama"])})
    fig.update_traces(marker_color=PASS)
    fig.update_yaxes(autorange="reversed")  # the table's first row (the weakest) at the top, as the title says
    return style(fig, 80 + 40 * len(table))


@cached_figure
def distribution(table: pd.DataFrame, title: str) -> go.Figure:
    values = sorted(table["value"].unique(), key=int)
    fig = px.bar(table, x="share", y="question", color="value", orientation="h", title=title,
                 labels={"share": "Porsi jawaban (%)", "question": "", "value": "Jawaban"},
                 category_orders={"value": values}, color_discrete_sequence=_diverging(len(values)))
    return style(fig, 100 + 34 * table["question"].nunique())


def _diverging(count: int) -> list[str]:
    """Low answers vermillion, high answers blue, through grey: readable without red-green."""
    ramp = ["#D55E00", "#E69F00", "#BDBDBD", "#56B4E9", "#0072B2", "#08306B"]
    if count == 1:
        return [ramp[4]]
    if count <= len(ramp):
        return [ramp[round(i * (len(ramp) - 1) / (count - 1))] for i in range(count)]
    return px.colors.sample_colorscale([[0, "#D55E00"], [0.5, "#F7F7F7"], [1, "#0072B2"]], count)


def heat_scale(minimum: float | None) -> list[list[Any]]:
    """Vermillion below the minimum, blue from it up, with a break at the minimum itself: 58,0 against a minimum
    of 60 must not look like a pass. Without a minimum, a plain diverging scale around the middle."""
    if minimum is None or not 0 < minimum < 100:
        return HEAT_SCALE
    at = minimum / 100
    return [[0.0, FAIL], [at, "#F6C9AE"], [at, "#CFE3F2"], [1.0, PASS]]


@cached_figure
def heatmap(matrix: pd.DataFrame, title: str, minimum: float | None) -> go.Figure:
    text = [[("✗ " if minimum is not None and v < minimum else "") + fmt.number(v, 1) for v in row] for row in matrix.to_numpy()]
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=[wrap(c) for c in matrix.columns], y=list(matrix.index), text=text,
                               texttemplate="%{text}", zmin=0, zmax=100, colorscale=heat_scale(minimum),
                               colorbar={"title": "% maks."},
                               hovertemplate="%{y}<br>%{x}: %{z:.1f}%<extra></extra>"))
    fig.update_layout(title=title)
    fig.update_xaxes(tickangle=0)
    return style(fig, 200 + 44 * len(matrix))


def wrap(text: str, width: int = 14) -> str:
    """Long axis labels on several lines; `style` turns the line breaks into plotly's <br>."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


@cached_figure
def survey_scatter(table: pd.DataFrame, lines: dict[str, float], title: str) -> go.Figure:
    fig = px.scatter(table, x="ipak", y="ipkp", text="unit", symbol="ready", color="ready", title=title,
                     color_discrete_map={"Siap WBBM": PASS, "Siap WBK": "#009E73", "Belum siap": FAIL},
                     labels={"ipak": "Indeks SPAK/IPAK (skala 4)", "ipkp": "Indeks SPKP/IPKP (skala 4)", "ready": ""})
    fig.update_traces(mode="markers", marker={"size": 14})
    for row in table.itertuples():  # names on a white ground, so a threshold line does not run through them
        fig.add_annotation(x=row.ipak, y=row.ipkp, text=plain(str(row.unit)), showarrow=False, yshift=18,
                           bgcolor="rgba(255,255,255,0.85)", font={"size": 12})
    merged: dict[tuple[str, float], list[str]] = {}
    for key, value in lines.items():
        survey, predicate = key.split("_")
        merged.setdefault((survey, round(value, 4)), []).append(predicate.upper())
    for (survey, value), predicates in merged.items():
        dash = "dash" if predicates[0] == "WBK" else "dot"
        label = f"min. {'/'.join(predicates)} {fmt.number(value, 2)}"
        if survey == "ipak":
            fig.add_vline(x=value, line_dash=dash, line_color=TARGET, annotation_text=label, annotation_position="top")
        else:
            fig.add_hline(y=value, line_dash=dash, line_color=TARGET, annotation_text=label,
                          annotation_position="top left")  # inside the plot: at its right edge it was cut off
    low = min([2.5, *table["ipak"], *table["ipkp"]]) if len(table) else 2.5
    fig.update_xaxes(range=[low - 0.1, 4.05])
    fig.update_yaxes(range=[low - 0.1, 4.05])
    return style(fig, 480)


@cached_figure
def funnel(table: pd.DataFrame, title: str) -> go.Figure:
    """Stages as bars narrowing downwards; a stage with no unit still shows '0 unit' (plotly's funnel hides it)."""
    data = table.assign(Teks=[f"{n} unit" for n in table["units"]])
    fig = px.bar(data, x="units", y="stage", orientation="h", text="Teks", title=title, labels={"units": "Unit", "stage": ""},
                 category_orders={"stage": list(table["stage"])})
    fig.update_traces(marker_color=PASS, textposition="outside", cliponaxis=False)
    fig.update_xaxes(range=[0, max(1, int(table["units"].max())) * 1.25], dtick=max(1, int(table["units"].max()) // 5 or 1))
    fig = style(fig, 360)
    fig.update_layout(margin={"r": 70})  # room for "12 unit" outside the longest bar in a narrow column
    return fig


@cached_figure
def lke_treemap(tree: pd.DataFrame) -> go.Figure:
    """Section → area → question, sized by count, coloured by value (0 vermillion … 1 blue; grey unanswered)."""
    data = tree.assign(Nilai=tree["value"].fillna(-0.01), Pertanyaan=tree["label"].astype(str).str.slice(0, 80), n=1)
    fig = px.treemap(data, path=["section_label", "area_label", "Pertanyaan"], values="n", color="Nilai",
                     color_continuous_scale=[[0, NEUTRAL], [0.01, FAIL], [0.5, "#F7F7F7"], [1.0, PASS]],
                     range_color=[-0.01, 1], title="Pohon LKE: nilai tiap pertanyaan (abu-abu: belum dijawab)")
    fig.update_traces(hovertemplate="%{label}<br>Nilai %{color:.2f}<extra></extra>")
    return style(fig, 520)
