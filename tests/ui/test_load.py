"""Many sessions at once against `streamlit run app.py` (benchmarks/load.py), small enough for CI.

Six viewers and two uploaders, at once: no page errors, both uploads report back, and no session sees the
other uploader's unsaved file. The full 20 + 2 run with its p95 figure is `python benchmarks/load.py`
(docs/PERFORMANCE.md, "Hostile files and a full meeting room"); ZI_LOAD_VIEWERS sets the viewers here too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from support.browser_support import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

if not CHROMIUM.exists():
    if os.environ.get("ZI_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required (ZI_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("no /usr/bin/chromium on this machine", allow_module_level=True)
pytest.importorskip("playwright.async_api")


def test_sessions_at_once_see_no_error_and_no_other_sessions_unsaved_upload():
    from load import VIEWED, measure

    viewers = int(os.environ.get("ZI_LOAD_VIEWERS", "6"))
    figures = measure(viewers=viewers, uploaders=2, rounds=1)
    print(figures)
    assert figures["errors"] == [], figures
    assert figures["leaks"] == [], figures
    assert figures["uploads_reported"] == 2, figures
    assert figures["renders"] == viewers * len(VIEWED), figures
    assert figures["ok"]
