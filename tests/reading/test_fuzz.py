"""Fuzz corpus (issue 7 item 2): mutants of the bundled sample files through `ingest_file`, in a child process.

The mutants come from tests/support/fuzz.py (byte flips in the zip and in its XML parts, truncations, rows and
columns shuffled or dropped, random typed cells, 100k–1M character cells, formulas, real error cells,
hidden and extra sheets, duplicated headers, CSV delimiters, encodings, BOMs and NUL bytes, ...). Their
number comes from ZI_FUZZ_MUTANTS (default below) and their seed from ZI_FUZZ_SEED, so

    ZI_FUZZ_MUTANTS=5000 python -m pytest tests/reading/test_fuzz.py

is the long run. For every mutant: `ingest_file` does not raise; the file either loads (rows, or rejected
rows whose reasons are Indonesian) or carries a per-file error; no message leaks Python internals or
English parser text, quotes megabytes of a cell, or holds control characters; the result names the file
(its path, and the `file` of every problem row). A failure lists each bad mutant's seed, index and
mutations with the command that rebuilds it (`python tests/support/fuzz.py --seed S --index I --out DIR`).

Time per file is bounded by SECONDS_PER_FILE = 10 s. The slowest legitimate mutants (a sheet stretched to
a million rows by one forged cell reference, three 1 MB cells read by every text rule) take up to 3 s on
this 2-core machine and a real Pokja file 0.05 s, so 10 s leaves room for a slower CI machine, while
anything quadratic in a 1 MB cell (a regex rescanning it per synonym took 6 s before it was fixed) or in
the row count fails, and 10 s is about as long as a user waits on an upload before deciding the app hung.
The default count (1000, about 50 s for this file here) keeps the run near a minute.

Two more tests take the app's path: the first ZI_FUZZ_STORE_MUTANTS (150) mutants are imported into a real
SQLite workspace as uploads are (the store stays consistent), and one mutant of each kind is uploaded on
the Unggah Data page through app.py (AppTest: no exception, no traceback, the outcome names the file).

The batch runs in a child process (like the memory-heavy cases of test_bad_input.py, under the same 6 GB
address-space cap that only protects the machine): its peak RSS must stay under 1 GB. On Linux the
child restarts the peak mark before each file (/proc/self/clear_refs), so a failure names the file that
pushed it; elsewhere it is the running `ru_maxrss` (skipped where `resource` is missing). A Rust abort
costs one mutant, not the run (the child is restarted after it), and a child silent for HANG_SECONDS on
one file is killed and that file reported.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import support.fuzz as fuzz
import pytest
import xlsxwriter
from conftest import write_xlsx
from support.isolated import (
    CAP,
    ENGLISH,
    INDONESIAN,
    TECHNICAL,
    finish_isolated,
    start_isolated,
)
from support.ikm_form import ikm_rows

from zi_analytics.limits import SUPPORTED_EXTENSIONS as UPLOADABLE, Limits
from zi_analytics.ingest import ingest_file

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = int(os.environ.get("ZI_FUZZ_MUTANTS", "1000"))
SEED = int(os.environ.get("ZI_FUZZ_SEED", str(fuzz.DEFAULT_SEED)))
SECONDS_PER_FILE = 10.0
HANG_SECONDS = 60.0  # a child silent this long on one file is killed: a hang, not a slow file
PEAK_MB = 1024
MESSAGE_CHARS = 1000  # the longest real message is ~350 characters; a quoted 1 MB cell is a bug
USER_TEXT = re.compile(r"'[^']*'|\b[A-Z]{1,3} \([^)]*\)")
BACKTRACE_FRAME = re.compile(r"\s+(\d+: |at )")  # a Rust backtrace's frames, left out of a crash report
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Reasons are short phrases ("Progres kosong.", "Jawaban 5 di luar skala 1–4."): test_bad_input's word list
# is for sentences, so these words of the reason templates count too.
REASON_WORDS = re.compile(r"\b(kosong|tidak|luar|skala|sesudah|dikenali|dibaca|dianggap|dihitung)\b", re.IGNORECASE)

CHILD = r"""
import json, sys, time, traceback
sys.path.insert(0, sys.argv[1])
from zi_analytics.ingest import ingest_file
from zi_analytics.services import import_bytes

