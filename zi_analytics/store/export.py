"""A stored dataset back to Excel: its rows with Indonesian headers, and the file's rejected rows.

Cell text is written as text, never as a formula or link (a complaint reading "=HYPERLINK(...)"
stays harmless), and sheet names are the ones a user expects.
"""

from __future__ import annotations

import io

import pandas as pd

from ..messages import FIELD_LABELS

SHEET_NAMES = {"action_plan": "Rencana Aksi", "survey_responses": "Responden", "survey_answers": "Jawaban",
               "survey_questions": "Pertanyaan", "complaints": "Pengaduan", "lke": "LKE", "innovations": "Inovasi", "predicates": "Predikat",
               "problems": "Baris Ditolak"}
PROBLEM_LABELS = {"file": "File", "sheet": "Lembar", "row": "Baris", "column": "Kolom", "value": "Isi sel",
                  "reason": "Alasan", "rejected": "Ditolak"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _label(column: str) -> str:
    return PROBLEM_LABELS.get(column) or FIELD_LABELS.get(column) or column.replace("_", " ").capitalize()


def defuse(value: object) -> object:
    """Text that a spreadsheet could run as a formula, with a leading apostrophe; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def defuse_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and header defused: for CSV downloads and report sheets. Only text columns are touched, cell by
    cell, so a column of `fmt.Percent` or dates keeps its values' own types."""
    out = frame.copy()
    for position in range(out.shape[1]):
        values = out.iloc[:, position]
        if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            out.isetitem(position, pd.Series([defuse(v) for v in values], index=out.index, dtype=object))
    return out.rename(columns=lambda c: defuse(str(c)))


def labelled_problems(problems: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows with the Indonesian headers every download of them carries."""
    return problems.rename(columns=PROBLEM_LABELS)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel in Indonesia: semicolon separated, UTF-8 with BOM, formulas neutralised.

    Lines end in CRLF, so a cell holding a lone CR is quoted too: pandas leaves it bare with "\n" endings,
    and Excel would start a new row there, whose next cell could be a formula.
    """
    return defuse_frame(frame).to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8-sig")


def frames_to_excel(frames: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        for name, frame in frames.items():
            shown = frame.map(defuse).rename(columns=_label)
            sheet = SHEET_NAMES.get(name, name)[:31]
            shown.to_excel(writer, sheet_name=sheet, index=False)
            worksheet = writer.sheets[sheet]
            worksheet.freeze_panes(1, 0)
            for i, column in enumerate(shown.columns):
                lengths = shown[column].astype(str).str.len().fillna(0)
                typical = int(lengths.quantile(0.9)) if len(lengths) else 0
                worksheet.set_column(i, i, min(60, max(10, len(str(column)) + 2, typical + 2)))
    return buffer.getvalue()
