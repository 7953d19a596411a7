"""Deterministic mutants of the bundled sample files, for the ingest fuzz test (tests/reading/test_fuzz.py).

A mutant is named by a seed and an index: ``build_mutant(seed, index)`` picks a base file (every sample in
``sample_data/`` plus an LKE sheet written by ``lke_builder``), a primary mutation kind (``KINDS`` in turn, so
every kind is exercised equally) and sometimes one or two extra mutations, all from
``random.Random(f"zi-fuzz:{seed}:{index}")``. The same seed and index give the same bytes on any machine, so
a failing mutant is rebuilt alone with::

    python tests/support/fuzz.py --seed S --index I --out mutant.xlsx     # or --out DIR to keep the mutant's name
    python tests/support/fuzz.py --seed S --summary 250                   # how many mutants of each kind

Mutations run in stages: table edits (openpyxl for .xlsx, the csv module for .csv), then edits of the
decompressed XML parts re-zipped with ``zipfile``, then raw byte edits, then a renamed extension.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Any
from xml.sax.saxutils import escape

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SAMPLES = ROOT / "sample_data"
for _folder in (TESTS, ROOT):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

DEFAULT_SEED = 20261123
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
LKE_NAME = "LKE ZI Lapas Kelas IIA Banyuwangi 2026.xlsx"
HUGE_MARK = "ZIFUZZHUGE{}X"

# ---------------------------------------------------------------- payloads

FORMULAS = ["=1+1", '=HYPERLINK("http://contoh.test/zi","klik di sini")', "=cmd|' /C calc'!A0", "=SUM(A1:A10)",
            "=1/0", "=A1", "=NOW()", '=INDIRECT("Z99999")', '=IMPORTXML("http://contoh.test","//a")',
            "=@SUM(1,1)", "+1+1", "-2+3", '=CONCAT("50","%")']
ERROR_CODES = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
WORDS = ["Kegiatan", "Selesai", "Belum", "Proses", "Lapas", "Rutan", "Kelas", "IIA", "Malang", "Banyuwangi", "SOP",
         "Pengaduan", "Sosialisasi", "Ya", "Tidak", "Sangat Baik", "Kurang", "KPLP", "Manajemen Perubahan",
         "Penguatan Pengawasan", "Januari", "Oktober", "2026", "50%", "100 %", "Target", "PIC", "-", "?", "N/A"]
UNICODE_TEXT = ["Ünïcödé", "データ", "Лапас", "مرحبا", "😀👍", "e\u0301", "\u200b", "\u00a0", "Ⅻ", "ﬁ", "１００％", "½"]
TEXT_LIKE_VALUES = ["1.234,56", "12,5", "50 %", "0,75", "31/02/2026", "2026-13-45", "12-Okt-2026", "TRUE", "false",
                    "  ", "", "0", "-1", "1e309", "NaN", "inf", "100%%", "Rp 1.000", "45000", "7" * 30]


def huge_text(rng: Random) -> tuple[str, str]:
    """(description, 100k–1M characters): shapes a parser might handle badly at that size."""
    size = rng.randint(100_000, 1_000_000)
    shapes: dict[str, Callable[[], str]] = {
        "letters": lambda: "A" * size,
        "phrase": lambda: ("Pembangunan Zona Integritas " * (size // 28 + 1))[:size],
        "digits": lambda: "7" * size,
        "percent": lambda: "5" + "0" * size + "%",
        "spaces": lambda: " " * size + "x",
        "lines": lambda: ("baris\n" * (size // 6 + 1))[:size],
        "unicode": lambda: "".join(rng.choice("ÄÖÜßデータЛапас😀") for _ in range(size // 100)) * 100,
        "dates": lambda: ("12/11/2025 " * (size // 11 + 1))[:size],
        "unit": lambda: ("Lapas Kelas IIA Banyuwangi " * (size // 27 + 1))[:size],
        "brackets": lambda: "(" * size,
        "gap": lambda: "a" + " " * size + "b",
    }
    shape = rng.choice(sorted(shapes))
    text = shapes[shape]()
    return f"{shape}×{len(text):,}", text


def random_value(rng: Random) -> Any:
    """A cell value of a random type: number, date, time, boolean, text, empty."""
    kind = rng.choice(["int", "float", "date", "datetime", "time", "duration", "bool", "word", "unicode", "textlike",
                       "empty", "none"])
    if kind == "int":
        return rng.choice([0, 1, -1, 5, 50, 100, 101, 2026, 10**15, -(10**12), rng.randint(-1000, 100_000)])
    if kind == "float":
        return rng.choice([0.5, 0.755, 1.0, 99.99, 100.0001, -0.0, 1e-300, 1e300, 3.5, rng.uniform(-10, 200)])
    if kind == "date":
        return rng.choice([date(2026, 10, 31), date(1900, 1, 1), date(1900, 2, 28), date(9999, 12, 31),
                           date(2025, 11, 12), date(2030, 1, 1)])
    if kind == "datetime":
        return datetime(rng.randint(1900, 2100), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                        rng.randint(0, 59))
    if kind == "time":
        return time(rng.randint(0, 23), rng.randint(0, 59))
    if kind == "duration":
        return timedelta(days=rng.randint(0, 400), hours=rng.randint(0, 23))
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "word":
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    if kind == "unicode":
        return "".join(rng.choice(UNICODE_TEXT) for _ in range(rng.randint(1, 3)))
    if kind == "textlike":
        return rng.choice(TEXT_LIKE_VALUES)
    return "" if kind == "empty" else None


def csv_text(rng: Random, value: Any) -> str:
    """How a value could look in a CSV typed or exported by hand."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return rng.choice(["TRUE", "FALSE", "Ya", "Tidak"]) if rng.random() < 0.5 else str(value).upper()
    if isinstance(value, datetime):
        return value.strftime(rng.choice(["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M"]))
    if isinstance(value, date):
        return value.strftime(rng.choice(["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%y", "%d %B %Y"]))
    if isinstance(value, float):
        return rng.choice([repr(value), f"{value:.2f}".replace(".", ","), f"{value:e}"])
    return str(value)