try:
    import resource
except ImportError:
    resource = None

def restart_peak():  # Linux: restart the peak-RSS mark (VmHWM), so each file's peak is its own
    try:
        with open("/proc/self/clear_refs", "w") as marks:
            marks.write("5")
        return True
    except OSError:
        return False

def peak_mb(per_file):
    if per_file:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmHWM"))
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // (1024 * 1024) if sys.platform == "darwin" else peak // 1024  # bytes on macOS, KB on Linux

paths = json.loads(open(sys.argv[2], encoding="utf-8").read())
for index, path in paths:
    per_file = restart_peak()
    start = time.perf_counter()
    line = {"index": index}
    try:
        result = ingest_file(path)
    except BaseException:
        line["crash"] = traceback.format_exc()[-3000:]
    else:
        problems = result.problems
        line.update(path=result.path, errors=result.errors, warnings=result.warnings, rows=result.rows,
                    rejected=result.rejected_rows, reasons=sorted(set(map(str, problems["reason"]))),
                    problem_files=sorted(set(map(str, problems["file"]))),
                    rejected_without_reason=int(((problems["reason"].astype(str).str.strip() == "")
                                                 & problems["rejected"].astype(bool)).sum()))
    line["seconds"] = time.perf_counter() - start
    line["peak_mb"] = peak_mb(per_file)
    print(json.dumps(line), flush=True)
