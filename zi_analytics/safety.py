"""Preflight checks on raw bytes, run before any parser sees a file.

A workbook is a zip of XML parts, so a hostile file can inflate to gigabytes or carry XML entity
bombs. Both are caught here by streaming each part with a byte budget, never trusting the sizes the
archive declares.
"""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
import zlib
from functools import lru_cache

from .limits import Limits
from .errors import IngestError
from .formatting import number
from .messages import msg

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_ENTITY_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
                      for enc in ("ascii", "utf-16-le", "utf-16-be"))  # XML parts may be UTF-16
_CHUNK = 1 << 16

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "dokumen PDF"),
    (b"\x89PNG", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf", "arsip 7z"),
    (b"\x1f\x8b", "arsip gzip"),
    (b"{\\rtf", "dokumen RTF"),
)


def human_size(n: int) -> str:
    """Sizes the way a user reads them (Indonesian decimal comma)."""
    size = float(n)
    for unit in ("byte", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "byte" else f"{size:.1f}".replace(".", ",")
            return f"{text} {unit}"
        size /= 1024
    return f"{n} byte"


def check_size(data: bytes, limits: Limits) -> None:
    if len(data) == 0:
        raise IngestError(msg("empty_file"))
    if len(data) > limits.max_file_bytes:
        raise IngestError(msg("too_large", size=human_size(len(data)), limit=human_size(limits.max_file_bytes)))


def foreign_format(data: bytes) -> str | None:
    """Name the format of a file that is clearly not a spreadsheet, from its first bytes."""
    head = data[:16]
    for magic, name in _SIGNATURES:
        if head.startswith(magic):
            return name
    return None


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head", b"<body", b"<style")):
        return True  # web-app "Excel" exports, e.g. PHP's <meta http-equiv=...><table>
    return b"<html" in head[:512] or (head.startswith(b"<") and b"<table" in head)


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE container holding an encrypted OOXML package is a password-protected .xlsx."""
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_MARK in data[: 4 * 1024 * 1024]


def check_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip and inflate every part once (a small one in one call, the others streamed), refusing bombs
    and XML entity declarations."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a header claiming a zip version Python cannot read ("zip file version 18.4")
        raise IngestError(msg("corrupt_zip", detail=_short(exc))) from None
    if len(entries) > limits.max_zip_entries:
        raise IngestError(msg("too_many_entries", count=len(entries), limit=limits.max_zip_entries))
    limit_text = human_size(limits.max_unzipped_bytes)
    if sum(e.file_size for e in entries) > limits.max_unzipped_bytes:
        raise IngestError(msg("unzipped_too_large", limit=limit_text))
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise IngestError(msg("password"))
        whole = _small_part(data, entry, limits.max_unzipped_bytes - total)
        if whole is not None and _check_whole(entry, whole, limits.max_cells):
            total += len(whole)
            continue
        total = _stream_entry(archive, entry, total, limits.max_unzipped_bytes, limit_text, limits.max_cells)
    return archive


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name's and the extra field's lengths


def _small_part(data: bytes, entry: zipfile.ZipInfo, budget_left: int) -> bytes | None:
    """A part of at most one chunk, inflated in one call: most parts of a workbook are a few kilobytes, and
    streaming each through `ZipFile.open` cost more than inflating it. Streamed, such a part is one chunk too,
    so its checks (`_check_whole`) run as they would. None whenever anything is unusual (a stranger method, a
    header that does not match the directory, a broken or cut stream, a wrong checksum, more than a chunk or
    than the budget): the part is then streamed, which refuses it with the message it deserves."""
    if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or max(entry.compress_size, entry.file_size) > _CHUNK:
        return None  # the sizes declared are only a hint here: what the part really holds is measured below
    if entry.flag_bits & 0x61:  # encrypted, patched or strongly encrypted: `ZipFile.open` says which
        return None
    start = entry.header_offset
    if start < 0 or start + _LOCAL_HEADER.size > len(data):
        return None
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, start)
    name = data[start + _LOCAL_HEADER.size : start + _LOCAL_HEADER.size + name_length]
    encoding = "utf-8" if entry.flag_bits & 0x800 else "cp437"
    if signature != b"PK\x03\x04" or name.decode(encoding, "replace") != entry.orig_filename:
        return None
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    raw = data[begin : begin + entry.compress_size]
    if len(raw) != entry.compress_size:
        return None
    if entry.compress_type == zipfile.ZIP_STORED:
        whole = raw
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            whole = inflater.decompress(raw, _CHUNK + 1)
        except zlib.error:
            return None
        if not inflater.eof or inflater.unconsumed_tail:
            return None
    if len(whole) > min(_CHUNK, budget_left) or zlib.crc32(whole) != entry.CRC:
        return None
    return whole


def _check_whole(entry: zipfile.ZipInfo, whole: bytes, max_cells: int) -> bool:
    """The checks `_stream_once` makes chunk by chunk, on a whole part: raises as it would, and False when the
    quick bound on a worksheet's extent is over the limit (the part is then streamed, measuring exactly)."""
    _check_declared_strings(whole, max_cells)
    xml, worksheet = _part_kind(entry)
    if not xml:
        return True
    _refuse_entities(whole)
    if worksheet:
        extent = [0, 0]
        _bound(extent, whole)
        return extent[0] * extent[1] <= max_cells
    return True


def _part_kind(entry: zipfile.ZipInfo) -> tuple[bool, bool]:
    """Whether a part is XML (checked for entity declarations), and whether it is a worksheet (its extent bounded)."""
    name = entry.filename.lower()
    xml = name.endswith((".xml", ".rels", ".vml"))
    return xml, xml and name.startswith("xl/worksheets/")


def _refuse_entities(window: bytes) -> None:
    # every mark holds "!" (in any of the encodings): one fast scan rules most windows out
    if b"!" in window and any(mark in window for mark in _ENTITY_MARKS):
        raise IngestError(msg("xml_entities"))


def _stream_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, total: int, budget: int, limit_text: str,
                  max_cells: int) -> int:
    try:
        return _stream_once(archive, entry, total, budget, limit_text, max_cells, exact=False)
    except _NeedsExactExtent:
        return _stream_once(archive, entry, total, budget, limit_text, max_cells, exact=True)