# ---------------------------------------------------------------- bases

@dataclass(frozen=True)
class Base:
    name: str  # path under sample_data/ (or the built LKE's name)
    fmt: str  # xlsx, xls, ods, csv
    data: bytes

    @property
    def filename(self) -> str:
        return Path(self.name).name


@lru_cache(maxsize=1)
def bases() -> tuple[Base, ...]:
    """Every bundled sample, plus one LKE self-assessment (the samples hold none)."""
    found = []
    for path in sorted(SAMPLES.rglob("*")):
        fmt = path.suffix.lower().lstrip(".")
        if path.is_file() and fmt in ("xlsx", "xls", "ods", "csv"):
            found.append(Base(path.relative_to(SAMPLES).as_posix(), fmt, path.read_bytes()))
    found.append(Base(LKE_NAME, "xlsx", lke_workbook()))
    return tuple(found)


def lke_workbook() -> bytes:
    """A full 90/2021 LKE in the published layout, made byte-for-byte reproducible (fixed dates in the zip)."""
    import tempfile

    from support.lke_builder import write_lke

    answers = ["Ya", "Tidak", "A", "B", "C", "D", "E", "75%", "", "x"]
    with tempfile.TemporaryDirectory() as folder:
        path = write_lke(Path(folder) / LKE_NAME, "LAPAS KELAS IIA BANYUWANGI",
                         lambda section, area, sub, q, kind: answers[(sub * 3 + q) % len(answers)],
                         hasil={"ipak": 3.5, "capaian": "95%", "ipkp": 3.6})
        return canonical_zip(path.read_bytes())


def canonical_zip(data: bytes) -> bytes:
    """The same parts with fixed timestamps, in the zip and in docProps/core.xml."""
    return write_parts(canonical_parts(data))


def canonical_parts(data: bytes) -> Parts:
    parts = read_parts(data)
    for i, (info, body) in enumerate(parts):
        if info.filename == "docProps/core.xml":
            body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", body)
            parts[i] = (info, body)
    return parts  # write_parts fixes the zip entries' dates


# ---------------------------------------------------------------- zip parts

Parts = list[tuple[zipfile.ZipInfo, bytes]]


def read_parts(data: bytes) -> Parts:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_parts(parts: Parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, body in parts:
            fresh = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fresh.compress_type = info.compress_type
            archive.writestr(fresh, body)
    return buffer.getvalue()


def xml_parts(parts: Parts) -> list[int]:
    return [i for i, (info, _) in enumerate(parts) if info.filename.lower().endswith((".xml", ".rels"))]


def sheet_parts(parts: Parts) -> list[int]:
    return [i for i, (info, _) in enumerate(parts) if re.match(r"xl/worksheets/sheet\d+\.xml$", info.filename)]


# ---------------------------------------------------------------- tables (one sheet of a workbook, or a CSV)

class Table:
    """One sheet as a grid of opaque cells, so row and column edits work alike on .xlsx and .csv."""

    name: str
    typed: bool  # cells keep Python types (workbook) rather than text (CSV)

    def grid(self) -> list[list[Any]]:
        raise NotImplementedError

    def replace(self, grid: list[list[Any]]) -> None:
        raise NotImplementedError

    def text(self, cell: Any) -> str:
        raise NotImplementedError

    def set(self, row: int, col: int, value: Any) -> None:
        raise NotImplementedError


class XlsxTable(Table):
    typed = True

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.name = sheet.title

    def grid(self) -> list[list[Any]]:
        return [[(cell.value, cell.number_format) for cell in row] for row in self.sheet.iter_rows()]

    def replace(self, grid: list[list[Any]]) -> None:
        old_rows, old_cols = self.sheet.max_row, self.sheet.max_column
        for merged in list(self.sheet.merged_cells.ranges):
            self.sheet.unmerge_cells(str(merged))
        for r in range(max(old_rows, len(grid))):
            row = grid[r] if r < len(grid) else []
            for c in range(max(old_cols, len(row))):
                cell = self.sheet.cell(r + 1, c + 1)
                value, number_format = row[c] if c < len(row) else (None, "General")
                cell.value = value
                cell.number_format = number_format

    def text(self, cell: Any) -> str:
        return "" if cell[0] is None else str(cell[0])

    def set(self, row: int, col: int, value: Any) -> None:
        from openpyxl.cell.cell import MergedCell

        cell = self.sheet.cell(row + 1, col + 1)
        if isinstance(cell, MergedCell):
            for merged in list(self.sheet.merged_cells.ranges):
                if cell.coordinate in merged:
                    self.sheet.unmerge_cells(str(merged))
            cell = self.sheet.cell(row + 1, col + 1)
        cell.value = value


class CsvTable(Table):
    typed = False

    def __init__(self, name: str, rows: list[list[str]]) -> None:
        self.name = name
        self.rows = rows

    def grid(self) -> list[list[Any]]:
        return [list(row) for row in self.rows]

    def replace(self, grid: list[list[Any]]) -> None:
        self.rows = [list(row) for row in grid]

    def text(self, cell: Any) -> str:
        return str(cell)

    def set(self, row: int, col: int, value: Any) -> None:
        while len(self.rows) <= row:
            self.rows.append([])
        cells = self.rows[row]
        cells.extend([""] * (col + 1 - len(cells)))
        cells[col] = value


@dataclass
class CsvStyle:
    encoding: str
    delimiter: str
    bom: bool


def parse_csv(data: bytes) -> tuple[list[list[str]], CsvStyle]:
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t|", key=first.count)
    previous = csv.field_size_limit(1 << 30)  # a mutant may hold a huge cell; restored for the code under test
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text.replace("\0", ""), newline=""), delimiter=delimiter)]
    finally:
        csv.field_size_limit(previous)
    return rows, CsvStyle(encoding, delimiter, bom)


