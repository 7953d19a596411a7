"""The Kalapas briefing: one printable, self-contained HTML page (inline CSS, no scripts, no external
addresses), one A4 page per section.

No personal data: no complainant names, no phone numbers, no PIC names; complaints appear only as counts.
Every piece of text that comes from data (unit names, activity texts, labels) is escaped with
`html.escape`, so a unit named "<script>…" is shown as text.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..messages import IKM_UNSUR_LABELS, msg
from ..metrics import judged_on
from ..readiness import Readiness
from ..readiness.checks import PREDICATES
from ..readiness.explain import checks_table
from ..rules.regulation import Regulation
from ..summary import STALE_AFTER_DAYS
from ..views import areas as area_views
from ..views import complaints as complaint_views
from ..views import overview
from ..views import surveys as survey_views

PASS_COLOUR, FAIL_COLOUR = "#0072B2", "#D55E00"  # Okabe–Ito blue and vermillion
PASS_ICON, FAIL_ICON = "✓", "✗"
OVERDUE_SHOWN = 5

CSS = f"""
@page {{ size: A4; margin: 12mm 14mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 18px; line-height: 1.45;
       color: #111; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }}
h1 {{ font-size: 2rem; margin: 0 0 .25rem; line-height: 1.2; }}
h2 {{ font-size: 1.5rem; margin: 0 0 .75rem; padding-bottom: .25rem; border-bottom: 3px solid #111; }}
h3 {{ font-size: 1.2rem; margin: 1.25rem 0 .5rem; }}
p {{ margin: .4rem 0; }}
.subtitle {{ font-size: 1.15rem; margin: 0 0 1.25rem; }}
section {{ margin-bottom: 2.5rem; }}
.verdicts {{ display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }}
.verdict {{ flex: 1 1 16rem; border: 6px solid; border-radius: 8px; padding: .75rem 1rem; }}
.verdict.pass {{ border-color: {PASS_COLOUR}; }}
.verdict.fail {{ border-color: {FAIL_COLOUR}; }}
.verdict .predicate {{ font-size: 1.1rem; font-weight: 700; letter-spacing: .05em; }}
.verdict .state {{ font-size: 1.9rem; font-weight: 800; line-height: 1.2; }}
.verdict.pass .icon {{ color: {PASS_COLOUR}; }}
.verdict.fail .icon {{ color: {FAIL_COLOUR}; }}
.figures {{ display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }}
.figure {{ flex: 1 1 10rem; border: 2px solid #777; border-radius: 6px; padding: .5rem .75rem; }}
.figure .label {{ font-size: 1rem; }}
.figure .value {{ font-size: 1.8rem; font-weight: 800; }}
.figure .note {{ font-size: .95rem; color: #333; }}
ol.actions li {{ margin-bottom: .6rem; }}
ol.actions .effect {{ display: block; font-size: 1rem; color: #333; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }}
th, td {{ border: 1px solid #888; padding: .35rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
td.num {{ text-align: right; white-space: nowrap; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.ok, .no {{ font-weight: 700; }}
.ok .icon {{ color: {PASS_COLOUR}; }}
.no .icon {{ color: {FAIL_COLOUR}; }}
.area {{ margin: .9rem 0; break-inside: avoid; page-break-inside: avoid; }}
.area .name {{ font-weight: 700; }}
.bar {{ position: relative; height: 1.6rem; background: #e6e6e6; border: 1px solid #555; margin: .25rem 0; }}
.bar .fill {{ position: absolute; left: 0; top: 0; bottom: 0; background: {PASS_COLOUR}; }}
.bar .fill.below {{ background: {FAIL_COLOUR}; }}
.bar .mark {{ position: absolute; top: -.35rem; bottom: -.35rem; width: 0; border-left: 3px solid #000; }}
.bar .mark.wbbm {{ border-left-style: dashed; }}
.legend {{ font-size: 1rem; }}
.note {{ font-size: 1rem; color: #333; }}
footer {{ border-top: 2px solid #111; padding-top: .5rem; font-size: .95rem; color: #222; }}
@media print {{
  body {{ font-size: 12pt; line-height: 1.35; max-width: none; padding: 0; }}
  h1 {{ font-size: 20pt; }}
  h2 {{ font-size: 16pt; }}
  h3 {{ font-size: 13pt; margin-top: .8rem; }}
  .verdict .state {{ font-size: 20pt; }}
  .figure .value {{ font-size: 18pt; }}
  th, td {{ padding: .2rem .4rem; }}
  section {{ margin: 0; }}
  section + section {{ break-before: page; page-break-before: always; }}
  h2 {{ break-after: avoid; page-break-after: avoid; }}
  footer {{ break-inside: avoid; page-break-inside: avoid; }}
}}
"""


def _e(value: Any) -> str:
    """Any text for the page, escaped (data never becomes markup)."""
    return html.escape("" if value is None else str(value), quote=True)


def briefing_html(summary_unit: dict, result: Readiness, regulation: Regulation, plan_current: pd.DataFrame,
                  complaints: pd.DataFrame, as_of: date, stale_after_days: int | None = STALE_AFTER_DAYS) -> str:
    """The briefing of one unit on `as_of` as a complete HTML document.

    `plan_current` is the unit's current action plan (`metrics.current_action_plan`), `complaints` the unit's
    complaint rows (cut at `as_of` here; only counts are shown).
    """
    unit = str(summary_unit.get("unit") or summary_unit.get("key") or "")
    sections = [
        _verdict_section(unit, result, regulation, plan_current, as_of),
        _criteria_section(result),
        _areas_section(plan_current, regulation, as_of, stale_after_days),
        _surveys_section(summary_unit, result, regulation),
        _complaints_section(complaints, regulation, as_of),
    ]
    body = "\n".join(sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Bahan paparan Zona Integritas — {_e(unit)} — {_e(fmt.long_date(as_of))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
        f"{_footer(result, regulation, as_of)}\n</body>\n</html>\n"
    )


# ---- sections ------------------------------------------------------------------------------------

def _verdict_section(unit: str, result: Readiness, regulation: Regulation, plan: pd.DataFrame, as_of: date) -> str:
    score = result.score
    parts = [
        '<section aria-labelledby="s-kesimpulan">',
        f"<h1>Kesiapan Zona Integritas {_e(unit)}</h1>",
        f'<p class="subtitle">Posisi data per {_e(fmt.long_date(as_of))} · {_e(regulation.name)}</p>',
        '<h2 id="s-kesimpulan">Kesimpulan</h2>',
        '<div class="verdicts">',
    ]
    for predicate in PREDICATES:
        checks = result.checks[predicate]
        failing = sum(not c.passed for c in checks)
        ready = result.ready(predicate)
        state = "SIAP DIUSULKAN" if ready else "BELUM SIAP"
        detail = (f"Semua {len(checks)} kriteria terpenuhi" if ready
                  else f"{failing} dari {len(checks)} kriteria belum terpenuhi")
        parts.append(
            f'<div class="verdict {"pass" if ready else "fail"}">'
            f'<div class="predicate">{_e(predicate.upper())}</div>'
            f'<div class="state"><span class="icon" aria-hidden="true">{PASS_ICON if ready else FAIL_ICON}</span> '
            f"{_e(state)}</div><div>{_e(detail)}</div></div>")
    parts.append("</div>")
    minimum = {t.id: t for t in regulation.thresholds}
    figures = [
        ("Nilai total", score.total, regulation.total_max, minimum.get("total")),
        ("Pengungkit", score.pengungkit, regulation.pengungkit.max, minimum.get("pengungkit")),
        ("Hasil", score.hasil, regulation.hasil.max, None),
    ]
    parts.append('<div class="figures">')
    for label, value, maximum, row in figures:
        note = f"dari {fmt.number(maximum, 0)}"
        if row is not None:
            note += f"; minimum WBK {fmt.number(row.wbk, 2)}, WBBM {fmt.number(row.wbbm, 2)}"
        parts.append(f'<div class="figure"><div class="label">{_e(label)}</div>'
                     f'<div class="value">{_e(fmt.number(value, 2))}</div><div class="note">{_e(note)}</div></div>')
    parts.append(f'<div class="figure"><div class="label">Menuju batas pengusulan</div>'
                 f'<div class="value">{_e(fmt.number(overview.days_left(result), 0))} hari</div>'
                 f'<div class="note">batas {_e(fmt.long_date(result.deadline))}</div></div>')
    parts.append("</div>")
    parts.append("<h3>Tiga langkah yang paling cepat menutup kekurangan</h3>")
    actions = overview.closing_actions(result, regulation, plan)
    if actions:
        parts.append('<ol class="actions">')
        parts.extend(f'<li>{_e(a.what)}<span class="effect">Dampak: {_e(a.effect)}</span></li>' for a in actions)
        parts.append("</ol>")
    elif overview.next_predicate(result) is None:
        parts.append("<p>Unit ini sudah memenuhi semua syarat WBK dan WBBM pada data sekarang.</p>")
    else:
        parts.append("<p>Tidak ada langkah dari data rencana aksi atau survei yang mengubah penilaian; "
                     "lihat kriteria yang belum terpenuhi.</p>")
    missing = overview.missing_inputs(result)
    if missing:
        parts.append('<h3>Belum diisi (kriteria terkait belum dapat lulus)</h3><ul class="note">')
        parts.extend(f"<li>{_e(line)}</li>" for line in missing)
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _criteria_section(result: Readiness) -> str:
    parts = ['<section aria-labelledby="s-kriteria">', '<h2 id="s-kriteria">Kriteria yang belum terpenuhi</h2>']
    for predicate in PREDICATES:
        failing = [c for c in result.checks[predicate] if not c.passed]
        parts.append(f"<h3>{_e(predicate.upper())}</h3>")
        if not failing:
            parts.append(f"<p>{_badge(True, 'Memenuhi')} semua kriteria {_e(predicate.upper())}.</p>")
            continue
        table = checks_table(failing)
        parts.append(_table(table[["Kriteria", "Nilai", "Minimum", "Kekurangan"]], numeric=("Nilai", "Minimum", "Kekurangan")))
    parts.append("</section>")
    return "\n".join(parts)


def _areas_section(plan: pd.DataFrame, regulation: Regulation, as_of: date, stale_after_days: int | None) -> str:
    parts = ['<section aria-labelledby="s-area">', '<h2 id="s-area">Progres rencana aksi per area</h2>']
    if plan.empty:
        parts.append("<p>Belum ada data rencana aksi.</p></section>")
        return "\n".join(parts)
    judged = judged_on(plan, as_of, stale_after_days)
    activities = area_views.activities(plan, judged)
    if judged != as_of:
        parts.append(f'<p class="note">{_e(msg("overdue_on_data_day", day=fmt.short_date(judged)))}</p>')
    table = area_views.area_table(activities, regulation)
    wbk, wbbm = regulation.area_minimum("wbk"), regulation.area_minimum("wbbm")
    legend = []
    if wbk is not None:
        legend.append(f"garis tegas: minimum WBK {fmt.percent(wbk, 0)}")
    if wbbm is not None:
        legend.append(f"garis putus-putus: minimum WBBM {fmt.percent(wbbm, 0)}")
    if legend:
        parts.append(f'<p class="legend">Batang: rata-rata progres kegiatan area; {_e("; ".join(legend))}.</p>')
    for row in table.itertuples(index=False):
        pct = None if row.pct is None or pd.isna(row.pct) else float(row.pct)
        meets = pct is not None and wbk is not None and pct >= wbk
        if pct is None:
            state = '<span class="note">belum ada kegiatan</span>'
        elif wbk is None:
            state = ""
        else:
            state = _badge(meets, "memenuhi minimum WBK" if meets else "di bawah minimum WBK")
        counts = (f"{fmt.number(row.activities, 0)} kegiatan, {fmt.number(row.done, 0)} selesai, "
                  f"{fmt.number(row.overdue, 0)} lewat tenggat")
        shown = _e(fmt.percent(pct) if pct is not None else "–")
        width = 0.0 if pct is None else min(max(pct, 0.0), 100.0)
        marks = "".join(f'<span class="mark {name}" style="left:{min(max(float(v), 0.0), 100.0):.1f}%"></span>'
                        for name, v in (("wbk", wbk), ("wbbm", wbbm)) if v is not None)
        parts.append(
            f'<div class="area"><div class="name">{_e(row.area_label)}</div>'
            f'<div class="bar" aria-hidden="true"><span class="fill{"" if meets else " below"}" '
            f'style="width:{width:.1f}%"></span>{marks}</div>'
            f'<div><strong>{shown}</strong>{" · " + state if state else ""} · {_e(counts)}</div></div>')
    overdue = activities.loc[activities["status"] == "overdue"].sort_values("days_overdue", ascending=False)
    parts.append(f"<h3>Kegiatan lewat tenggat ({_e(fmt.number(len(overdue), 0))})</h3>")
    if overdue.empty:
        parts.append("<p>Tidak ada kegiatan yang lewat tenggat.</p>")
    else:
        shown = overdue.head(OVERDUE_SHOWN)
        rows = pd.DataFrame({
            "Area": shown["area_label"], "Kegiatan": shown["activity"],
            "Progres": [fmt.percent(p) for p in shown["progress"]],
            "Terlambat (hari)": [fmt.number(int(d), 0) for d in shown["days_overdue"]],
        })
        parts.append(_table(rows, numeric=("Progres", "Terlambat (hari)")))
        if len(overdue) > OVERDUE_SHOWN:
            parts.append(f'<p class="note">Ditampilkan {OVERDUE_SHOWN} yang paling lama terlambat dari {len(overdue)}.</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _surveys_section(summary_unit: dict, result: Readiness, regulation: Regulation) -> str:
    parts = ['<section aria-labelledby="s-survei">', '<h2 id="s-survei">Survei</h2>', "<h3>IKM (Indeks Kepuasan Masyarakat)</h3>"]
    ikm = result.extras.get("ikm")
    if ikm and "index" in ikm:
        parts.append(f'<div class="figures"><div class="figure"><div class="label">IKM (skala 25–100)</div>'
                     f'<div class="value">{_e(fmt.number(ikm["index"], 2))}</div>'
                     f'<div class="note">mutu pelayanan {_e(ikm["grade"])} · {_e(fmt.number(ikm["respondents"], 0))} responden'
                     f' · unsur terlemah {_e(_unsur(ikm["weakest_unsur"]))}</div></div></div>')
    else:
        parts.append("<p>Belum ada data IKM.</p>")
    if ikm and ikm.get("legacy_form"):
        parts.append(f'<p class="note">{_e(ikm.get("legacy_note", ""))}</p>')
    parts.append("<h3>SPAK dan SPKP terhadap minimum (indeks skala 4)</h3>")
    table = survey_views.perception_table(summary_unit.get("surveys") or {}, regulation)
    rows = []
    for row in table.to_dict("records"):
        measured = row["index_4"] is not None and not pd.isna(row["index_4"])
        rows.append({
            "Survei": row["label"],
            "Indeks": fmt.number(row["index_4"], 2) if measured else "belum ada data",
            "Responden": fmt.number(row["respondents"], 0),
            "Minimum WBK": _opt(row["wbk_min_index"]), "Minimum WBBM": _opt(row["wbbm_min_index"]),
            "WBK": bool(row["meets_wbk"]), "WBBM": bool(row["meets_wbbm"]),
        })
    parts.append(_table(pd.DataFrame(rows), numeric=("Indeks", "Responden", "Minimum WBK", "Minimum WBBM"),
                        marks=("WBK", "WBBM")))
    parts.append("</section>")
    return "\n".join(parts)


def _complaints_section(complaints: pd.DataFrame, regulation: Regulation, as_of: date) -> str:
    parts = ['<section aria-labelledby="s-pengaduan">', '<h2 id="s-pengaduan">Pengaduan</h2>']
    frame = complaint_views.until(complaints, as_of) if not complaints.empty else complaints
    if frame.empty:
        parts.append("<p>Belum ada data pengaduan.</p></section>")
        return "\n".join(parts)
    sla = regulation.conventions.complaint_sla_working_days
    figures = [(f.label, f.value, f.note) for f in complaint_views.key_figures(frame, as_of, sla)]
    parts.append('<div class="figures">')
    parts.extend(f'<div class="figure"><div class="label">{_e(label)}</div><div class="value">{_e(value)}</div>'
                 f'<div class="note">{_e(note)}</div></div>' for label, value, note in figures)
    parts.append("</div>")
    parts.append('<p class="note">Hanya jumlah; nama pelapor dan nomor telepon tidak dicantumkan.</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _footer(result: Readiness, regulation: Regulation, as_of: date) -> str:
    score = result.score
    sla = regulation.conventions.complaint_sla_working_days
    lines = [
        f"Cara menghitung: nilai dan kriteria menurut {regulation.name}; dasar nilai {score.basis_text}.",
        (f"Data sesudah {fmt.long_date(as_of)} tidak dihitung; tenggat kegiatan dinilai pada tanggal itu. "
         f"Batas pengusulan {fmt.long_date(result.deadline)}."),
        ("Langkah penutup kekurangan adalah simulasi mesin penilaian yang sama atas langkah nyata, diurutkan menurut "
         "jumlah kriteria yang menjadi terpenuhi, lalu tambahan nilai."),
        (f"Indeks SPAK/SPKP pada skala 4; IKM menurut PermenPANRB 14/2017 (skala 25–100). Pengaduan selesai tepat waktu: "
         f"paling lama {sla} hari kerja (Senin–Jumat) dari tanggal diterima."),
        "Tanpa data pribadi: nama pelapor, nomor telepon dan nama PIC tidak dicantumkan. Dibuat dengan ZI Analytics.",
    ]
    notes = "".join(f"<li>{_e(note)}</li>" for note in dict.fromkeys(score.notes))
    return ("<footer>\n" + "\n".join(f"<p>{_e(line)}</p>" for line in lines)
            + (f"\n<p>Catatan perhitungan untuk unit ini:</p>\n<ul>{notes}</ul>" if notes else "") + "\n</footer>")


# ---- small pieces --------------------------------------------------------------------------------

def _unsur(key: str) -> str:
    label = IKM_UNSUR_LABELS.get(key)
    return f"{key} {label}" if label else str(key)


def _opt(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else fmt.number(value, 2)


def _badge(passed: bool, words: str) -> str:
    """A verdict as icon and word (never colour alone); only the icon is coloured."""
    css, icon = ("ok", PASS_ICON) if passed else ("no", FAIL_ICON)
    return f'<span class="{css}"><span class="icon">{icon}</span> {_e(words)}</span>'


def _table(frame: pd.DataFrame, numeric: tuple[str, ...] = (), marks: tuple[str, ...] = ()) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in frame.columns)
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column, value in record.items():
            text = "–" if value is None or (isinstance(value, float) and pd.isna(value)) else value
            if column in marks:
                cells.append(f"<td>{_badge(bool(value), 'Memenuhi' if value else 'Belum')}</td>")
                continue
            css = ' class="num"' if column in numeric else ""
            cells.append(f"<td{css}>{_e(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
