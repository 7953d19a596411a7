"""Reading files in a child process that does only that, so its peak memory is the reader's, and the patterns a
user-facing message must (Indonesian) and must not (Python internals, English parser detail) match."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support.paths import ROOT

GB = 1024**3


# Python internals a user must never read.
TECHNICAL = re.compile(r"Traceback|Error:|Error\(|Exception|KeyError|ValueError|OSError|BadZipFile|zipfile|zlib|"
                       r"calamine|python|File \"|kesalahan program")


# English parser detail (e.g. "File is not a zip file", "Error -3 while decompressing data").
ENGLISH = re.compile(r"\b(error|errors|cannot|invalid|not a zip|is not|decompress\w*|bad magic|bad crc|truncated|"
                     r"unexpected|failed|while)\b", re.IGNORECASE)


INDONESIAN = re.compile(r"\b(tidak|bukan|kosong|kata sandi|terlalu|ditolak|rusak|tata letak|isinya|berisi|dibaca|"
                        r"lembar|dilewati|ditemukan|diambil|atau|dan|yang)\b", re.IGNORECASE)


ISOLATED = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from zi_analytics.ingest import ingest_file

def peak_kb():
    try:
        import resource
    except ImportError:  # Windows: the peak working set
        import ctypes
        from ctypes import wintypes
        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("faults", wintypes.DWORD)] + [(f, ctypes.c_size_t) for f in (
                "peak", "current", "qpp", "qp", "qpnp", "qnp", "pagefile", "peak_pagefile")]
        counters = Counters(cb=ctypes.sizeof(Counters))
        ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(counters),
                                                 counters.cb)
        return counters.peak // 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KB on Linux

results = []
for path in sys.argv[2:]:
    result = ingest_file(path)
    results.append({"path": path, "errors": result.errors, "rows": result.rows})
print(json.dumps({"results": results, "peak_kb": peak_kb()}))
"""


def _cap_memory() -> None:  # a safety net for the test machine, far above the 1 GB under test
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (6 * GB, 6 * GB))


CAP = {"preexec_fn": _cap_memory} if os.name == "posix" and sys.platform != "darwin" else {}


def start_isolated(*paths: Path) -> subprocess.Popen:
    """Ingest with default limits in a child that only does that, so its peak RSS is the reader's."""
    return subprocess.Popen([sys.executable, "-c", ISOLATED, str(ROOT), *map(str, paths)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **CAP)


def finish_isolated(process: subprocess.Popen, timeout: float = 120) -> tuple[list[dict], int]:
    """(results, peak MB); fails when the child crashed (a Rust abort kills the CLI and the app alike)."""
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"reader process died (exit {process.returncode}): {err.strip()[:300]}"
    assert "Traceback" not in err
    report = json.loads(out)
    return report["results"], report["peak_kb"] // 1024
