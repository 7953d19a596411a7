"""Bytes to sheets of Python values, whatever the container (xlsx, xlsm, xls, ods, csv).

Every sheet keeps absolute positions (row 0 is Excel row 1) so a rejected row can be named exactly.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from .config import DEFAULT_LIMITS, Limits
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
    except Exception as exc:  # calamine raises several untyped errors for broken files
        raise IngestError(msg("corrupt", fmt=label, detail=_short(exc))) from None
    sheets: list[RawSheet] = []
    for info in meta:
        if str(info.typ).endswith("ChartSheet"):
            continue
        try:
            sheet = book.get_sheet_by_name(info.name)
            cells = sheet.height * sheet.width
            if cells > limits.max_cells:
                raise IngestError(msg("too_many_cells", sheet=info.name, cells=cells, limit=limits.max_cells))
            rows = sheet.to_python(skip_empty_area=False)
            merged = _merged_ranges(sheet)
        except IngestError:
            raise
        except calamine.PasswordError:
            raise IngestError(msg("password")) from None
        except Exception as exc:
            raise IngestError(msg("corrupt", fmt=label, detail=f"lembar '{info.name}': {_short(exc)}")) from None
        visible = str(info.visible).endswith("Visible")
        sheets.append(RawSheet(info.name, rows, merged, visible))
    if not sheets:
        raise IngestError(msg("no_sheets"))
    return RawWorkbook(name, fmt, sheets)


def _merged_ranges(sheet: Any) -> list[Merged]:
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # not every format reports merges
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
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1.0
    for delim in (";", ",", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=delim))) for line in lines]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * common
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> RawWorkbook:
    text = decode_text(data)
    if _looks_binary(text):
        raise IngestError(msg("binary_csv"))
    delimiter = sniff_delimiter(text)
    # cells counted from delimiters before any row list exists: the same limit as for workbooks
    cells = text.count(delimiter) + text.count("\n") + 1
    if cells > limits.max_cells:
        raise IngestError(msg("too_many_cells", sheet=Path(name).stem[:31] or "CSV", cells=cells, limit=limits.max_cells))
    rows: list[list[Cell]] = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return RawWorkbook(name, "csv", [RawSheet(Path(name).stem[:31] or "CSV", rows)])


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:160]
