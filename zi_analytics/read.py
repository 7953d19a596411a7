"""Bytes to sheets of Python values, whatever the container (xlsx, xlsm, xls, ods, csv).

Every sheet keeps absolute positions (row 0 is Excel row 1) so a rejected row can be named exactly.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from .limits import DEFAULT_LIMITS, Limits
from .errors import IngestError
from .messages import msg
from .safety import (
    OLE_MAGIC,
    ZIP_MAGIC,
    check_size,
    check_zip,
    foreign_format,
    is_encrypted_ole,
    looks_like_html,
)

Cell = Any
Merged = tuple[int, int, int, int]  # first row, first col, last row, last col (inclusive, 0-based)
_LINE_END = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
SHEET_NAME_CHARS = 100

# A cell may hold more than the csv module's default 128 KB (a pasted report, a hostile file). The file
# size and cell limits already bound what a CSV can cost; this field limit only turned a long cell into
# a crash ("field larger than field limit"). Set once: it is process-wide and changing it per call races.
csv.field_size_limit(max(csv.field_size_limit(), DEFAULT_LIMITS.max_file_bytes))


@dataclass
class RawSheet:
    name: str
    rows: list[list[Cell]]
    merged: list[Merged] = field(default_factory=list)
    visible: bool = True


@dataclass
class RawWorkbook:
    name: str
    fmt: str
    sheets: list[RawSheet]
    notes: list[str] = field(default_factory=list)


def read_workbook(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> RawWorkbook:
    """Read every sheet of a file, or raise IngestError with a message naming the problem."""
    check_size(data, limits)
    ext = Path(name).suffix.lower()
    if data.startswith(ZIP_MAGIC):
        return _read_zip_workbook(data, name, ext, limits)
    if data.startswith(OLE_MAGIC):
        if is_encrypted_ole(data):
            raise IngestError(msg("password"))
        return _read_calamine(data, name, "xls", limits)
    foreign = foreign_format(data)
    if foreign:
        raise IngestError(msg("renamed_format", ext=ext or "(tanpa ekstensi)", actual=foreign))
    if looks_like_html(data):
        raise IngestError(msg("html_as_excel", ext=ext or "(tanpa ekstensi)"))
    if ext in (".xlsx", ".xlsm", ".xls", ".ods"):
        workbook = read_csv(data, name, limits)
        workbook.notes.append(msg("text_as_csv", ext=ext))
        return workbook
    return read_csv(data, name, limits)


def _read_zip_workbook(data: bytes, name: str, ext: str, limits: Limits) -> RawWorkbook:
    archive = check_zip(data, limits)
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        fmt = "xlsm" if ext == ".xlsm" else "xlsx"
    elif "content.xml" in names and _zip_mimetype(archive).startswith("application/vnd.oasis.opendocument"):
        fmt = "ods"
    else:
        raise IngestError(msg("not_excel_zip", ext=ext or "(tanpa ekstensi)"))
    return _read_calamine(data, name, fmt, limits)


def _zip_mimetype(archive: zipfile.ZipFile) -> str:
    try:
        return archive.read("mimetype")[:100].decode("ascii", "replace")
    except KeyError:
        return "application/vnd.oasis.opendocument"


def _read_calamine(data: bytes, name: str, fmt: str, limits: Limits) -> RawWorkbook:
    label = {"xls": "Excel 97-2003 (.xls)", "ods": "OpenDocument (.ods)"}.get(fmt, "Excel (.xlsx)")
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = book.sheets_metadata
    except calamine.PasswordError:
        raise IngestError(msg("password")) from None
    except BaseException as exc:  # calamine raises several untyped errors for broken files, and panics
        if not _reader_failure(exc):
            raise
        raise IngestError(msg("corrupt", fmt=label, detail=_short(exc))) from None
    sheets: list[RawSheet] = []
    notes: list[str] = []
    for info in meta:
        if str(info.typ).endswith("ChartSheet"):
            continue
        label_name = sheet_label(info.name)
        try:
            sheet = book.get_sheet_by_name(info.name)
            cells = sheet.height * sheet.width
            if cells > limits.max_cells:
                raise IngestError(msg("too_many_cells", sheet=label_name, cells=cells, limit=limits.max_cells))
            rows, unreadable = _sheet_rows(sheet)
            merged = _merged_ranges(sheet)
        except IngestError:
            raise
        except calamine.PasswordError:
            raise IngestError(msg("password")) from None
        except BaseException as exc:
            if not _reader_failure(exc):
                raise
            raise IngestError(msg("corrupt", fmt=label, detail=f"lembar '{label_name}': {_short(exc)}")) from None
        if unreadable:
            notes.append(_unreadable_rows_note(label_name, unreadable))
        visible = str(info.visible).endswith("Visible")
        sheets.append(RawSheet(label_name, rows, merged, visible))
    if not sheets:
        raise IngestError(msg("no_sheets"))
    return RawWorkbook(name, fmt, sheets, notes)


def sheet_label(name: str) -> str:
    """A sheet's name as messages and reports carry it. Excel allows 31 characters, but a file written by
    another tool (or by hand) may hold thousands, and every message about the sheet quotes its name."""
    name = _CONTROL.sub("", name)
    return name if len(name) <= SHEET_NAME_CHARS else name[: SHEET_NAME_CHARS - 1] + "…"


def _reader_failure(exc: BaseException) -> bool:
    """An error of the reader on this file: any Exception, or a Rust panic (pyo3's PanicException derives
    from BaseException, so `except Exception` lets it through and one bad cell would crash the caller)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _sheet_rows(sheet: Any) -> tuple[list[list[Cell]], list[int]]:
    """Every row from A1, and the 0-based rows calamine could not convert. One date or duration out of
    chrono's range (a phone number typed into a date column) fails the whole `to_python`; read row by
    row then, so only that row is lost."""
    try:
        return sheet.to_python(skip_empty_area=False), []
    except BaseException as exc:
        if not _reader_failure(exc):
            raise
    return _rows_one_by_one(sheet)