class _NeedsExactExtent(Exception):
    """The quick bound on a worksheet's extent is over the limit: measure every cell reference."""


def _stream_once(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, total: int, budget: int, limit_text: str,
                 max_cells: int, exact: bool) -> int:
    check_xml, worksheet = _part_kind(entry)
    extent = [0, 0]  # largest row and column any cell reference reaches (or, not exact, a bound on them)
    tail = carry = b""
    # ZipExtFile stops at the size the header declares; a forged header must not hide a bomb, so
    # let it inflate up to the budget and measure what the part really holds.
    probe = copy.copy(entry)
    probe.file_size = max(entry.file_size, budget + 1)
    try:
        with archive.open(probe) as part:
            while True:
                chunk = part.read(_CHUNK)
                if not chunk:
                    break
                window = tail + chunk
                carry = _check_declared_strings(carry + chunk if carry else window, max_cells)
                total += len(chunk)
                if total > budget:
                    raise IngestError(msg("unzipped_too_large", limit=limit_text))
                if check_xml:
                    _refuse_entities(window)
                    if worksheet:
                        (_widen if exact else _bound)(extent, window)
                        if extent[0] * extent[1] > max_cells and not exact:
                            raise _NeedsExactExtent
                        if extent[0] * extent[1] > max_cells:
                            # a reader sizes the sheet by its furthest cell: a 5 KB file with one cell at XFD1048576
                            # would ask for hundreds of GB before any check of ours could run
                            raise IngestError(msg("too_many_cells", sheet=entry.filename.rsplit("/", 1)[-1],
                                                  cells=number(extent[0] * extent[1], 0), limit=number(max_cells, 0)))
                tail = chunk[-48:]
    except IngestError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise IngestError(msg("corrupt_zip", detail=_short(exc))) from None
    return total


