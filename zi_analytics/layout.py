"""Where the table is inside a messy sheet: title block, header row(s), and which rows are not data.

Offices put title blocks and merged cells above the header, a numbering row (1) (2) (3) under it,
totals and a signature block ("Kepala ...", "NIP. ...") below the data. None of those are data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .normalize.dates import MONTHS
from .normalize.text import clean_text, first_filled, fold_any, is_blank
from .read import RawSheet

HEADER_SCAN_ROWS = 40
# No column title is this long; a longer cell near the top (a pasted report, a hostile 1 MB cell) is cut
# here, so header matching, its caches and every message naming the column stay small and fast.
HEADER_TEXT_LIMIT = 500
_NUMBERING_CELL = re.compile(r"^\(?\s*\d{1,2}\s*\)?$|^\(\s*[a-z]\s*\)$")
_TOTAL = re.compile(
    r"^(jumlah|total|sub ?total|grand total|rata rata|rerata|rata2|nilai rata rata|nrr|nrr per unsur|"
    r"nrr tertimbang|ikm|nilai ikm|ikm unit pelayanan|mutu pelayanan|kinerja unit pelayanan|"
    r"capaian rata rata|total keseluruhan|skor rata rata|nilai per unsur|nilai unsur|jumlah nilai|total nilai|"
    r"nilai tertimbang)\b"
)
_ASCII_DIGITS = tuple("0123456789")
_NUMBER_TEXT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")  # a tuple: "" is not in it
_SIGNATURE = re.compile(
    r"^(kepala|kalapas|karutan|kabapas|mengetahui|menyetujui|disetujui|diperiksa|dibuat oleh|yang membuat|"
    r"ketua tim|ketua pokja|sekretaris|plt|plh|a n|an kepala|nip|pangkat|pembina|penata|pengatur|"
    r"tanda tangan|ttd)\b"
)
_EXAMPLE = re.compile(r"^(contoh|misal|misalnya|example|sample|nama responden|diisi dengan|isi dengan)\b")
_PLACE_DATE = re.compile(rf"^[a-z ]{{3,40}} (\d{{1,2}} )?({'|'.join(MONTHS)}) \d{{4}}$")


@dataclass
class Header:
    row: int  # last header row (0-based); data starts below it
    first_row: int
    texts: list[str]
    lower: list[str] | None = None  # a two-line header's second line alone ("Target" under "Waktu dan Capaian")


def fill_merged_row(sheet: RawSheet, row: int) -> list[Any]:
    """A row with every merged cell's value copied across its whole range."""
    values = list(sheet.rows[row])
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row <= r1 and (c1 > c0 or row > r0):
            top = sheet.rows[r0][c0] if c0 < len(sheet.rows[r0]) else ""
            for col in range(c0, min(c1 + 1, len(values))):
                if is_blank(values[col]):
                    values[col] = top
    return values


def fill_vertical_merges(sheet: RawSheet, start: int) -> None:
    """Copy a cell merged down over several data rows (an area or unit spanning its activities) into each row."""
    for r0, c0, r1, c1 in sheet.merged:
        if r1 <= r0 or r1 < start or r0 >= len(sheet.rows):  # a merge of empty cells below the data
            continue
        top = sheet.rows[r0][c0] if c0 < len(sheet.rows[r0]) else ""
        for row in range(max(r0 + 1, start), min(r1 + 1, len(sheet.rows))):
            cells = sheet.rows[row]
            for col in range(c0, min(c0 + 1, len(cells))):
                if is_blank(cells[col]):
                    cells[col] = top


def header_candidates(sheet: RawSheet) -> list[Header]:
    """Every row near the top with some text, alone and combined with the row below it."""
    return list(iter_header_candidates(sheet))


