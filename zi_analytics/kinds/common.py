"""What every kind of sheet shares: the rows below the header, their unit, and the problem log."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import itemgetter
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..detect import Detection
from ..layout import RowClass, classified_rows, fill_vertical_merges, is_note_line
from ..messages import msg
from ..normalize.areas import area_key
from ..normalize.dates import MONTHS, end_of_month, parse_date
from ..normalize.text import clean_text, fold, fold_any, is_blank
from ..normalize.units import SECOND_RANK, UnitId, UnitRegistry, file_name_unit, parse_unit
from ..read import RawSheet

PROBLEM_COLUMNS = ["file", "sheet", "row", "column", "value", "reason", "rejected"]
SHOWN_VALUE_CHARS = 80  # a cell quoted in a message; the problem table keeps PROBLEM_VALUE_CHARS
PROBLEM_VALUE_CHARS = 200
SHOWN_HEADER_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_SNAPSHOT_HINT = re.compile(r"\b(posisi|keadaan|per|s d|sd|sampai dengan|bulan|periode|update|pemutakhiran|kondisi|tanggal)\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\s+(20\d\d)\b")
_YEAR = re.compile(r"\btahun (?:anggaran )?(20\d\d)\b")
_ANY_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def shown(value: Any, limit: int = SHOWN_VALUE_CHARS) -> str:
    """A cell as a message quotes it: display text without control characters (NUL bytes of a broken
    export), cut to `limit` characters, so a 1 MB cell does not become a 1 MB message."""
    text = _CONTROL.sub("", clean_text(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class SheetContext:
    """One sheet on its way to a tidy table, with everything needed to explain a rejected row."""

    file: str
    sheet: RawSheet
    detection: Detection
    registry: UnitRegistry
    title: list[str] = field(default_factory=list)
    sheet_unit: UnitId | None = None
    unit_source: str = ""
    problems: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # why this reading needs a person to confirm it
    resolved: dict[UnitId, str] = field(default_factory=dict)  # registry answers, asked once per unit and sheet
    survey: str | None = None  # the survey a person said the sheet's questions are (`SheetOverride.survey`)

    def unit_key(self, unit: UnitId) -> str:
        key = self.resolved.get(unit)
        if key is None:
            key = self.resolved[unit] = self.registry.resolve(unit)
        return key

    @property
    def headers(self) -> list[str]:
        return self.detection.header.texts if self.detection.header else []

    def column_name(self, col: int | None) -> str:
        if col is None:
            return ""
        header = shown(self.headers[col], SHOWN_HEADER_CHARS) if col < len(self.headers) else ""
        return f"{column_letter(col)} ({header})" if header else column_letter(col)

    def field_column(self, name: str) -> str:
        mapping = self.detection.mapping
        return self.column_name(mapping.columns.get(name)) if mapping else ""

    def problem(self, row: int, column: str, value: Any, reason: str, rejected: bool) -> None:
        self.problems.append(
            {"file": self.file, "sheet": self.sheet.name, "row": row + 1, "column": column,
             "value": shown(value, PROBLEM_VALUE_CHARS), "reason": reason, "rejected": rejected}
        )

    def reject(self, row: int, column: str, value: Any, reason: str) -> None:
        self.problem(row, column, value, reason, True)

    def warn(self, row: int, column: str, value: Any, reason: str) -> None:
        self.problem(row, column, value, reason, False)


@dataclass(frozen=True)
class UnitFound:
    """The unit a sheet is about, where it was read and how: by name, by its place alone, or the home unit."""

    unit: UnitId | None = None
    source: str = ""  # judul | nama lembar | nama file | nama folder | pilihan pengguna | unit bawaan
    by_place: bool = False


def sheet_unit(title: list[str], file_name: str, folders: tuple[str, ...] = (), chosen: str | None = None,
               registry: UnitRegistry | None = None, sheet_name: str = "") -> UnitFound:
    """The unit a sheet is about: the user's choice, its title block, the sheet's name, the file name, then its
    folders; failing a unit's name anywhere, a known unit's place named there; failing that, the home unit.

    Folders count because a Kanwil keeps one folder per UPT ("Lapas Banyuwangi/Survei 2026.xlsx").
    """
    if chosen:
        unit = parse_unit(chosen, strict=False)
        if unit is None and registry is not None and (key := registry.find(chosen)):
            unit = registry.unit(key)
        if unit:
            return UnitFound(unit, "pilihan pengguna")
    # a CSV's sheet is named after the file, cut to 31 letters: the file's name says it better
    own_sheet_name = bool(sheet_name) and not Path(file_name).stem.startswith(sheet_name)
    places = [(line, "judul") for line in title] + ([(sheet_name, "nama lembar")] if own_sheet_name else [])
    names = [(Path(file_name).stem, "nama file")] + [(folder, "nama folder") for folder in folders]
    second: UnitFound | None = None  # a Kanwil named in a title's first line: the unit only if no other is named
    for text, source, read in [(t, s, _title_unit) for t, s in places] + [(t, s, file_name_unit) for t, s in names]:
        unit = read(text)
        if unit and unit.type not in SECOND_RANK:
            return UnitFound(unit, source)
        if unit and second is None:
            second = UnitFound(unit, source)
    if second is not None:
        return second
    if registry is not None:
        for text, source in places + names:
            key = registry.by_place(re.sub(r"[_\-.]+", " ", text))
            if key is not None:
                return UnitFound(registry.unit(key), source, by_place=True)
        if registry.home is not None:
            return UnitFound(registry.unit(registry.home), "unit bawaan")
    return UnitFound()


TITLE_WORDS = 12  # a title line this short names its unit anywhere in it ("MATRIKS RENCANA AKSI … RUTAN NEGARA")


def _title_unit(line: str) -> UnitId | None:
    """The unit a title line names: near its start, or anywhere in a short line (a long one is a sentence)."""
    return parse_unit(line, strict=len(line.split()) > TITLE_WORDS)


def title_date(title: list[str], file_name: str) -> date | None:
    """The 'as at' date a title block states ('Posisi 31 Oktober 2026', 's.d. Oktober 2026')."""
    candidates = [fold(line) for line in title if _SNAPSHOT_HINT.search(fold(line))]
    candidates.append(fold(re.sub(r"[_\-.]+", " ", Path(file_name).stem)))
    for text in candidates:
        exact = parse_date(text) if re.search(r"\d{1,2} [a-z]+ 20\d\d", text) else None
        if exact:
            return exact
        months = _MONTH_YEAR.findall(text)
        if months:
            month, year = months[-1]
            return end_of_month(int(year), MONTHS[month])
    return None


def title_year(title: list[str], file_name: str = "") -> int | None:
    """The year a plan states: 'TAHUN 2025' in its title block, else the one year its title lines and file name
    name ('MATRIKS RENCANA AKSI ZI 2025', 'rencana aksi 2025.xlsx'); None when nothing, or several years, do."""
    for line in title:
        match = _YEAR.search(fold(line))
        if match:
            return int(match.group(1))
    texts = [fold(line) for line in title] + [fold(re.sub(r"[_\-.]+", " ", Path(file_name).stem))]
    years = {int(year) for text in texts for year in _ANY_YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


@dataclass
class DataRow:
    index: int  # 0-based sheet row
    values: list[Any]
    unit_heading: UnitId | None
    heading_text: str  # the text of a heading row directly above (action plans use it for areas)
    note: bool = False  # one text cell alone on the row: a note or a legend line


def data_rows(ctx: SheetContext, with_totals: bool = False) -> list[DataRow]:
    """Rows under the header that may be data, with the unit heading that applies to each.

    A row holding one text cell that names a UPT ("LAPAS KELAS IIA BANYUWANGI") starts that unit's
    block in a Kanwil sheet. Other single-text rows are kept as headings for the kind to interpret.
    `with_totals` keeps rows that start with a total label: an LKE's counts ("Jumlah yang sudah melaporkan").
    """
    header = ctx.detection.header
    assert header is not None
    start = header.row + 1
    fill_vertical_merges(ctx.sheet, start)
    rows: list[DataRow] = []
    unit_heading: UnitId | None = None
    heading = ""
    unit_col = ctx.detection.mapping.columns.get("unit") if ctx.detection.mapping is not None else None
    for offset, (label, texts) in enumerate(classified_rows(ctx.sheet.rows, start)):
        if label and not (with_totals and label == RowClass.TOTAL):
            continue
        index = start + offset
        values = ctx.sheet.rows[index]
        if len(texts) <= 2 and all(isinstance(v, str) or _is_small_number(v) for v in texts):
            text = next((v for v in texts if isinstance(v, str)), "")
            # a unit column's cell beside another text ("LPKA Kelas I Blitar" | "WBK") is a row of data, not a heading
            in_unit_column = unit_col is not None and unit_col < len(values) and values[unit_col] == text
            beside = any(isinstance(v, str) and v != text for v in texts)
            unit = parse_unit(text, strict=True) if text and not (in_unit_column and beside) else None
            if unit and unit.type not in SECOND_RANK and len(fold_any(text).split()) <= 8:
                unit_heading = unit
                heading = ""
                continue
        note = len(texts) == 1 and texts[0].__class__ is str and any(c.isalpha() for c in texts[0])
        rows.append(DataRow(index, values, unit_heading, heading, note))
    return rows


def without_note_lines(ctx: SheetContext, rows: list[DataRow]) -> list[DataRow]:
    """The rows less the lines of a note or legend (one text cell alone: "Keterangan:", "1 = Tidak puas, …"),
    which in a survey or a register are never a response or a complaint."""
    kept = [row for row in rows if not row.note]
    if len(kept) < len(rows):
        ctx.notes.append(msg("n_note_lines", sheet=ctx.sheet.name, count=len(rows) - len(kept)))
    return kept


def _is_small_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 100


def cell(values: list[Any], col: int | None) -> Any:
    if col is None or col >= len(values):
        return None
    value = values[col]
    return None if is_blank(value) else value


def column_values(rows: list[DataRow], col: int | None) -> list[Any]:
    """One column of the data rows as raw cells (None where the column is absent)."""
    if col is None:
        return [None] * len(rows)
    return [r.values[col] if col < len(r.values) else None for r in rows]


def columns_of(rows: list[DataRow], cols: list[int]) -> list[list[Any]]:
    """Several columns at once, as ``column_values`` gives each: one pass over the rows instead of one per column."""
    values = [r.values for r in rows]
    width = min(map(len, values), default=0)
    if len(cols) < 2 or width <= max(cols):
        return [column_values(rows, c) for c in cols]
    if 2 * len(cols) >= width:  # most of the columns (a survey's): transposing them all skips picking cells row by row
        every = list(zip(*values))
        return [list(every[c]) for c in cols]
    return [list(column) for column in zip(*map(itemgetter(*cols), values))]


def field_columns(rows: list[DataRow], cols: list[int | None]) -> list[list[Any]]:
    """``column_values`` of each column (None: a field the sheet lacks), the ones present taken together by
    ``columns_of``: looking a cell up row by row cost a small sheet more than reading it."""
    present = list(dict.fromkeys(c for c in cols if c is not None))
    taken = dict(zip(present, columns_of(rows, present)))
    return [taken[c] if c is not None else [None] * len(rows) for c in cols]


def picked(values: list[Any], positions: list[int]) -> list[Any]:
    """The values at these positions (the kept rows); all of them, the usual case, without a copy."""
    if len(positions) == len(values):
        return values
    return [values[i] for i in positions]


def heading_area(row: DataRow, data_blank: bool) -> str | None:
    """The change area an area heading row ('I. MANAJEMEN PERUBAHAN') starts: area text, its number beside it
    or not, on a row whose data cells are blank or that holds it alone, in whatever column (a heading merged
    across the table is written in the first one). Action plans and innovation lists share the rule."""
    if not data_blank and not is_note_line(row.values):
        return None
    words = [clean_text(v) for v in row.values if not is_blank(v)]
    if not words or len(words) > 3:
        return None
    return area_key(" ".join(words)) or next((k for k in map(area_key, words) if k), None)


def filled(values: list[Any]) -> list[Any]:
    """Cells with the blank ones as None."""
    return [None if is_blank(v) else v for v in values]


def resolve_unit(ctx: SheetContext, row: DataRow) -> str | None:
    """Unit key for a row: its unit column, else the unit heading above it, else the sheet's unit."""
    mapping = ctx.detection.mapping
    col = mapping.columns.get("unit") if mapping else None
    raw = cell(row.values, col)
    if raw is not None:
        unit = parse_unit(raw, strict=False)
        if unit is None and (key := ctx.registry.by_place(raw)) is not None:
            unit = ctx.registry.unit(key)  # a place alone ("Tabanan") of a known unit
        if unit is None:
            ctx.reject(row.index, ctx.column_name(col), raw, msg("r_unit_missing", value=shown(raw)))
            return None
        return ctx.unit_key(unit)
    unit = row.unit_heading or ctx.sheet_unit
    if unit is None:
        ctx.reject(row.index, ctx.column_name(col) if col is not None else "", "", msg("r_unit_missing", value=""))
        return None
    return ctx.unit_key(unit)


