"""Where the tests find the repository, the sample data and the real files of other offices."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SAMPLES = ROOT / "sample_data"
REAL = ROOT.parent / "shared" / "real-files"