def render_csv(rows: list[list[str]], style: CsvStyle, lineterminator: str = "\r\n", quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator=lineterminator, quoting=quoting)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if style.bom else b"") + buffer.getvalue().encode(style.encoding, errors="replace")


# ---------------------------------------------------------------- the file being mutated

class Specimen:
    """A file in one of three shapes at a time: an editable table, zip parts, or bytes."""

    def __init__(self, base: Base) -> None:
        self.name = base.filename
        self.fmt = base.fmt
        self.data = base.data
        self._book: Any = None
        self._csv: tuple[CsvTable, CsvStyle] | None = None
        self._parts: Parts | None = None
        self.huge: dict[str, str] = {}

    # -- tables
    def book(self) -> Any:
        if self._book is None:
            import openpyxl

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._book = openpyxl.load_workbook(io.BytesIO(self.data))
        return self._book

    def table(self, rng: Random) -> Table:
        """The main sheet (a random sheet, weighted by size) or the CSV."""
        if self.fmt == "csv":
            if self._csv is None:
                rows, style = parse_csv(self.data)
                self._csv = (CsvTable(Path(self.name).stem, rows), style)
            return self._csv[0]
        sheets = self.book().worksheets
        return XlsxTable(rng.choices(sheets, weights=[s.max_row * s.max_column + 1 for s in sheets])[0])

    def huge_cell(self, text: str) -> str:
        """A placeholder for a text longer than a workbook cell may hold (openpyxl cuts at 32,767)."""
        if self.fmt == "csv":
            return text
        mark = HUGE_MARK.format(len(self.huge))
        self.huge[mark] = text
        return mark

    # -- parts
    def parts(self) -> Parts:
        self._flush_table()
        if self._parts is None:
            self._parts = read_parts(self.data)
        return self._parts

    # -- bytes
    def settle(self) -> bytes:
        self._flush_table()
        if self._parts is not None:
            self.data = write_parts(self._parts)
            self._parts = None
        return self.data

    def _flush_table(self) -> None:
        if self._book is not None:
            buffer = io.BytesIO()
            self._book.save(buffer)  # stamps the time in the zip and docProps: canonical_parts takes it out
            self._book = None
            self._parts = [(info, self._unmark(body)) for info, body in canonical_parts(buffer.getvalue())]
            self.huge = {}
        if self._csv is not None:
            table, style = self._csv
            self.data = render_csv(table.rows, style)
            self._csv = None

    def _unmark(self, body: bytes) -> bytes:
        for mark, text in self.huge.items():
            if mark.encode() in body:
                body = body.replace(mark.encode(), escape(text).encode())
        return body


# ---------------------------------------------------------------- helpers on grids

def header_index(table: Table, grid: list[list[Any]]) -> int:
    """The first of the top rows with three texts or more: where the data's header probably is."""
    for r, row in enumerate(grid[:40]):
        if sum(1 for cell in row if table.text(cell).strip() and not table.text(cell).strip().isdigit()) >= 3:
            return r
    return 0


def width(grid: list[list[Any]]) -> int:
    return max((len(row) for row in grid), default=0)


def pick_cells(rng: Random, table: Table, grid: list[list[Any]], count: int) -> list[tuple[int, int]]:
    """Cells to overwrite: mostly in the data rows, some in the header and the title above it."""
    header = header_index(table, grid)
    rows, cols = max(len(grid), 1), max(width(grid), 1)
    cells = []
    for _ in range(count):
        zone = rng.random()
        if zone < 0.15:
            r = header
        elif zone < 0.25:
            r = rng.randint(0, header)
        else:
            r = rng.randint(min(header + 1, rows - 1), rows - 1)
        cells.append((r, rng.randrange(cols)))
    return cells


def cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def typed_cell(table: Table, value: Any) -> Any:
    """A value as a grid cell of this table."""
    if not table.typed:
        return value if isinstance(value, str) else str(value)
    return (value, "General")


# ---------------------------------------------------------------- table mutations

