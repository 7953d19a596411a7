"""The upload report of one file, and the sheet / header-row / column picker for readings that need a person.

Used by the Unggah Data page for new uploads and for files already stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from .. import formatting as fmt
from ..limits import DEFAULT_LIMITS, MB, Limits
from ..errors import IngestError
from ..ingest import SheetOverride
from ..kinds.spec import KIND_SPECS
from ..messages import CHOOSE_ONE, FIELD_LABELS, KIND_LABELS, msg, question_label
from ..read import RawWorkbook, read_workbook
from ..store import Principal, Workspace
from ..store.export import labelled_problems
from ..store import DENIED, DUPLICATE, FAILED, REREAD, RESTORED, STORED
from ..views import upload
from .escape import md
from .widgets import csv_download
from ..services import import_bytes, reread

STATUS_VIEW = {STORED: ("success", "disimpan"), DUPLICATE: ("info", "sudah ada, tidak ada yang berubah"),
               RESTORED: ("info", "dipulihkan"), FAILED: ("error", "gagal dibaca, tidak disimpan"),
               DENIED: ("error", "tidak disimpan"), REREAD: ("success", "dibaca ulang dan disimpan")}
OUTCOMES = "upload_outcomes"


def remember(outcome: Any, name: str, data: bytes, folders: tuple[str, ...] = (),
             overrides: dict[str, SheetOverride] | None = None) -> dict[str, Any]:
    """What the page keeps of an upload in this session only (bytes only while the file is not stored)."""
    return {"name": name, "report": outcome.to_json(), "file_id": outcome.file_id, "problems": outcome.result.problems,
            "data": data if outcome.file_id is None else None, "folders": folders, "overrides": overrides or {}}


def sheet_table(report: dict[str, Any], unit_names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Lembar": [s["name"] for s in report["sheets"]],
        "Dibaca sebagai": [KIND_LABELS.get(s["kind"], {"recap": "rekap (dilewati)", "instructions": "petunjuk (dilewati)",
                                                       "empty": "kosong"}.get(s["kind"], s["kind"])) + (
                               f" {'/'.join(x.upper() for x in s['surveys'])}" if s["surveys"] else "") for s in report["sheets"]],
        "Unit": [", ".join(unit_names.get(u, u) for u in s["units"]) or "–" for s in report["sheets"]],
        "Baris judul": [str(s["header_row"] or "–") for s in report["sheets"]],
        "Diterima": [fmt.number(s["rows"], 0) for s in report["sheets"]],
        "Ditolak": [fmt.number(s["rejected_rows"], 0) for s in report["sheets"]],
        "Asal unit": [s["unit_source"] or "–" for s in report["sheets"]],
    })


def mapping_table(sheet: dict[str, Any]) -> pd.DataFrame:
    read_as = {header: FIELD_LABELS.get(field, field) for header, field in sheet["mapping"].items()}
    read_as.update({header: question_label(code) for header, code in sheet.get("questions", {}).items()})
    return pd.DataFrame({"Kolom di file": list(read_as), "Dibaca sebagai": list(read_as.values())})


def file_report(report: dict[str, Any], unit_names: dict[str, str]) -> None:
    """Per sheet: kind, unit, header row, accepted/rejected; the column mapping; errors and warnings."""
    for error in report["errors"]:
        st.error(md(error))
    for sheet in report["sheets"]:  # an unsure reading is said open, not inside the collapsed notes
        if sheet.get("needs_review"):
            st.warning(md(msg("sheet_needs_review", sheet=sheet["name"], reasons="; ".join(sheet.get("review", [])))))
    if report["sheets"]:
        st.dataframe(sheet_table(report, unit_names), hide_index=True, width="stretch")
    for sheet in report["sheets"]:
        if sheet["mapping"] or sheet.get("questions"):
            with st.popover(f"Kolom yang dikenali di lembar {md(sheet['name'])}"):
                st.dataframe(mapping_table(sheet), hide_index=True, width="stretch")
    if report["warnings"]:
        with st.expander(f"{len(report['warnings'])} catatan pembacaan"):
            st.markdown("\n".join(f"- {md(w)}" for w in report["warnings"]))


def outcome_view(ws: Workspace, user: Principal, entry: dict[str, Any], index: int, unit_names: dict[str, str]) -> None:
    report = entry["report"]
    store = report["store"]
    level, text = STATUS_VIEW[store["status"]]
    if store["status"] == FAILED and not report["errors"] and any(s.get("needs_review") for s in report["sheets"]):
        level, text = "warning", "perlu dicek, belum disimpan"  # read, but waiting for a person (below)
    getattr(st, level)(f"**{md(report['path'])}**: {text} — {fmt.number(report['rows'], 0)} baris diterima, "
                       f"{fmt.number(report['rejected_rows'], 0)} ditolak.")
    for line in store["messages"]:
        st.markdown(f"- {md(line)}")
    file_report(report, unit_names)
    problems = entry["problems"]
    if len(problems):
        csv_download(labelled_problems(problems), "Unduh baris ditolak beserta alasannya (CSV)", f"baris_ditolak_{entry['name']}.csv", f"problems_{index}")
    reasons = upload.review_reasons(report)
    if user.can_upload and (entry["data"] is not None
                            or (entry["file_id"] is not None and ws.file_openable(user, entry["file_id"]))):
        title = ("Pembacaan perlu dicek: " + "; ".join(f"{md(k)}: {md(v)}" for k, v in reasons.items())) if reasons else \
            "Pembacaan kurang tepat? Atur lembar, baris judul, dan kolom sendiri"
        with st.expander(title, expanded=bool(reasons), icon=":material/tune:"):
            reading_fix(ws, user, entry, index, reasons)


def upload_limit_mb() -> int:
    """`server.maxUploadSize` of .streamlit/config.toml, the one place the limit is set.

    The browser refuses a bigger file before sending it (with Streamlit's own note), Streamlit's server
    refuses a bigger request, and the ingest refuses it again with an Indonesian message.
    """
    return int(st.get_option("server.maxUploadSize"))


def upload_limits() -> Limits:
    return replace(DEFAULT_LIMITS, max_file_bytes=upload_limit_mb() * MB)


@st.cache_resource(max_entries=8, show_spinner=False)
def _workbook(sha: str, _data: bytes, name: str) -> RawWorkbook | str:
    try:
        return read_workbook(_data, name)
    except IngestError as exc:
        return exc.message


def reading_fix(ws: Workspace, user: Principal, entry: dict[str, Any], index: int, reasons: dict[str, str]) -> None:
    """Sheet, kind, header row, unit and column mapping chosen by hand, then the file read again with them."""
    data = entry["data"] if entry["data"] is not None else ws.raw_file(user, entry["file_id"])[1]
    workbook = _workbook(hashlib.sha256(data).hexdigest(), data, entry["name"])
    if isinstance(workbook, str):
        st.error(md(workbook))
        return
    names = [s.name for s in workbook.sheets]
    first = next((i for i, n in enumerate(names) if n in reasons), 0)
    sheet_name = st.selectbox("Lembar", names, index=first, key=f"fix_sheet_{index}", placeholder=CHOOSE_ONE)
    sheet = workbook.sheets[names.index(sheet_name)]
    found = next((s for s in entry["report"]["sheets"] if s["name"] == sheet_name), None)
    st.caption("Bagian atas lembar (nomor baris seperti di Excel):")
    st.dataframe(upload.preview(sheet), width="stretch", height=300)
    kinds = list(KIND_SPECS)
    c1, c2, c3 = st.columns(3)
    detected_kind = found["kind"] if found and found["kind"] in kinds else kinds[0]
    kind = c1.selectbox("Jenis data", kinds, index=kinds.index(detected_kind), format_func=KIND_LABELS.get,
                        key=f"fix_kind_{index}_{sheet_name}", placeholder=CHOOSE_ONE)
    detected_row = (found or {}).get("header_row") or 1
    header_row = int(c2.number_input("Baris judul kolom", min_value=1, max_value=max(1, len(sheet.rows)),
                                     value=min(detected_row, max(1, len(sheet.rows))), key=f"fix_header_{index}_{sheet_name}"))
    unit_choices = ["", *sorted(ws.units(user)["unit"])]
    unit = c3.selectbox("Unit (bila lembar tidak menyebutnya)", unit_choices, format_func=lambda u: u or "(dari isi file)",
                        accept_new_options=True, key=f"fix_unit_{index}_{sheet_name}", placeholder=CHOOSE_ONE)
    survey = None
    if kind == "survey":
        surveys = upload.survey_choices()
        guessed = (found or {}).get("surveys") or []
        survey = st.selectbox("Jenis survei", list(surveys), format_func=surveys.get,
                              index=list(surveys).index(guessed[0]) if len(guessed) == 1 and guessed[0] in surveys else 0,
                              help="Survei apa yang ditanyakan kolom-kolom pertanyaannya, bila judul kolom, nama lembar, "
                                   "dan nama file tidak menyebutnya.", key=f"fix_survey_{index}_{sheet_name}", placeholder=CHOOSE_ONE) or None
    options = upload.field_options(kind)
    current = (found or {}).get("mapping", {}) if found and found.get("header_row") == header_row else {}
    samples = upload.column_samples(sheet, header_row)
    st.markdown(msg("mapping_intro"))
    keys = list(options)
    mapping = {}
    grid = st.columns(3)
    for position, (header, values) in enumerate(samples.items()):
        chosen = grid[position % 3].selectbox(
            header, keys, index=keys.index(current.get(header, upload.AUTO)) if current.get(header, upload.AUTO) in keys else 0,
            format_func=options.get, key=f"fix_map_{index}_{sheet_name}_{kind}_{header_row}_{position}",
            help=msg("mapping_samples", values=" · ".join(values)) if values else msg("mapping_empty"), placeholder=CHOOSE_ONE)
        grid[position % 3].caption(" · ".join(values)[:80] if values else msg("mapping_empty"))
        if chosen != upload.AUTO:
            mapping[header] = chosen
    if st.button("Baca ulang dengan pengaturan ini", type="primary", icon=":material/refresh:", key=f"fix_apply_{index}"):
        overrides = {**entry["overrides"],
                     sheet_name: SheetOverride(kind=kind, header_row=header_row, mapping=mapping, unit=unit or None,
                                                 survey=survey)}
        if unit:  # one choice of unit fixes every sheet that lacked one (a SPAK and a SPKP sheet together)
            for other in upload.sheets_without_unit(entry["report"]):
                overrides.setdefault(other, SheetOverride(unit=unit))
        with st.spinner("Membaca ulang…"):
            if entry["file_id"] is not None:
                outcome = reread(ws, user, entry["file_id"], overrides, folders=entry["folders"])
            else:
                outcome = import_bytes(ws, data, entry["name"], user, overrides=overrides, folders=entry["folders"],
                                         limits=upload_limits())
        st.session_state[OUTCOMES][index] = remember(outcome, entry["name"], data, entry["folders"], overrides)
        st.rerun()