def iter_header_candidates(sheet: RawSheet) -> Iterator[Header]:
    """The candidates one at a time, top down, so a scan that has found its header can stop early."""
    limit = min(len(sheet.rows), HEADER_SCAN_ROWS)
    continuation = -1
    for row in range(limit):
        values = fill_merged_row(sheet, row)
        texts = [header_text(v) for v in values]
        text_cells = sum(1 for v in values if isinstance(v, str) and v.strip())
        if text_cells < 2:
            continue
        continues = _continues_header(sheet, row) if row + 1 < len(sheet.rows) else ""
        # a second header line is never a header on its own, nor is a merged parent line without it
        if row != continuation and continues != "merged":
            yield Header(row, row, texts)
        if continues:
            below = [header_text(v) for v in fill_merged_row(sheet, row + 1)]
            texts = _spread_group_titles(texts, below)
            combined = [f"{a} {b}".strip() if b and b != a else a for a, b in zip(texts, below)]
            yield Header(row + 1, row, combined, [b if b != a else "" for a, b in zip(texts, below)])
            continuation = row + 1


def _spread_group_titles(top: list[str], below: list[str]) -> list[str]:
    """A group title written once over several sub-columns without merging ("TANGGAL" over "Masuk" and
    "Selesai"): it stands over each sub-column to its right that has a line below and none above."""
    spread = list(top)
    for col in range(1, len(spread)):
        if not spread[col] and col < len(below) and below[col] and below[col - 1] and spread[col - 1]:
            spread[col] = spread[col - 1]
    return spread


def header_text(value: Any) -> str:
    return clean_text(value)[:HEADER_TEXT_LIMIT]


def _continues_header(sheet: RawSheet, row: int) -> str:
    """Whether the next row is a second header line: 'merged' under a merged parent, 'blank' under empty cells."""
    below = sheet.rows[row + 1]
    texts = [v for v in below if not is_blank(v)]
    if len(texts) < 1 or not all(isinstance(v, str) for v in texts):
        return ""
    if is_numbering_row(below):
        return ""
    spans = [(c0, c1) for r0, c0, r1, c1 in sheet.merged if r0 <= row <= r1 and c1 > c0 and r1 == row]
    if spans:
        alone = sum(not is_blank(v) for v in sheet.rows[row]) == 1
        if alone and any(_covers_table(below, c0, c1) for c0, c1 in spans):
            return ""  # one merged line over every column below: a title ("Posisi 31 Oktober 2026"), no group
        return "merged"
    if any(not is_blank(b) and is_blank(sheet.rows[row][c]) for c, b in enumerate(below) if c < len(sheet.rows[row])):
        return "blank"
    return ""


def _covers_table(below: list[Any], c0: int, c1: int) -> bool:
    """Whether a merge over columns c0..c1 stands over every filled cell of the table below: the run of filled
    cells it stands over, up to the first empty column on either side (a legend beside the table, past an
    empty column, is not under the title)."""
    filled = {c for c, v in enumerate(below) if not is_blank(v)}
    under = sorted(filled & set(range(c0, c1 + 1)))
    if not under:
        return False
    first, last = under[0], under[-1]
    while first - 1 in filled:
        first -= 1
    while last + 1 in filled:
        last += 1
    return c0 <= first and last <= c1


def title_lines(sheet: RawSheet, header: Header) -> list[str]:
    """Texts above the header: the title block, where the unit and the snapshot date are written."""
    lines: list[str] = []
    for row in sheet.rows[: header.first_row]:
        for value in row:
            text = clean_text(value)
            if text and text not in lines:
                lines.append(text)
    return lines


def is_numbering_row(values: list[Any]) -> bool:
    """(1) (2) (3) … or 1 2 3 … under a header; what stands beyond a gap after them (a legend beside the
    table) does not count."""
    cells = []
    for value in values:  # a data row fails on its first text cell: no need to clean the rest
        if is_blank(value):
            if len(cells) >= 3:
                break
            continue
        text = clean_text(value)
        if not _NUMBERING_CELL.match(text.lower()):
            return False
        cells.append(text)
    if len(cells) < 3:
        return False
    numbers = [int(re.sub(r"\D", "", c)) for c in cells if re.sub(r"\D", "", c)]
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def _total_cells(cells: list[Any]) -> bool:
    """'JUMLAH', 'Rata-rata', 'NRR per unsur' in one of the first cells, as a short label, not a sentence."""
    return any(value.__class__ is str and _is_total_text(value) for value in cells[:2])