"""


# ---------------------------------------------------------------- running a batch in a child

@dataclass
class Outcome:
    """What the child said about one file, or why it said nothing."""

    index: int
    report: dict = field(default_factory=dict)
    lost: str = ""  # the child died or hung on this file


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def run_child(todo: list[tuple[int, str]], folder: Path) -> tuple[list[Outcome], list[tuple[int, str]]]:
    """Ingest files in one child until it finishes, dies or hangs: (outcomes, files not reached)."""
    manifest = folder / f"batch-{todo[0][0]}.json"
    manifest.write_text(json.dumps(todo), encoding="utf-8")
    with open(folder / f"stderr-{todo[0][0]}.txt", "w", encoding="utf-8", errors="replace") as stderr:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(manifest)], stdout=subprocess.PIPE,
                                 stderr=stderr, text=True, encoding="utf-8", **CAP)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_reader, args=(child.stdout, lines), daemon=True).start()
        outcomes: list[Outcome] = []
        while len(outcomes) < len(todo):
            waiting = todo[len(outcomes)][0]
            try:
                line = lines.get(timeout=HANG_SECONDS)
            except queue.Empty:
                child.kill()
                child.wait()
                outcomes.append(Outcome(waiting, lost=f"no answer for {HANG_SECONDS:.0f} s: the child was killed (hang)"))
                break
            if line is None:
                child.wait()
                log = (folder / f"stderr-{todo[0][0]}.txt").read_text(encoding="utf-8", errors="replace")
                tail = "\n".join(line for line in log.splitlines() if not BACKTRACE_FRAME.match(line))[-1500:]
                outcomes.append(Outcome(waiting, lost=f"child died (exit {child.returncode}):\n{tail}"))
                break
            report = json.loads(line)
            outcomes.append(Outcome(report["index"], report))
        else:
            child.wait(timeout=HANG_SECONDS)
    return outcomes, todo[len(outcomes):]


def run_all(todo: list[tuple[int, str]], folder: Path) -> list[Outcome]:
    """Every file, restarting the child after a file that killed or hung it."""
    outcomes: list[Outcome] = []
    while todo:
        done, todo = run_child(todo, folder)
        outcomes += done
    return outcomes


# ---------------------------------------------------------------- what every result must satisfy

def message_issues(message: str, kind: str) -> list[str]:
    """Why a message is not fit for a user (empty list when it is)."""
    issues = []
    if not message.strip():
        issues.append(f"empty {kind}")
    if TECHNICAL.search(message):
        issues.append(f"Python internals in {kind}: {message[:300]!r}")
    if len(message) > MESSAGE_CHARS:
        issues.append(f"{kind} of {len(message):,} characters: {message[:150]!r}…")
    if CONTROL.search(message):
        issues.append(f"control characters in {kind}: {message[:150]!r}")
    # quoted cells and sheet names, and the header in a column name "D (Header)", are the user's own words
    unquoted = USER_TEXT.sub("''", message)
    if kind != "reason" and ENGLISH.search(unquoted):
        issues.append(f"English parser text in {kind}: {message[:300]!r}")
    words = REASON_WORDS if kind == "reason" else INDONESIAN
    if not words.search(message) and not INDONESIAN.search(message):
        issues.append(f"{kind} is not an Indonesian sentence: {message[:300]!r}")
    return issues


def outcome_issues(outcome: Outcome, path: Path) -> list[str]:
    if outcome.lost:
        return [outcome.lost]
    report = outcome.report
    if "crash" in report:
        return [f"ingest_file raised:\n{report['crash']}"]
    issues = []
    if report["seconds"] > SECONDS_PER_FILE:
        issues.append(f"took {report['seconds']:.1f} s (bound {SECONDS_PER_FILE:.0f} s)")
    if not report["errors"] and report["rows"] + report["rejected"] == 0:
        issues.append("neither loaded (no rows, no rejected rows) nor refused (no error)")
    if report["rejected_without_reason"]:
        issues.append(f"{report['rejected_without_reason']} rejected rows without a reason")
    if report["path"] != str(path):
        issues.append(f"result names {report['path']!r}, not the file")
    if report["problem_files"] and report["problem_files"] != [path.name]:
        issues.append(f"problem rows name {report['problem_files'][:3]}, not {path.name!r}")
    for kind, messages in (("error", report["errors"]), ("warning", report["warnings"]), ("reason", report["reasons"])):
        for message in messages:
            issues += message_issues(message, kind)
    return issues


# ---------------------------------------------------------------- the corpus

def test_fuzz_corpus(tmp_path):
    started = time.perf_counter()
    mutants = {}
    todo = []
    for index in range(MUTANTS):
        mutant = fuzz.build_mutant(SEED, index)
        mutants[index] = (mutant, fuzz.write_mutant(mutant, tmp_path / "mutants"))
        todo.append((index, str(mutants[index][1])))
    built = time.perf_counter() - started
    outcomes = run_all(todo, tmp_path)
    assert [o.index for o in outcomes] == list(range(MUTANTS)), "the child skipped files"

    failures = []
    for outcome in outcomes:
        mutant, path = mutants[outcome.index]
        issues = outcome_issues(outcome, path)
        if issues:
            failures.append(mutant.label() + "\n" + "\n".join(f"    ! {issue}" for issue in issues[:5]))
    peaks = [(o.report["peak_mb"], o.index) for o in outcomes if o.report.get("peak_mb") is not None]
    slowest = max((o.report.get("seconds", 0.0), o.index) for o in outcomes)
    loaded = sum(1 for o in outcomes if o.report.get("rows"))
    refused = sum(1 for o in outcomes if o.report.get("errors"))
    print(f"\n{MUTANTS} mutants (seed {SEED}): built in {built:.1f} s, ingested in "
          f"{time.perf_counter() - started - built:.1f} s; {loaded} loaded rows, {refused} refused; slowest {slowest[0]:.2f} s "
          f"(index {slowest[1]}); peak RSS {max(peaks)[0] if peaks else '?'} MB"
          f"{f' (index {max(peaks)[1]})' if peaks else ''}\n"
          f"mutations: {dict(fuzz.summary(SEED, MUTANTS).most_common())}")
    assert not failures, f"{len(failures)} of {MUTANTS} mutants failed:\n\n" + "\n\n".join(failures[:15])
    if peaks:
        over = [index for peak, index in peaks if peak >= PEAK_MB]
        assert not over, (f"peak RSS {max(peaks)[0]} MB ≥ {PEAK_MB} MB, first reached reading:\n"
                          + mutants[over[0]][0].label())


def test_mutants_are_reproducible_from_seed_and_index():
    first = [fuzz.build_mutant(SEED, i) for i in range(len(fuzz.KINDS))]
    again = [fuzz.build_mutant(SEED, i) for i in range(len(fuzz.KINDS))]
    assert [(m.name, m.data, m.mutations) for m in first] == [(m.name, m.data, m.mutations) for m in again]
    assert {m.kinds[0] for m in first} | {k for m in first for k in m.kinds} >= {k.name for k in fuzz.KINDS}
    assert len({m.data for m in first}) == len(first), "two mutants came out identical"


def test_default_corpus_covers_every_mutation_kind():
    counts = fuzz.summary(SEED, 200)
    assert set(counts) == {kind.name for kind in fuzz.KINDS}
    assert min(counts.values()) >= 200 // len(fuzz.KINDS)


def test_cli_rebuilds_a_mutant(tmp_path):
    index = next(i for i in range(100) if fuzz.plan(SEED, i)[2][0].name == "huge_string")
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "support" / "fuzz.py"), "--seed", str(SEED), "--index", str(index),
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    mutant = fuzz.build_mutant(SEED, index)
    assert (tmp_path / mutant.name).read_bytes() == mutant.data
    assert f"--seed {SEED} --index {index}" in done.stdout and "huge_string" in done.stdout


# ---------------------------------------------------------------- regressions: bugs the fuzzer found

RA_HEADER = ["Kegiatan", "Area Perubahan", "PIC", "Progres"]
RA_ROWS = [["SK Tim", "Manajemen Perubahan", "KPLP", "50%"], ["SOP Kunjungan", "Penataan Tatalaksana", "Kasi", "100%"]]


def assert_readable(result, name: str) -> None:
    """No raise (the caller got here), and every message fit for a user."""
    for kind, messages in (("error", result.errors), ("warning", result.warnings),
                           ("reason", list(result.problems["reason"]))):
        for message in messages:
            assert not message_issues(message, kind), message_issues(message, kind)
    assert set(result.problems["file"]) <= {name}


def csv_bytes(rows: list[list[str]], line_end: str = "\r\n") -> bytes:
    return line_end.join(";".join(row) for row in rows).encode() + line_end.encode()


def test_csv_cell_over_the_csv_module_field_limit_is_read(tmp_path):
    """read.read_csv: a cell over 131,072 characters raised _csv.Error ("field larger than field limit")."""
    path = tmp_path / "RA Lapas Kelas I Malang.csv"
    path.write_bytes(csv_bytes([["LAPAS KELAS I MALANG"], RA_HEADER, *RA_ROWS, ["x" * 300_000, "Manajemen Perubahan", "", "25%"]]))
    result = ingest_file(path)
    assert result.errors == [] and result.rows == 3
    assert_readable(result, path.name)


def test_csv_with_old_mac_line_endings_is_read(tmp_path):
    """read.read_csv: lines ending in a lone \\r raised _csv.Error ("new-line character seen in unquoted field")."""
    path = tmp_path / "RA Lapas Kelas I Malang.csv"
    path.write_bytes(csv_bytes([RA_HEADER, *RA_ROWS], line_end="\r"))
    result = ingest_file(path)
    assert result.errors == [] and result.rows == 2


def test_csv_lone_cr_lines_count_toward_the_cell_limit(tmp_path):
    """read.read_csv counted only \\n: a one-column CSV of \\r-separated lines passed any cell limit."""
    path = tmp_path / "satu kolom.csv"
    path.write_bytes(b"Nama\r" + b"x\r" * 20_000)
    result = ingest_file(path, limits=Limits(max_cells=10_000))
    assert result.errors and "terlalu besar" in result.errors[0]


def test_truncated_xls_whose_reader_panics_is_refused(tmp_path):
    """read._read_calamine: a cut .xls makes calamine panic; pyo3's PanicException is a BaseException, so
    `except Exception` let it through and ingest_file raised."""
    data = (fuzz.SAMPLES / "Lapas Malang" / "RA ZI LAPAS MALANG OKT 2026.xls").read_bytes()
    path = tmp_path / "RA ZI LAPAS MALANG OKT 2026.xls"
    path.write_bytes(data[:8208])  # "slice index starts at 8192 but ends at 7696"
    result = ingest_file(path)
    assert result.errors and "rusak" in result.errors[0]
    assert_readable(result, path.name)


def complaints_with_out_of_range_dates(path: Path) -> Path:
    """A register where one row's date cell holds a phone number: formatted as a date or a duration it
    is beyond what calamine's chrono can convert (a panic, or OverflowError)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Register")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    hours = book.add_format({"num_format": "[h]:mm"})
    sheet.write_row(0, 0, ["REGISTER PENGADUAN LAPAS KELAS I MALANG"])
    sheet.write_row(1, 0, ["No", "Tanggal Pengaduan", "Saluran", "Status", "Tanggal Selesai"])
    for r in range(2, 7):
        sheet.write_number(r, 0, r - 1)
        sheet.write_datetime(r, 1, datetime(2026, 3, r), day)
        sheet.write_row(r, 2, ["WhatsApp", "Selesai"])
        sheet.write_datetime(r, 4, datetime(2026, 3, r + 2), day)
    sheet.write_number(3, 4, -1_000_000_000_000, day)  # panics ("TimeDelta::milliseconds out of bounds")
    sheet.write_number(5, 4, 81234567890, hours)  # OverflowError (days must have magnitude <= 999999999)
    book.close()
    return path