def shuffle_rows(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    header = header_index(table, grid)
    if rng.random() < 0.6 and header + 2 < len(grid):
        body = grid[header + 1:]
        rng.shuffle(body)
        table.replace(grid[: header + 1] + body)
        return f"data rows below row {header + 1} of '{table.name}' shuffled"
    rng.shuffle(grid)
    table.replace(grid)
    return f"all rows of '{table.name}' shuffled"


def drop_rows(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    header = header_index(table, grid)
    mode = rng.choice(["some", "header", "data", "all-but-one"])
    if mode == "some":
        keep = [row for row in grid if rng.random() > 0.3]
    elif mode == "header":
        keep = grid[:header] + grid[header + 1:]
    elif mode == "data":
        keep = grid[: header + 1]
    else:
        keep = [rng.choice(grid)] if grid else []
    table.replace(keep)
    return f"{mode}: {len(grid) - len(keep)} of {len(grid)} rows of '{table.name}' dropped"


def _transpose_apply(grid: list[list[Any]], order: list[int], blank: Any) -> list[list[Any]]:
    return [[row[c] if c < len(row) else blank for c in order] for row in grid]


def shuffle_columns(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    order = list(range(width(grid)))
    mode = rng.choice(["shuffle", "reverse", "swap"])
    if mode == "shuffle":
        rng.shuffle(order)
    elif mode == "reverse":
        order.reverse()
    elif len(order) > 1:
        a, b = rng.sample(range(len(order)), 2)
        order[a], order[b] = order[b], order[a]
    table.replace(_transpose_apply(grid, order, typed_cell(table, None if table.typed else "")))
    return f"columns of '{table.name}' {mode}: {order[:12]}"


def drop_columns(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    cols = list(range(width(grid)))
    if not cols:
        return f"'{table.name}' has no columns"
    dropped = set(rng.sample(cols, rng.randint(1, max(1, len(cols) - 1)))) if rng.random() < 0.8 else set(cols[1:])
    keep = [c for c in cols if c not in dropped]
    table.replace(_transpose_apply(grid, keep, typed_cell(table, None if table.typed else "")))
    return f"columns {sorted(dropped)} of '{table.name}' dropped"


def random_cells(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    mode = rng.choice(["sprinkle", "column", "row"])
    if mode == "sprinkle":
        cells = pick_cells(rng, table, grid, rng.randint(1, 40))
    elif mode == "column":
        col = rng.randrange(max(width(grid), 1))
        cells = [(r, col) for r in range(header_index(table, grid) + 1, len(grid))]
    else:
        row = rng.randrange(max(len(grid), 1))
        cells = [(row, c) for c in range(max(width(grid), 1))]
    kinds = Counter()
    for r, c in cells:
        value = random_value(rng)
        kinds[type(value).__name__] += 1
        table.set(r, c, value if table.typed else csv_text(rng, value))
    return f"{mode}: {len(cells)} cells of '{table.name}' set to {dict(kinds)}"


def huge_string(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    done = []
    for r, c in pick_cells(rng, table, grid, rng.choice([1, 1, 1, 2, 3])):
        shape, text = huge_text(rng)
        table.set(r, c, spec.huge_cell(text))
        done.append(f"{cell_name(r, c)}={shape}")
    return f"'{table.name}' " + ", ".join(done)


def formulas(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    cells = pick_cells(rng, table, table.grid(), rng.randint(1, 12))
    used = []
    for r, c in cells:
        formula = rng.choice(FORMULAS)
        table.set(r, c, formula)
        used.append(f"{cell_name(r, c)}={formula}")
    return f"'{table.name}' " + "; ".join(used)


def error_values(rng: Random, spec: Specimen) -> str:
    """Real error cells in a workbook (openpyxl types '#N/A' etc. as errors), the same text in a CSV."""
    table = spec.table(rng)
    grid = table.grid()
    if rng.random() < 0.3:
        col = rng.randrange(max(width(grid), 1))
        cells = [(r, col) for r in range(header_index(table, grid) + 1, len(grid))]
    else:
        cells = pick_cells(rng, table, grid, rng.randint(1, 20))
    for r, c in cells:
        table.set(r, c, rng.choice(ERROR_CODES))
    return f"{len(cells)} error cells in '{table.name}'"


def duplicate_headers(rng: Random, spec: Specimen) -> str:
    table = spec.table(rng)
    grid = table.grid()
    header = header_index(table, grid)
    if not grid:
        return "empty table"
    mode = rng.choice(["copy-name", "same-name", "header-twice", "column-twice"])
    row = grid[header]
    named = [c for c, cell in enumerate(row) if table.text(cell).strip()] or [0]
    if mode == "copy-name" and len(row) > 1:
        source, target = rng.choice(named), rng.randrange(len(row))
        row[target] = row[source]
    elif mode == "same-name":
        source = rng.choice(named)
        grid[header] = [row[source] for _ in row]
    elif mode == "header-twice":
        grid.insert(header + 1, list(row))
    else:
        col = rng.choice(named)
        grid = [r[: col + 1] + r[col: col + 1] + r[col + 1:] for r in grid]
    table.replace(grid)
    return f"{mode} in header row {header + 1} of '{table.name}'"


def merge_cells(rng: Random, spec: Specimen) -> str:
    from openpyxl.worksheet.cell_range import CellRange

    table = spec.table(rng)
    assert isinstance(table, XlsxTable)
    grid = table.grid()
    header = header_index(table, grid)
    rows, cols = max(len(grid), 2), max(width(grid), 2)
    done = []
    for _ in range(rng.randint(1, 6)):
        r0 = rng.choice([header, rng.randrange(rows)])
        c0 = rng.randrange(cols)
        r1 = min(rows, r0 + rng.choice([0, 1, 3, 10, 200])) if rng.random() < 0.7 else r0
        c1 = min(cols + 2, c0 + rng.choice([0, 1, 2, 5]))
        if (r0, c0) == (r1, c1):
            c1 += 1
        name = f"{cell_name(r0, c0)}:{cell_name(r1, c1)}"
        if any(not CellRange(name).isdisjoint(merged) for merged in table.sheet.merged_cells.ranges):
            continue  # Excel refuses overlapping merges, and openpyxl could not undo them
        table.sheet.merge_cells(name)
        done.append(name)
    return f"'{table.name}' merged {done}"


SHEET_NAMES = ["Sheet1", "Kosong", "Rekap", "Grafik", "Petunjuk", "Lembar O'Brien", "データ", "Лист1", "x" * 31, " spasi ",
               "2026", "RA (2)", "Sheet2", "Data", "Pengaduan", "IKM"]


def extra_sheets(rng: Random, spec: Specimen) -> str:
    book = spec.book()
    count = rng.choice([1, 1, 2, 3, 5, 40])
    added = []
    for _ in range(count):
        content = rng.choice(["empty", "empty", "blank", "title", "copy", "header-only"])
        position = rng.randint(0, len(book.worksheets))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a copy of a 31-character title is longer than Excel allows
            if content == "copy":
                sheet = book.copy_worksheet(rng.choice(book.worksheets))
                book.move_sheet(sheet, position - len(book.worksheets) + 1)
            else:
                sheet = book.create_sheet(rng.choice(SHEET_NAMES), position)
            if content == "blank":
                sheet["C7"] = "   "
            elif content == "title":
                sheet["A1"] = "REKAPITULASI RENCANA AKSI ZONA INTEGRITAS"
            elif content == "header-only":
                sheet.append(["No", "Kegiatan", "Progres", "Tanggal Pengaduan", "Status"])
        added.append(f"{sheet.title}:{content}")
    return f"{count} sheets added: {added[:6]}"


# ---------------------------------------------------------------- zip part mutations

def _pick_part(rng: Random, parts: Parts) -> int:
    candidates = xml_parts(parts) or list(range(len(parts)))
    weights = [5 if re.search(r"sheet\d*\.xml|sharedStrings|content\.xml|workbook\.xml", parts[i][0].filename) else 1
               for i in candidates]
    return rng.choices(candidates, weights=weights)[0]


def xml_byte_flip(rng: Random, spec: Specimen) -> str:
    parts = spec.parts()
    index = _pick_part(rng, parts)
    info, body = parts[index]
    data = bytearray(body)
    edits = []
    for _ in range(rng.choice([1, 1, 2, 4, 16])):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.choice(["xor", "set", "delete", "duplicate", "insert"])
        if action == "xor":
            data[at] ^= 1 << rng.randrange(8)
        elif action == "set":
            data[at] = rng.choice(b'<>"&/=\x00\xff09-.eE ')
        elif action == "delete":
            del data[at: at + rng.randint(1, 64)]
        elif action == "duplicate":
            data[at:at] = data[at: at + rng.randint(1, 256)]
        else:
            data[at:at] = rng.choice([b"<", b"</c>", b"&amp;", b"&#0;", b"\xc3", b"]]>", b'r="A1"', b"<v>1</v>"])
        edits.append(f"{action}@{at}")
    parts[index] = (info, bytes(data))
    return f"{info.filename}: {', '.join(edits)}"


def xml_truncate(rng: Random, spec: Specimen) -> str:
    parts = spec.parts()
    index = _pick_part(rng, parts)
    info, body = parts[index]
    cut = rng.randrange(len(body)) if body else 0
    parts[index] = (info, body[:cut])
    return f"{info.filename} cut at {cut} of {len(body)} bytes"


def drop_part(rng: Random, spec: Specimen) -> str:
    parts = spec.parts()
    info, _ = parts.pop(rng.randrange(len(parts)))
    return f"{info.filename} removed"


_CELL = re.compile(rb'<c\b[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')


def _cell_variants(ref: bytes, rng: Random) -> list[bytes]:
    col, row = _REF.match(ref).groups() if _REF.match(ref) else (b"A", b"1")
    r = b'r="' + col + row + b'"'
    return [
        b"<c " + r + b' t="e"><v>' + rng.choice(ERROR_CODES).encode() + b"</v></c>",
        b"<c " + r + b"><f>1+1</f><v>2</v></c>",
        b"<c " + r + b' t="str"><f>HYPERLINK("http://contoh.test","klik")</f><v>klik</v></c>',
        b"<c " + r + b' t="str"><f>cmd|\' /C calc\'!A0</f><v></v></c>',
        b"<c " + r + b' t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        b"<c " + r + b' t="b"><v>' + rng.choice([b"1", b"0", b"2", b"TRUE", b""]) + b"</v></c>",
        b"<c " + r + b' t="n"><v>' + rng.choice([b"abc", b"1e400", b"NaN", b"-0", b"", b"1,5", b"45000.5"]) + b"</v></c>",
        b"<c " + r + b' t="s"><v>' + rng.choice([b"99999", b"-1", b"x", b""]) + b"</v></c>",
        b"<c " + r + b' t="d"><v>' + rng.choice([b"2026-02-30T00:00:00", b"2026-10-31", b"kemarin"]) + b"</v></c>",
        b"<c " + r + b' t="inlineStr"><is><t>' + escape(rng.choice(WORDS)).encode() + b"</t></is></c>",
        b"<c " + r + b' t="zz"><v>1</v></c>',
        b"<c " + r + b' s="9999"><v>45000</v></c>',
        b'<c r="' + col + rng.choice([b"1", b"0", b"99999", b"1048576"]) + b'"><v>1</v></c>',
        b'<c r="' + rng.choice([b"ZZ", b"XFD", b"a", b""]) + row + b'"><v>1</v></c>',
        b"<c><v>3</v></c>",
    ]


def xml_cells(rng: Random, spec: Specimen) -> str:
    """Cells rewritten in the sheet XML: error cells, formulas with cached results, booleans, dates,
    inline strings, bad types, bad values, bad style and shared-string indexes, odd references."""
    parts = spec.parts()
    sheets = sheet_parts(parts)
    if not sheets:
        return "no worksheet part"
    index = rng.choice(sheets)
    info, body = parts[index]
    cells = list(_CELL.finditer(body))
    if not cells:
        return f"{info.filename} has no cells"
    chosen = sorted(rng.sample(range(len(cells)), min(len(cells), rng.randint(1, 25))))
    out, last, kinds = [], 0, Counter()
    for i in chosen:
        match = cells[i]
        ref = _REF.search(match.group(0))
        variants = _cell_variants(ref.group(0) if ref else b'r="A1"', rng)
        pick = rng.randrange(len(variants))
        kinds[pick] += 1
        out += [body[last: match.start()], variants[pick]]
        last = match.end()
    parts[index] = (info, b"".join(out) + body[last:])
    return f"{info.filename}: {len(chosen)} cells as variants {dict(sorted(kinds.items()))}"


_SHEET_TAG = re.compile(rb"<sheet\b[^>]*?/>")


def hidden_sheets(rng: Random, spec: Specimen) -> str:
    """state="hidden"/"veryHidden" on some or all sheets, in xl/workbook.xml (openpyxl refuses all hidden)."""
    parts = spec.parts()
    index = next((i for i, (info, _) in enumerate(parts) if info.filename == "xl/workbook.xml"), None)
    if index is None:
        return "no xl/workbook.xml"
    info, body = parts[index]
    everything = rng.random() < 0.4
    states = []

    def restate(match: re.Match[bytes]) -> bytes:
        tag = re.sub(rb'\sstate="[^"]*"', b"", match.group(0))
        state = rng.choice([b"hidden", b"veryHidden"]) if everything or rng.random() < 0.5 else b"visible"
        states.append(state.decode())
        return tag[:-2].rstrip() + b' state="' + state + b'"/>'

    parts[index] = (info, _SHEET_TAG.sub(restate, body))
    return f"sheet states {states}"


_NAME_ATTR = re.compile(rb'(<sheet\b[^>]*?\bname=")([^"]*)(")')


def sheet_names(rng: Random, spec: Specimen) -> str:
    """Sheet names Excel would refuse: empty, duplicated, thousands of characters, markup, quotes."""
    parts = spec.parts()
    index = next((i for i, (info, _) in enumerate(parts) if info.filename == "xl/workbook.xml"), None)
    if index is None:
        return "no xl/workbook.xml"
    info, body = parts[index]
    names = [m.group(2) for m in _NAME_ATTR.finditer(body)]
    chosen = []

    def rename_sheet(match: re.Match[bytes]) -> bytes:
        if rng.random() < 0.4 and len(chosen) < len(names):
            chosen.append("kept")
            return match.group(0)
        kind = rng.choice(["empty", "duplicate", "long", "markup", "quotes", "spaces", "unicode"])
        new = {"empty": b"", "duplicate": rng.choice(names), "long": b"Lembar " * rng.randint(5, 20_000),
               "markup": b"&lt;b&gt;RA&lt;/b&gt; &amp; [x]", "quotes": b"&apos;RA&apos; &quot;2026&quot;",
               "spaces": b"   ", "unicode": "Лист データ 😀".encode()}[kind]
        chosen.append(f"{kind}({len(new)})")
        return match.group(1) + new + match.group(3)

    parts[index] = (info, _NAME_ATTR.sub(rename_sheet, body))
    return f"sheet names {chosen}"


_SI = re.compile(rb"<si>.*?</si>", re.DOTALL)


def shared_strings(rng: Random, spec: Specimen) -> str:
    """Shared-string entries rewritten: rich-text runs, phonetic runs, empty entries, a lying count."""
    parts = spec.parts()
    index = next((i for i, (info, _) in enumerate(parts) if info.filename == "xl/sharedStrings.xml"), None)
    if index is None:
        return "no xl/sharedStrings.xml"
    info, body = parts[index]
    entries = list(_SI.finditer(body))
    variants = [b"<si/>", b"<si></si>", b"<si><t/></si>", b'<si><t xml:space="preserve">  50 %  </t></si>',
                b"<si><r><t>Sel</t></r><r><rPr><b/></rPr><t>esai</t></r></si>",
                "<si><t>Lapas</t><rPh sb='0' eb='1'><t>ラパス</t></rPh></si>".encode(), b"<si><t>&#x1F600;&#x0D;&#10;</t></si>",
                b"<si><t>" + escape(rng.choice(FORMULAS)).encode() + b"</t></si>"]
    out, last = [], 0
    picked = sorted(rng.sample(range(len(entries)), min(len(entries), rng.randint(1, 15)))) if entries else []
    for i in picked:
        out += [body[last: entries[i].start()], rng.choice(variants)]
        last = entries[i].end()
    body = b"".join(out) + body[last:]
    if rng.random() < 0.5:
        body = re.sub(rb'\b(count|uniqueCount)="\d+"', rb'\1="' + rng.choice([b"0", b"999999999", b"-1"]) + b'"', body)
    parts[index] = (info, body)
    return f"{len(picked)} shared strings rewritten"


# ---------------------------------------------------------------- raw byte and CSV mutations

def byte_flip(rng: Random, spec: Specimen) -> str:
    data = bytearray(spec.settle())
    spots = sorted(rng.randrange(len(data)) for _ in range(rng.choice([1, 2, 8, 32, 128])))
    for at in spots:
        data[at] = rng.randrange(256) if rng.random() < 0.5 else data[at] ^ (1 << rng.randrange(8))
    spec.data = bytes(data)
    return f"{len(spots)} bytes changed, first at {spots[0]}, last at {spots[-1]} of {len(data)}"


def truncate(rng: Random, spec: Specimen) -> str:
    data = spec.settle()
    cut = rng.choice([rng.randint(1, max(1, len(data) - 1)), rng.randint(1, 64), len(data) - rng.randint(1, 22)])
    cut = min(max(cut, 1), len(data) - 1)
    spec.data = data[:cut]
    return f"cut at {cut} of {len(data)} bytes"


def csv_delimiter(rng: Random, spec: Specimen) -> str:
    rows, style = parse_csv(spec.settle())
    mode = rng.choice([";", "\t", "|", ",", "mixed", "quoted", "cr-lines", "no-final-newline"])
    if mode in (";", "\t", "|", ","):
        style.delimiter = mode
        spec.data = render_csv(rows, style)
    elif mode == "mixed":
        lines = []
        for row in rows:
            lines.append(render_csv([row], CsvStyle(style.encoding, rng.choice(";,"), False)))
        spec.data = (b"\xef\xbb\xbf" if style.bom else b"") + b"".join(lines)
    elif mode == "quoted":
        spec.data = render_csv(rows, style, quoting=csv.QUOTE_ALL)
    elif mode == "cr-lines":
        spec.data = render_csv(rows, style, lineterminator="\r")
    else:
        spec.data = render_csv(rows, style).rstrip(b"\r\n")
    return f"delimiter/layout {mode!r}"


def csv_encoding(rng: Random, spec: Specimen) -> str:
    rows, style = parse_csv(spec.settle())
    text = render_csv(rows, CsvStyle("utf-8", style.delimiter, False)).decode("utf-8")
    encoding = rng.choice(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "mac_roman",
                           "mojibake", "cp437", "shift_jis"])
    if encoding == "mojibake":  # UTF-8 read as Windows-1252 and saved again as UTF-8
        spec.data = text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    else:
        spec.data = text.encode(encoding, errors="replace")
    return f"encoded as {encoding}"


def csv_bom(rng: Random, spec: Specimen) -> str:
    data = spec.settle().removeprefix(b"\xef\xbb\xbf")
    mode = rng.choice(["utf8", "twice", "utf16-le-lie", "utf16-be-lie", "middle", "utf32"])
    boms = {"utf8": b"\xef\xbb\xbf", "twice": b"\xef\xbb\xbf" * 2, "utf16-le-lie": b"\xff\xfe",
            "utf16-be-lie": b"\xfe\xff", "utf32": b"\xff\xfe\x00\x00"}
    if mode == "middle":
        at = rng.randrange(len(data))
        spec.data = data[:at] + b"\xef\xbb\xbf" + data[at:]
    else:
        spec.data = boms[mode] + data
    return f"BOM {mode}"


def csv_nul(rng: Random, spec: Specimen) -> str:
    data = bytearray(spec.settle())
    mode = rng.choice(["few", "field", "tail", "every-other"])
    if mode == "few":
        for _ in range(rng.randint(1, 5)):
            data.insert(rng.randrange(len(data)), 0)
    elif mode == "field":
        at = rng.randrange(len(data))
        data[at:at] = b"\x00" * rng.randint(1, 200)
    elif mode == "tail":
        data += b"\x00" * rng.randint(1, 5000)
    else:
        data = bytearray(b"".join(bytes([b, 0]) for b in data))
    spec.data = bytes(data)
    return f"NUL bytes: {mode}"


EXTENSIONS = [".csv", ".xlsx", ".xls", ".ods", ".xlsm", ".XLSX", ""]


def rename(rng: Random, spec: Specimen) -> str:
    stem, old = Path(spec.name).stem, Path(spec.name).suffix
    new = rng.choice([ext for ext in EXTENSIONS if ext != old])
    spec.name = stem + new
    return f"extension {old!r} -> {new!r}"


# ---------------------------------------------------------------- registry

TABLE, PARTS, RAW, NAME = range(4)
WORKBOOK_AND_CSV = frozenset({"xlsx", "csv"})
ZIPPED = frozenset({"xlsx", "ods"})
ANY = frozenset({"xlsx", "xls", "ods", "csv"})


@dataclass(frozen=True)
class Kind:
    name: str
    stage: int
    formats: frozenset[str]
    apply: Callable[[Random, Specimen], str]


KINDS: tuple[Kind, ...] = (
    Kind("byte_flip", RAW, ANY, byte_flip),
    Kind("xml_byte_flip", PARTS, ZIPPED, xml_byte_flip),
    Kind("xml_truncate", PARTS, ZIPPED, xml_truncate),
    Kind("drop_part", PARTS, ZIPPED, drop_part),
    Kind("truncate", RAW, ANY, truncate),
    Kind("shuffle_rows", TABLE, WORKBOOK_AND_CSV, shuffle_rows),
    Kind("drop_rows", TABLE, WORKBOOK_AND_CSV, drop_rows),
    Kind("shuffle_columns", TABLE, WORKBOOK_AND_CSV, shuffle_columns),
    Kind("drop_columns", TABLE, WORKBOOK_AND_CSV, drop_columns),
    Kind("random_cells", TABLE, WORKBOOK_AND_CSV, random_cells),
    Kind("huge_string", TABLE, WORKBOOK_AND_CSV, huge_string),
    Kind("formulas", TABLE, WORKBOOK_AND_CSV, formulas),
    Kind("error_values", TABLE, WORKBOOK_AND_CSV, error_values),
    Kind("xml_cells", PARTS, frozenset({"xlsx"}), xml_cells),
    Kind("hidden_sheets", PARTS, frozenset({"xlsx"}), hidden_sheets),
    Kind("sheet_names", PARTS, frozenset({"xlsx"}), sheet_names),
    Kind("shared_strings", PARTS, frozenset({"xlsx"}), shared_strings),
    Kind("extra_sheets", TABLE, frozenset({"xlsx"}), extra_sheets),
    Kind("duplicate_headers", TABLE, WORKBOOK_AND_CSV, duplicate_headers),
    Kind("merge_cells", TABLE, frozenset({"xlsx"}), merge_cells),
    Kind("csv_delimiter", PARTS, frozenset({"csv"}), csv_delimiter),
    Kind("csv_encoding", RAW, frozenset({"csv"}), csv_encoding),
    Kind("csv_bom", RAW, frozenset({"csv"}), csv_bom),
    Kind("csv_nul", RAW, frozenset({"csv"}), csv_nul),
    Kind("rename", NAME, ANY, rename),
)
BY_NAME = {kind.name: kind for kind in KINDS}


@dataclass
class Mutant:
    seed: int
    index: int
    base: str
    name: str
    data: bytes
    mutations: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return [m.split(":", 1)[0] for m in self.mutations]

    def label(self) -> str:
        return (f"seed={self.seed} index={self.index} base={self.base!r} -> {self.name!r}\n"
                + "".join(f"    - {m}\n" for m in self.mutations)
                + f"    reproduce: python tests/support/fuzz.py --seed {self.seed} --index {self.index} --out DIR")


def plan(seed: int, index: int) -> tuple[Random, Base, list[Kind]]:
    """The base and the mutation kinds of one mutant, in the order they run."""
    rng = Random(f"zi-fuzz:{seed}:{index}")
    primary = KINDS[index % len(KINDS)]
    base = rng.choice([b for b in bases() if b.fmt in primary.formats])
    chosen = [primary]
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        extra = rng.choice([k for k in KINDS if base.fmt in k.formats and k not in chosen])
        chosen.append(extra)
    chosen.sort(key=lambda k: k.stage)
    # a raw edit ends the structured life of the file: keep one raw edit, and nothing structured after it
    first_raw = next((i for i, k in enumerate(chosen) if k.stage == RAW), None)
    if first_raw is not None:
        chosen = chosen[: first_raw + 1] + [k for k in chosen[first_raw + 1:] if k.stage == NAME]
    return rng, base, chosen


def build_mutant(seed: int, index: int) -> Mutant:
    rng, base, chosen = plan(seed, index)
    spec = Specimen(base)
    mutations = [f"{kind.name}: {kind.apply(rng, spec)}" for kind in chosen]
    return Mutant(seed, index, base.name, spec.name, spec.settle(), mutations)


def write_mutant(mutant: Mutant, folder: Path) -> Path:
    """Each mutant in its own folder, under its base's name (the unit is read from the name too)."""
    target = folder / f"{mutant.index:05d}"
    target.mkdir(parents=True, exist_ok=True)
    path = target / (mutant.name or "tanpa nama")
    path.write_bytes(mutant.data)
    return path


def summary(seed: int, count: int) -> Counter[str]:
    """Mutation kinds over the first `count` mutants (a mutant has one to three)."""
    return Counter(kind.name for index in range(count) for kind in plan(seed, index)[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build one fuzz mutant of the sample files, or count kinds.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--index", type=int)
    parser.add_argument("--out", type=Path, help="file to write, or an existing folder to write the mutant into")
    parser.add_argument("--summary", type=int, metavar="N", help="count mutation kinds over mutants 0..N-1")
    args = parser.parse_args(argv)
    if args.summary:
        for name, count in sorted(summary(args.seed, args.summary).items(), key=lambda item: -item[1]):
            print(f"{count:5d}  {name}")
        return 0
    if args.index is None:
        parser.error("--index or --summary is required")
    mutant = build_mutant(args.seed, args.index)
    print(mutant.label())
    if args.out:
        path = args.out / mutant.name if args.out.is_dir() else args.out
        path.write_bytes(mutant.data)
        print(f"written: {path} ({len(mutant.data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