def _total_after_numbers(values: list[Any]) -> bool:
    """A totals row of a table whose columns were reordered: sums first, its label ('Jumlah', 'NRR', 'IKM') the
    first text of the row."""
    for value in values:
        if value.__class__ is str:
            text = value.strip()
            if text and not _NUMBER_TEXT.match(text):  # a sum written as text ("89", "2,967") is still a sum
                return _is_total_text(value)
        elif value is not None and value.__class__ not in (int, float):
            return False  # a date or a time: a data row
    return False


@lru_cache(maxsize=1 << 14)
def _is_total_text(value: str) -> bool:
    """Only text can be a total label: numbers and dates in the first cells never need folding."""
    if value.lstrip()[:1] in _ASCII_DIGITS:  # folding keeps a leading digit: a timestamp is never a label
        return False
    text = fold_any(value)
    return bool(_TOTAL.match(text)) and len(text.split()) <= 5


def _signature_cells(cells: list[Any]) -> bool:
    if not cells or len(cells) > 3:
        return False
    return any(_SIGNATURE.match(t) or _PLACE_DATE.match(t) for t in map(fold_any, cells))


@dataclass
class RowClass:
    """Why a row below the header is not data ('' when it is)."""

    BLANK = "blank"
    NUMBERING = "numbering"
    TOTAL = "total"
    SIGNATURE = "signature"
    EXAMPLE = "example"


def _example_cells(cells: list[Any]) -> bool:
    """A filled-in example under the header ("Contoh Pilar", "Nama Responden", "contoh: Rapat Tim ZI"), in any
    of its cells."""
    return any(value.__class__ is str and _EXAMPLE.match(fold_any(value)) for value in cells)


def is_note_line(values: list[Any]) -> bool:
    """One text cell alone on its row: a note or a legend line ("Keterangan:", "U1 = Persyaratan")."""
    filled = None
    for value in values:
        if not is_blank(value):
            if filled is not None:
                return False
            filled = value
    return isinstance(filled, str) and any(c.isalpha() for c in filled)


def maybe_data(values: list[Any]) -> bool:
    """One row judged alone (no signature block above it): not blank, numbering, signature or total."""
    cells = first_filled(values, 4)  # enough for the signature and total tests
    return bool(cells) and not _signature_cells(cells) and not _total_cells(cells) and not is_numbering_row(values)


def classified_rows(rows: list[list[Any]], start: int) -> Iterator[tuple[str, list[Any]]]:
    """Each row's label with its first four filled cells: every test here needs at most that many (more
    than three filled cells is never a signature line), so callers need not look at every cell twice."""
    in_signature = False
    for offset, values in enumerate(rows[start:]):
        cells = first_filled(values, 4)
        count = len(cells)
        if count > 3 and offset >= 3:  # the usual data row: only a total label in its first cells can exclude it
            first, second = cells[0], cells[1]
            if ((first.__class__ is str and _is_total_text(first)) or (second.__class__ is str and _is_total_text(second))
                    or _total_after_numbers(values)):
                yield RowClass.TOTAL, cells
            else:
                in_signature = False
                yield "", cells
            continue
        if count == 0:
            label = RowClass.BLANK
        elif offset < 3 and is_numbering_row(values):
            label = RowClass.NUMBERING
        elif offset < 3 and _example_cells(values):
            label = RowClass.EXAMPLE
        elif _signature_cells(cells):
            in_signature = True
            label = RowClass.SIGNATURE
        elif in_signature and count <= 3:
            label = RowClass.SIGNATURE
        elif _total_cells(cells):
            label = RowClass.TOTAL
        else:
            in_signature = False
            label = ""
        yield label, cells