def test_date_cell_out_of_range_costs_its_row_not_the_file(tmp_path):
    """read._read_calamine: such a cell failed `to_python` for the whole sheet: a panic crashed the caller,
    an OverflowError refused the whole file as corrupt. Now the sheet is read row by row and only those
    rows are skipped, with a warning naming them."""
    path = complaints_with_out_of_range_dates(tmp_path / "Register Pengaduan Lapas Malang.xlsx")
    result = ingest_file(path)
    assert result.errors == [] and result.rows == 3, (result.errors, result.rows)
    note = next(w for w in result.warnings if "di luar rentang" in w)
    assert "baris 4, 6" in note
    assert_readable(result, path.name)


def test_zip_claiming_an_unsupported_version_is_refused(tmp_path):
    """safety.check_zip: zipfile raises NotImplementedError ("zip file version 18.4") for a central directory
    entry needing a newer zip version; it escaped the corrupt-zip handling."""
    data = bytearray(write_xlsx(tmp_path / "_dasar.xlsx", {"RA": [RA_HEADER, *RA_ROWS]}).read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6: central + 8] = (184).to_bytes(2, "little")  # "version needed to extract": 18.4
    path = tmp_path / "RA Lapas Kelas I Malang.xlsx"
    path.write_bytes(bytes(data))
    result = ingest_file(path)
    assert result.errors and "rusak" in result.errors[0]
    assert_readable(result, path.name)