def unit_resolver(ctx: SheetContext, rows: list[DataRow]) -> Callable[[DataRow], str | None]:
    """`resolve_unit` for these rows. In the usual sheet (no unit column, no unit headings) every row has the
    sheet's unit: it is asked of the registry as `resolve_unit` asks, on first use, and looking up a column
    that is not there is skipped for every row."""
    mapping = ctx.detection.mapping
    unit = ctx.sheet_unit
    if mapping is not None and mapping.columns.get("unit") is not None:
        return ColumnUnit(ctx, mapping.columns["unit"])
    if unit is None or any(r.unit_heading for r in rows):
        return partial(resolve_unit, ctx)
    return SheetUnit(ctx, unit)


@dataclass
class ColumnUnit:
    """`unit_resolver` for a sheet with a unit column: a unit written once at the top of its block holds for the
    blank cells below it, as a merged cell would (a unit heading row starts a new block)."""

    ctx: SheetContext
    col: int
    last: str | None = None

    def __call__(self, row: DataRow) -> str | None:
        if cell(row.values, self.col) is None and row.unit_heading is None and self.last is not None:
            return self.last
        self.last = resolve_unit(self.ctx, row)
        return self.last


@dataclass
class SheetUnit:
    """`unit_resolver` where every row has the sheet's unit: a caller with thousands of rows asks once."""

    ctx: SheetContext
    unit: UnitId

    def __call__(self, row: DataRow) -> str:
        return self.ctx.unit_key(self.unit)


def problems_frame(problems: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(problems, columns=PROBLEM_COLUMNS) if problems else empty_frame(PROBLEM_COLUMNS)


def empty_frame(columns: Sequence[str]) -> pd.DataFrame:
    """A table with these columns and no rows, each caller its own. Building one costs 200 µs, a copy 10:
    every file of a Kanwil batch has a few (the kinds it does not hold, an empty problem log)."""
    return _empty(tuple(columns)).copy()


@lru_cache(maxsize=64)
def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns))