# <sst uniqueCount="N">: the reader reserves room for N strings up front (24 bytes each) before reading one,
# so a 10 KB file declaring 999,999,999 asks for 24 GB and the failed allocation aborts the whole process.
# The reader skips comments and accepts spaces around "=", a "+" and leading zeros: so does this scan, on
# every part (the table's name comes from the relationships) and across chunk boundaries.
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\+?0*([0-9]{1,40})""")
_UNIQUE_COUNT_CUT = re.compile(rb"""uniqueCount\s*(?:=\s*(?:["']\+?0*[0-9]*)?)?\Z""")


def _check_declared_strings(window: bytes, max_cells: int) -> bytes:
    """Refuse a shared-string table declaring more strings than a sheet may hold cells (an honest count is
    at most the number of text cells); return a declaration cut by the window's end, squeezed, to carry."""
    if b"uniqueCount" not in window:
        return b""
    for match in _UNIQUE_COUNT.finditer(window):
        if int(match.group(1)) > max_cells:
            raise IngestError(msg("corrupt", fmt="Excel (.xlsx)"))
    cut = _UNIQUE_COUNT_CUT.search(window)
    if not cut:
        return b""
    return re.sub(rb"""(["']\+?)0+""", rb"\g<1>0", re.sub(rb"\s+", b" ", cut.group(0)))


# Rows and cells, in any attribute order, and references no sheet can hold: the reader takes an 11-digit row
# or a 5-letter column too, and sizes the sheet by it.
_ROW_REF = re.compile(rb'\br="[A-Z]*([0-9]+)"')
_COL_REF = re.compile(rb'\br="([A-Z]+)[0-9]')
_REFERENCE_CHARS_MAX = 12  # past a trillion rows or columns the exact figure no longer matters: it is refused
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*[0-9]*:?([A-Z]{1,3})([0-9]{1,7})"')


@lru_cache(maxsize=None)
def _longer(digits: int, letters: int) -> re.Pattern[bytes]:
    """A reference with a longer column name or row number than these (the group named so): one search of
    a chunk for both, instead of one for each. Letters and digits never overlap, so no run need be given
    back to try the rest of the pattern (possessive: a failed reference, nearly every one, is left at once)."""
    wanted = []
    if letters < _REFERENCE_CHARS_MAX:
        wanted.append(rb"(?P<column>[A-Z]{%d,}+)[0-9]" % (letters + 1))
    if digits < _REFERENCE_CHARS_MAX:
        wanted.append(rb'[A-Z]*+(?P<row>[0-9]{%d,}+)"' % (digits + 1))
    return re.compile(rb'r="(?:' + b"|".join(wanted) + rb")")


def _columns_up_to(letters: int) -> int:
    """The furthest column a name of this many letters can reach (3: XFD and beyond, up to ZZZ)."""
    return sum(26**k for k in range(1, letters + 1))


def _bound(extent: list[int], window: bytes) -> None:
    """Grow an upper bound on the furthest row and column from the longest references alone.

    Nothing per cell: the longest row number and column name bound the extent (a 4-digit row is below
    10,000). A chunk costs one failed search for anything longer; a longer reference found raises the
    bound to its own length and the search goes on from there. The exact scan is only needed when the
    bound is over the limit (always, for a name no sheet can hold: the reader takes it all the same).
    Each search goes on from the reference found last (nothing before it was longer than the bound then,
    and the bound only grows): a sheet's rows reach 10, then 100, a little further down each time.
    """
    digits = len(str(extent[0])) if extent[0] else 0
    letters = next((n for n in range(_REFERENCE_CHARS_MAX) if _columns_up_to(n) >= extent[1]), _REFERENCE_CHARS_MAX)
    start = 0
    while (digits < _REFERENCE_CHARS_MAX or letters < _REFERENCE_CHARS_MAX) and (found := _longer(digits, letters).search(window, start)):
        start = found.start()  # the same reference again: its other part may be longer too
        length = min(len(found.group(found.lastgroup or 0)), _REFERENCE_CHARS_MAX)
        if found.lastgroup == "column":
            letters = length
        else:
            digits = length
    extent[0] = max(extent[0], 10**digits - 1)
    extent[1] = max(extent[1], _columns_up_to(letters))


def _widen(extent: list[int], window: bytes) -> None:
    """Grow the furthest row and column seen; regexes over the whole chunk, no Python work per cell."""
    rows = [int(digits.lstrip(b"0")[:_REFERENCE_CHARS_MAX] or b"0") for digits in _ROW_REF.findall(window)]
    letters = set(_COL_REF.findall(window))
    for match in _DIMENSION.finditer(window):
        letters.add(match.group(1))
        rows.append(int(match.group(2)))
    if rows:
        extent[0] = max(extent[0], max(rows))
    for text in letters:
        column = 0
        for char in text[:_REFERENCE_CHARS_MAX]:
            column = column * 26 + char - 64
        extent[1] = max(extent[1], column)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:120]