def test_merge_below_the_data_does_not_fail_the_sheet(tmp_path):
    """layout.fill_vertical_merges indexed sheet.rows[r0] for a merge of empty cells below the last data
    row: IndexError, "Lembar ... gagal diproses karena kesalahan program"."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["LAPAS KELAS I MALANG"])
    sheet.append(["No", "Tanggal Pengaduan", "Saluran", "Status"])
    for n in range(1, 4):
        sheet.append([n, datetime(2026, 3, n), "WhatsApp", "Selesai"])
    sheet.merge_cells("B40:B45")
    path = tmp_path / "Register Pengaduan Lapas Malang.xlsx"
    book.save(path)
    result = ingest_file(path)
    assert result.errors == [] and result.rows == 3
    assert_readable(result, path.name)


def test_megabyte_header_cell_is_matched_quickly(tmp_path):
    """mapping.synonym_score ran a lookbehind regex over the whole header for every synonym when it held
    a '%': one 920,000-character cell in the header row took 6 s. layout now cuts
    header texts at HEADER_TEXT_LIMIT characters."""
    huge = "5" + "0" * 920_000 + "%"
    path = write_xlsx(tmp_path / "RA Lapas Kelas I Malang.xlsx",
                      {"RA": [["LAPAS KELAS I MALANG"], RA_HEADER + ["x"], *RA_ROWS]})
    path.write_bytes(_replace_text(path.read_bytes(), "x", huge))
    start = time.perf_counter()
    result = ingest_file(path)
    assert time.perf_counter() - start < 2
    assert result.rows == 2
    assert_readable(result, path.name)


def _replace_text(data: bytes, old: str, new: str) -> bytes:
    """A shared string replaced inside the zip (openpyxl and xlsxwriter cut cells at 32,767 characters)."""
    parts = fuzz.read_parts(data)
    for i, (info, body) in enumerate(parts):
        if info.filename == "xl/sharedStrings.xml":
            parts[i] = (info, body.replace(f">{old}<".encode(), f">{new}<".encode()))
    return fuzz.write_parts(parts)


@pytest.mark.parametrize("where", ["progress", "sheet name"])
def test_megabyte_cell_or_sheet_name_is_not_quoted_whole(tmp_path, where):
    """kinds/*: rejected-row reasons quoted the cell whole (a 500 KB warning, twice: reason and summary);
    every message about a sheet quoted its name (workbook.xml may hold names of any length). Values and
    sheet names are now cut (kinds.common.shown, read.sheet_label)."""
    rows = [["LAPAS KELAS I MALANG"], RA_HEADER, *RA_ROWS, ["Rapat", "Manajemen Perubahan", "KPLP", "y"]]
    path = write_xlsx(tmp_path / "RA Lapas Kelas I Malang.xlsx", {"RA": rows})
    data = path.read_bytes()
    if where == "progress":
        data = _replace_text(data, "y", "9" * 500_000 + " persen")
    else:
        parts = fuzz.read_parts(data)
        parts = [(info, body.replace(b'name="RA"', b'name="' + b"Lembar " * 20_000 + b'"')) for info, body in parts]
        data = fuzz.write_parts(parts)
    path.write_bytes(data)
    result = ingest_file(path)
    assert result.rows >= 2
    assert_readable(result, path.name)


def test_megabyte_survey_question_is_not_quoted_whole(tmp_path):
    """kinds/survey: the note on a question matching no IKM unsur quoted the whole header (440 KB)."""
    rows = ikm_rows()
    rows[0].insert(len(rows[0]) - 1, "Q")
    for row in rows[1:]:
        row.insert(len(row) - 1, "Sangat baik")
    path = write_xlsx(tmp_path / "Survei IKM Lapas Kelas IIA Banyuwangi.xlsx", {"Form Responses 1": rows})
    question = "Bagaimana pendapat Saudara tentang kebersihan ruang tunggu " + "dan toilet " * 40_000 + "?"
    path.write_bytes(_replace_text(path.read_bytes(), "Q", question))
    result = ingest_file(path)
    assert result.rows == 4 and any("tidak cocok dengan unsur" in w for w in result.warnings)
    assert_readable(result, path.name)


def test_nul_bytes_in_a_cell_do_not_reach_messages(tmp_path):
    """kinds/common: a CSV cell of NUL bytes was quoted in the warning and kept in the problem value."""
    path = tmp_path / "Pengaduan Lapas Kelas I Malang.csv"
    rows = b"".join(b"%d;02/03/2026;Langsung;Selesai;04/03/2026\r\n" % n for n in range(2, 60))
    path.write_bytes(b"No;Tanggal Pengaduan;Saluran;Status;Tanggal Selesai\r\n1;01/03/2026;WhatsApp;Selesai;"
                     + b"\x00" * 40 + b"\r\n" + rows)  # under the 2% of control characters of a binary file
    result = ingest_file(path)
    assert result.errors == [] and result.rows == 59
    assert any("\x00" not in w and "Tanggal selesai" in w for w in result.warnings)
    assert_readable(result, path.name)
    assert not any(CONTROL.search(str(v)) for v in result.problems["value"])


def shared_strings_declaring(path: Path, padding: str) -> Path:
    """A register whose sharedStrings.xml declares uniqueCount="999999999", hidden the ways the reader allows."""
    write_xlsx(path, {"RA": [["LAPAS KELAS I MALANG"], RA_HEADER, *RA_ROWS]})
    parts = fuzz.read_parts(path.read_bytes())
    for i, (info, body) in enumerate(parts):
        if info.filename == "xl/sharedStrings.xml":
            head, rest = body.split(b"<sst", 1)
            rest = re.sub(rb'uniqueCount="[0-9]+"', b'uniqueCount="999999999"', rest)
            declaration = rest.index(b'uniqueCount="') + len(b'uniqueCount="999')
            if padding == "comment":  # the root element beyond the first 64 KB chunk
                head += b"<!--" + b"x" * 100_000 + b"-->"
            elif padding == "straddle":  # the digits cut by the first chunk's end
                head += b"<!--" + b"x" * (65536 - len(head) - len(b"<sst") - declaration - 7) + b"-->"
            elif padding == "spaces":
                rest = rest.replace(b'uniqueCount="', b"uniqueCount" + b" " * 70_000 + b'= "+' + b"0" * 70_000)
            parts[i] = (info, head + b"<sst" + rest)
            assert padding != "straddle" or parts[i][1][65533:65539] == b"999999", "not cut at 64 KB"
    path.write_bytes(fuzz.write_parts(parts))
    return path


def test_shared_strings_declaring_a_billion_entries_is_refused(tmp_path):
    """safety.check_zip: calamine reserves uniqueCount strings (24 bytes each) before reading one; a 10 KB
    file declaring 999,999,999 asked for 24 GB and the failed allocation aborted the process (the app,
    every user's session). Read in children under the 6 GB cap, as test_bad_input reads its bombs."""
    paths = [shared_strings_declaring(tmp_path / f"{padding}.xlsx", padding)
             for padding in ("plain", "comment", "straddle", "spaces")]
    results, peak_mb = finish_isolated(start_isolated(*paths))
    for result in results:
        assert result["errors"] and "rusak" in result["errors"][0], result
    assert peak_mb < PEAK_MB


STORED_MUTANTS = int(os.environ.get("ZI_FUZZ_STORE_MUTANTS", "150"))


def test_mutants_through_the_store_leave_it_consistent(tmp_path):
    """The app's path: each mutant imported into a real SQLite workspace, as an upload is. None raises; each
    is stored, refused or a duplicate; and the store holds every stored file whole and nothing else."""
    from support.store_checks import assert_consistent
    from zi_analytics.store import LAPTOP_USER, Workspace
    from zi_analytics.services import import_bytes
    from zi_analytics.store import DUPLICATE, FAILED, STORED

    ws = Workspace.open(f"sqlite:///{(tmp_path / 'fuzz.sqlite').as_posix()}")
    statuses: dict[str, int] = {}
    try:
        for index in range(STORED_MUTANTS):
            mutant = fuzz.build_mutant(SEED, index)
            outcome = import_bytes(ws, mutant.data, mutant.name or "tanpa nama", LAPTOP_USER,
                                      folders=(Path(mutant.base).parent.name,), today=datetime(2026, 11, 23).date())
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            assert outcome.status in (STORED, FAILED, DUPLICATE), (mutant.index, mutant.mutations, outcome.status)
            if outcome.status == FAILED:
                # refused with a reason: a file error, every row rejected with its own, or a reading held back
                # for a person with why ("perlu dicek": an LKE missing an area, a survey naming no type)
                said = (outcome.result.errors or outcome.messages or outcome.result.problems["reason"].str.len().gt(0).any()
                        or any(s.needs_review and s.review for s in outcome.result.sheets))
                assert said, (mutant.index, mutant.mutations)
        files = assert_consistent(ws)
    finally:
        ws.close()
    assert statuses.get(STORED, 0) >= STORED_MUTANTS // 4 and len(files) == statuses[STORED], statuses


def test_one_mutant_of_each_kind_uploaded_in_the_app_shows_no_exception(tmp_path, monkeypatch):
    """Unggah Data (AppTest, through app.py) with one mutant per mutation kind: each upload reports back
    without an exception or a traceback, and the page still lists the sample files."""
    from support.apptest import open_page, page_text, upload
    from zi_analytics.ui.escape import md

    monkeypatch.setenv("ZI_DATA_DIR", str(tmp_path / "ws"))
    for name in ("ZI_DATABASE_URL", "ZI_MODE", "ZI_COOKIE_SECRET", "ZI_SECRETS_FILE"):
        monkeypatch.delenv(name, raising=False)
    app = open_page("pages/unggah.py")
    for index in range(len(fuzz.KINDS)):
        mutant = fuzz.build_mutant(SEED, index)
        name = f"{index:02d} {mutant.name or 'tanpa nama'}"
        if Path(name).suffix.lower() not in UPLOADABLE:  # the browser's file picker offers no other: renamed to pass it
            name += ".xlsx"
        upload(app, name, mutant.data, "application/octet-stream")
        text = page_text(app)
        assert md(name) in text, (index, mutant.mutations)  # the outcome names the file (Markdown-escaped)
        assert "Traceback" not in text and "kesalahan program" not in text, (index, mutant.mutations)
    assert "Survei Gabungan IKM-SPAK-SPKP.xlsx" in " ".join(e.label for e in open_page("pages/unggah.py").expander)
