"""Every bad input of the ingest issue: an Indonesian message for that file, no traceback, others still load."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zi_analytics.config import Limits
from zi_analytics.ingest import ingest_file

ROOT = Path(__file__).resolve().parents[1]
GOOD = [["LAPAS KELAS I MALANG"], ["Kegiatan", "Area Perubahan", "PIC", "Progres"], ["SK Tim", "Manajemen Perubahan", "KPLP", "50%"]]
TECHNICAL = ("Traceback", "Error:", "zipfile", "KeyError", "Exception", "calamine")


def good_xlsx(tmp_path: Path, name: str = "baik.xlsx") -> Path:
    from conftest import write_xlsx
    return write_xlsx(tmp_path / name, {"RA": GOOD})


def zip_with(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_parts(tmp_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good_xlsx(tmp_path, "base.xlsx")) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def assert_refused(path: Path, *words: str, limits: Limits = Limits()) -> str:
    result = ingest_file(path, limits=limits)
    assert result.errors, f"{path.name} was not refused"
    assert result.rows == 0
    message = " ".join(result.errors)
    assert not any(t in message for t in TECHNICAL), message
    for word in words:
        assert word in message.lower(), (word, message)
    return message


def test_empty_files(tmp_path):
    for name in ("kosong.xlsx", "kosong.csv"):
        (tmp_path / name).write_bytes(b"")
        assert_refused(tmp_path / name, "kosong")


def test_truncated_and_corrupt_workbooks(tmp_path):
    data = good_xlsx(tmp_path).read_bytes()
    (tmp_path / "terpotong.xlsx").write_bytes(data[: len(data) // 2])
    assert_refused(tmp_path / "terpotong.xlsx", "rusak")
    flipped = bytearray(data)
    for i in range(len(data) // 3, len(data) // 3 + 200):
        flipped[i] ^= 0xFF
    (tmp_path / "rusak.xlsx").write_bytes(bytes(flipped))
    assert_refused(tmp_path / "rusak.xlsx", "rusak")


@pytest.mark.parametrize("content,word", [
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "png"),
    (b"<html><head><meta charset='utf-8'></head><body><table><tr><td>No</td></tr></table></body></html>", "html"),
    (None, "zip"),  # a .docx: a real zip that is not a workbook
])
def test_other_formats_renamed_xlsx(tmp_path, content, word):
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(content if content is not None else zip_with({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}))
    assert_refused(path, word, "bukan")


def test_password_protected_workbook(tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile
    plain = good_xlsx(tmp_path)
    with open(plain, "rb") as source, open(tmp_path / "rahasia.xlsx", "wb") as target:
        OOXMLFile(source).encrypt("sandi123", target)
    assert msoffcrypto.olefile.isOleFile(str(tmp_path / "rahasia.xlsx"))
    assert_refused(tmp_path / "rahasia.xlsx", "kata sandi")


def test_workbook_without_data_rows_says_so(tmp_path):
    from conftest import write_xlsx
    result = ingest_file(write_xlsx(tmp_path / "header.xlsx", {"RA": GOOD[:2]}))
    text = " ".join(result.errors + result.warnings).lower()
    assert result.rows == 0 and "tidak ada baris data" in text


def test_unknown_layout_says_what_was_expected(tmp_path):
    from conftest import write_xlsx
    path = write_xlsx(tmp_path / "gudang.xlsx", {"Stok": [["Nama Barang", "Harga", "Stok"], ["Sabun", 5000, 12], ["Sikat", 3000, 4]]})
    message = assert_refused(path, "rencana aksi", "survei", "pengaduan", "lke")
    assert "diharapkan" in message.lower()


def test_zip_bomb_inflating_past_the_limit(tmp_path):
    parts = xlsx_parts(tmp_path)
    sheet = next(name for name in parts if name.startswith("xl/worksheets/"))
    parts[sheet] = parts[sheet].replace(b"</worksheet>", b"<!--" + b"A" * 5_000_000 + b"--></worksheet>")
    (tmp_path / "bom.xlsx").write_bytes(zip_with(parts))
    assert (tmp_path / "bom.xlsx").stat().st_size < 100_000
    assert_refused(tmp_path / "bom.xlsx", "zip bomb", limits=Limits(max_unzipped_bytes=1_000_000))


def test_zip_bomb_with_forged_declared_sizes(tmp_path):
    """The archive says the sheet is tiny; the stream inflates past the limit: caught while inflating."""
    parts = xlsx_parts(tmp_path)
    sheet = next(name for name in parts if name.startswith("xl/worksheets/"))
    parts[sheet] = parts[sheet].replace(b"</worksheet>", b"<!--" + b"B" * 5_000_000 + b"--></worksheet>")
    data = bytearray(zip_with(parts))
    real = len(parts[sheet]).to_bytes(4, "little")
    forged = (1000).to_bytes(4, "little")
    count = 0
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + offset:start + offset + 4] == real:
                data[start + offset:start + offset + 4] = forged
                count += 1
            start += 4
    assert count == 2, "local and central headers both forged"
    (tmp_path / "palsu.xlsx").write_bytes(bytes(data))
    assert_refused(tmp_path / "palsu.xlsx", limits=Limits(max_unzipped_bytes=1_000_000))


def test_too_many_archive_entries(tmp_path):
    parts = xlsx_parts(tmp_path) | {f"xl/media/x{i}.bin": b"x" for i in range(50)}
    (tmp_path / "banyak.xlsx").write_bytes(zip_with(parts))
    assert_refused(tmp_path / "banyak.xlsx", "terlalu banyak", limits=Limits(max_zip_entries=20))


@pytest.mark.parametrize("part", ["sheet", "xl/sharedStrings.xml"])
def test_xml_entity_expansion(tmp_path, part):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
              + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    parts = xlsx_parts(tmp_path)
    name = next(n for n in parts if n.startswith("xl/worksheets/")) if part == "sheet" else part
    parts[name] = laughs
    (tmp_path / "tawa.xlsx").write_bytes(zip_with(parts))
    assert_refused(tmp_path / "tawa.xlsx", "entitas")


def test_file_over_the_upload_limit(tmp_path):
    assert_refused(good_xlsx(tmp_path), "terlalu besar", limits=Limits(max_file_bytes=1000))


def test_binary_and_utf16_csv(tmp_path):
    (tmp_path / "acak.csv").write_bytes(bytes(range(256)) * 20)
    assert_refused(tmp_path / "acak.csv", "csv")
    text = "Kegiatan,Area Perubahan,PIC,Progres\r\nSK Tim,Manajemen Perubahan,KPLP,50%\r\n"
    (tmp_path / "RA Lapas Kelas I Malang.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = ingest_file(tmp_path / "RA Lapas Kelas I Malang.csv")
    assert result.errors == [] and result.rows == 1


BOMB_SCRIPT = """
import resource, sys
sys.path.insert(0, {root!r})
from zi_analytics.ingest import ingest_file
result = ingest_file({path!r})
print(result.errors[0])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_default_limit_bomb_peak_memory_under_1_gb(tmp_path):
    """A small file whose sheet inflates to ~300 MB: refused with the default 200 MB limit; the reading
    process (which only ingests) peaks well under 1 GB."""
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet>")
            for _ in range(300):
                sheet.write(b"0" * 1_000_000)
            sheet.write(b"</worksheet>")
    assert path.stat().st_size < 2_000_000
    done = subprocess.run([sys.executable, "-c", BOMB_SCRIPT.format(root=str(ROOT), path=str(path))],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    error, peak_kb = done.stdout.strip().splitlines()
    assert "zip bomb" in error
    assert int(peak_kb) < 1024 * 1024, f"peak {int(peak_kb) // 1024} MB"
    print(f"peak RSS while refusing the bomb: {int(peak_kb) // 1024} MB")


def test_folder_of_bad_files_exit_one_and_good_file_still_loads(tmp_path):
    good_xlsx(tmp_path, "RA Lapas Malang.xlsx")
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    (tmp_path / "laporan.xlsx").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "halaman.xls").write_bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>")
    done = subprocess.run([sys.executable, "-m", "zi_analytics", "summarize", str(tmp_path), "--json"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    assert files["RA Lapas Malang.xlsx"]["rows"] == 1 and files["RA Lapas Malang.xlsx"]["errors"] == []
    for name in ("kosong.xlsx", "laporan.xlsx", "halaman.xls"):
        assert files[name]["errors"] and not any(t in files[name]["errors"][0] for t in TECHNICAL), name
