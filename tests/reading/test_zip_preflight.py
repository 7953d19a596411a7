"""The zip preflight inflates a small part in one call (`safety._small_part`) and streams the others. Both
must refuse and accept exactly the same files with the same messages: the streaming path is the reference.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zi_analytics import safety
from zi_analytics.limits import DEFAULT_LIMITS, Limits
from zi_analytics.errors import IngestError

import support.fuzz as fuzz  # noqa: E402

TIGHT = Limits(max_file_bytes=10**9, max_unzipped_bytes=60_000, max_zip_entries=10_000, max_cells=2_000)


def outcome(data: bytes, limits: Limits) -> str:
    try:
        safety.check_zip(data, limits)
    except IngestError as exc:
        return exc.message
    return "ok"


def rezipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def crafted() -> list[bytes]:
    """Parts small enough for one call: a bomb, entity declarations, an absurd string count, a far cell,
    a stored part, a checksum and a local header broken after zipping."""
    sheet = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    cases = [
        rezipped({"xl/worksheets/sheet1.xml": b"<a>" + b" " * 60_000 + b"</a>"}),
        rezipped({"xl/worksheets/sheet1.xml": b'<!DOCTYPE x [<!ENTITY a "b">]>' + sheet}),
        rezipped({"xl/sharedStrings.xml": b'<sst uniqueCount="999999999"/>'}),
        rezipped({"xl/worksheets/sheet1.xml": sheet.replace(b'r="A1"', b'r="XFD1048576"')}),
        rezipped({"xl/worksheets/sheet1.xml": sheet, "xl/workbook.xml": b"<workbook/>"}, zipfile.ZIP_STORED),
        rezipped({"xl/worksheets/sheet1.xml": sheet * 800}),  # more than a chunk once inflated
    ]
    good = rezipped({"xl/worksheets/sheet1.xml": sheet})
    crc = bytearray(good)
    crc[crc.rindex(b"PK\x01\x02") + 16] ^= 0xFF  # the central directory's checksum
    name = bytearray(good)
    name[30] = ord("y")  # the local header's name no longer the directory's
    return cases + [good, bytes(crc), bytes(name), good[: len(good) // 2] + good[-60:]]


@pytest.mark.parametrize("limits", [DEFAULT_LIMITS, TIGHT], ids=["default", "tight"])
def test_one_call_and_streaming_refuse_and_accept_the_same(monkeypatch, limits):
    files = crafted() + [m.data for m in (fuzz.build_mutant(11, i) for i in range(150))]
    files = [data for data in files if data.startswith(b"PK")]
    quick = [outcome(data, limits) for data in files]
    monkeypatch.setattr(safety, "_small_part", lambda *args: None)  # every part streamed, as before
    streamed = [outcome(data, limits) for data in files]
    assert quick == streamed
    assert len(set(streamed)) >= 4, "too few kinds of outcome: this tested little"


def longest_references(window: bytes, digits: int, letters: int) -> tuple[int, int]:
    """What `safety._bound` must find, cell by cell: the longest column name followed by a digit, and the
    longest row number of a reference closed by a quote, each starting from the bound it was given."""
    for start in (i + 3 for i in range(len(window)) if window.startswith(b'r="', i)):
        run = start
        while run < len(window) and 65 <= window[run] <= 90:
            run += 1
        if run < len(window) and 48 <= window[run] <= 57:
            letters = max(letters, min(run - start, safety._REFERENCE_CHARS_MAX))
        end = run
        while end < len(window) and 48 <= window[end] <= 57:
            end += 1
        if end > run and end < len(window) and window[end] == ord('"'):
            digits = max(digits, min(end - run, safety._REFERENCE_CHARS_MAX))
    return digits, letters


_REFERENCE = st.tuples(st.text("ABCXZ", max_size=5), st.text("0123456789", max_size=8), st.sampled_from(['"', "", "a", ":"]))


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.one_of(_REFERENCE.map(lambda r: f'<c r="{r[0]}{r[1]}{r[2]}>'), st.sampled_from(['<row r="', "x", " ", '"', "r="])),
                max_size=40),
       st.integers(0, 99_999), st.integers(0, 800))
def test_bound_finds_the_longest_references_cell_by_cell(pieces, row, column):
    """The bound searches on from the reference it found last: it must still find what a look at every
    reference finds, from the bound it starts with (a sheet's rows reach 10, 100, 1000 further down)."""
    window = "".join(pieces).encode()
    extent = [row, column]
    safety._bound(extent, window)
    digits = len(str(row)) if row else 0
    letters = next((n for n in range(safety._REFERENCE_CHARS_MAX) if safety._columns_up_to(n) >= column), safety._REFERENCE_CHARS_MAX)
    digits, letters = longest_references(window, digits, letters)
    assert extent == [max(row, 10**digits - 1), max(column, safety._columns_up_to(letters))]
