"""The zip preflight inflates a small part in one call (`safety._small_part`) and streams the others. Both
must refuse and accept exactly the same files with the same messages: the streaming path is the reference.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from zi_analytics import safety
from zi_analytics.config import DEFAULT_LIMITS, Limits
from zi_analytics.errors import IngestError

sys.path.insert(0, str(Path(__file__).parent))
import fuzz  # noqa: E402

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