def _rows_one_by_one(sheet: Any) -> tuple[list[list[Cell]], list[int]]:
    first_col = sheet.start[1] if sheet.start else 0
    last_row, last_col = sheet.end if sheet.end else (-1, -1)
    rows: list[list[Cell]] = []
    unreadable: list[int] = []
    iterator = sheet.iter_rows()  # rows from row 1, cells from the first used column
    for index in range(last_row + 1):  # bounded: an iterator that kept failing must not loop forever
        try:
            row = next(iterator)
        except StopIteration:
            break
        except BaseException as exc:
            if not _reader_failure(exc):
                raise
            unreadable.append(index)
            rows.append([""] * (last_col + 1))
            continue
        rows.append([""] * first_col + list(row))
    return rows, unreadable


def _unreadable_rows_note(sheet: str, rows: list[int]) -> str:
    shown = ", ".join(str(r + 1) for r in rows[:5]) + (f" dan {len(rows) - 5} lainnya" if len(rows) > 5 else "")
    return msg("unreadable_rows", sheet=sheet, rows=shown)


def _merged_ranges(sheet: Any) -> list[Merged]:
    try:
        ranges = sheet.merged_cell_ranges or []
    except BaseException as exc:  # not every format reports merges (and a broken one may panic)
        if not _reader_failure(exc):
            raise
        return []
    return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as exported by Excel."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def sniff_delimiter(text: str) -> str:
    """Semicolon, comma, tab or pipe: whichever splits the first lines most consistently."""
    lines = [line for line in _first_lines(text, 30) if line.strip()]
    best, best_score = ",", -1.0
    for delim in (";", ",", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=delim), [])) for line in lines]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * common
        if score > best_score:
            best, best_score = delim, score
    return best


def _first_lines(text: str, count: int) -> list[str]:
    """The first lines, cut where the csv module cuts them, without splitting the whole text: this runs
    before the cell limit, and `splitlines()` of 200 MB of short lines costs gigabytes."""
    lines: list[str] = []
    start = 0
    for match in _LINE_END.finditer(text):
        lines.append(text[start: match.start()])
        start = match.end()
        if len(lines) == count:
            return lines
    return lines + [text[start:]]


def read_csv(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> RawWorkbook:
    text = decode_text(data)
    if _looks_binary(text):
        raise IngestError(msg("binary_csv"))
    delimiter = sniff_delimiter(text)
    # cells counted from delimiters before any row list exists: the same limit as for workbooks
    # (lines may end in \n, \r\n or a lone \r, as old Mac exports do)
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    cells = text.count(delimiter) + lines + 1
    if cells > limits.max_cells:
        raise IngestError(msg("too_many_cells", sheet=Path(name).stem[:31] or "CSV", cells=cells, limit=limits.max_cells))
    try:
        # newline="": the csv module splits lines itself, on any line ending, and keeps quoted line breaks
        rows: list[list[Cell]] = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise IngestError(msg("corrupt", fmt="CSV", detail=_short(exc))) from None
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return RawWorkbook(name, "csv", [RawSheet(Path(name).stem[:31] or "CSV", rows)])


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:160]
