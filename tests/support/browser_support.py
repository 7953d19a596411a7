"""The running app for browser tests and the load test: `streamlit run app.py` on a free port, and Chromium.

Debian's /usr/bin/chromium is driven through Playwright (its own browser download does not work here).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]
# Text each page shows once its data is there.
LOADED = {"ringkasan": "Tiga langkah", "area": "Semua kegiatan", "survei": "SPAK dan SPKP terhadap minimum",
          "pengaduan": "Pengaduan terbuka", "perbandingan": "Peringkat kesiapan", "kesiapan": "Simulasi",
          "unggah": "File yang datanya sedang dipakai", "workspace": "Riwayat versi", "pengaturan": "Isian per unit",
          "pengguna": "Akun", "studi_tiru": "Kekurangan menuju"}
# The script run and every spinner (the first sample load) have finished.
IDLE = ("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSpinner\"]')")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any ZI_ setting of the developer's, plus the workspace folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ZI_")}
    return env | {"ZI_DATA_DIR": str(data_dir), **extra}


def start_app(env: dict[str, str], port: int | None = None, script: str = "app.py") -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` (or the server launcher) in the background, returned once its health check answers."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    output = proc.stdout.read().decode(errors="replace")[-2000:] if proc.stdout else ""
    raise RuntimeError(f"streamlit did not start: {output}")


def stop_app(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_app(env: dict[str, str], script: str = "app.py") -> Iterator[str]:
    proc, url = start_app(env, script=script)
    try:
        yield url
    finally:
        stop_app(proc)


PASSWORD = "Sandi-Server-2026"  # of the admin the server tests make


def page_title(page) -> str:
    """The page's heading once the app is idle."""
    page.wait_for_function(IDLE, timeout=90_000)
    page.wait_for_selector("h1", timeout=90_000)
    page.wait_for_timeout(1000)
    return page.locator("h1").first.inner_text()


def log_in(browser, address: str, password: str = PASSWORD):
    """A fresh browser context signed in as admin.kanwil through the login form."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(address, wait_until="networkidle")
    assert page_title(page) == "Masuk ke ZI Analytics"
    page.get_by_label("Nama pengguna").fill("admin.kanwil")
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_timeout(3000)
    assert page_title(page) == "Ringkasan"
    return context, page


# Elements of the page that stick out of the viewport to the right, unless an ancestor clips or scrolls them
# (a table scrolling inside its own frame is fine; a page that scrolls sideways is not).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clips = (el) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
  const found = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (clips(a) && a.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
    }
    if (!clipped) found.push((el.getAttribute("data-testid") || el.tagName) + " right=" + Math.round(r.right));
  }
  if (document.documentElement.scrollWidth > width) found.push("the page scrolls sideways");
  return found.slice(0, 10);
}"""
# The text a person sees: rendered text nodes (not the ligature names of material icons) and input placeholders.
VISIBLE_TEXT = """() => {
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('[data-testid="stIconMaterial"], script, style')) continue;
    if (parent.getClientRects().length === 0 || getComputedStyle(parent).visibility === "hidden") continue;
    parts.push(node.textContent);
  }
  for (const input of document.querySelectorAll("input, textarea")) if (input.placeholder) parts.push(input.placeholder);
  return parts.join("\\n");
}"""
# Streamlit's own English texts that must not reach a user.
STREAMLIT_ENGLISH = ("Choose an option", "Choose options", "Choose or add an option", "Drag and drop file", "Browse files",
                     "Upload", "MB per file •", "No results", "Press Enter to apply", "Clear all", "Running...",
                     "Page not found", "does not seem to exist")
