"""A full meeting room: `python benchmarks/load.py [--viewers 20] [--uploaders 2] [--rounds 2] [--json]`.

Starts `streamlit run app.py` on localhost with a fresh workspace (the sample data, stored by a warm-up visit)
and opens one headless Chromium with a separate browser context per session, all at once:
  viewers    go through the data pages `--rounds` times, each render timed from the address to the page's
             loaded text with no script run or spinner left; at the end they open Unggah Data;
  uploaders  upload, on Unggah Data, one file the app refuses (it stays in that session only, unsaved) and
             one messy action plan of a new unit (stored, for everyone), then wait for the viewers.
Checked: no page shows an exception or a traceback, every upload reports back, and no session's page ever
shows another session's unsaved file. Printed: render count, p50/p95/max seconds, server peak memory, errors,
leaks. Exit status 1 on any error or leak.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from support.browser_support import CHROMIUM, CHROMIUM_ARGS, IDLE, LOADED, app_env, start_app, stop_app  # noqa: E402

VIEWED = ["ringkasan", "area", "survei", "pengaduan", "perbandingan", "kesiapan"]
SECRET = "RAHASIA-sesi{index}"  # the name of an uploader's refused (unsaved) file
TIMEOUT_MS = 180_000


def plan_bytes(index: int) -> bytes:
    """A messy action plan (title block, Indonesian progress forms) of a unit of its own."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("RA November")
    rows = [[f"RENCANA AKSI ZI LAPAS KELAS III UJI{index}"], ["Posisi 20 November 2026"], [],
            ["No", "Kegiatan", "Area Perubahan", "PIC", "Target", "Progres"],
            [1, "Penetapan Tim Pokja ZI", "Manajemen Perubahan", "KPLP", "Januari 2026", "75%"],
            [2, "Reviu SOP layanan kunjungan", "Penataan Tatalaksana", "Kasi Binadik", "Juni 2026", "Selesai"]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


async def render(page, url: str, name: str) -> float:
    """Seconds from the address to the loaded page; raises on an exception or a traceback on the page."""
    began = time.perf_counter()
    await page.goto(url, wait_until="commit")
    await page.get_by_text(LOADED[name]).first.wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - began
    if await page.locator("[data-testid='stException']").count():
        raise RuntimeError(f"{name}: exception on the page")
    if "Traceback" in await page.inner_text("body"):
        raise RuntimeError(f"{name}: traceback on the page")
    return elapsed


async def leaked(page, own: int | None, uploaders: int) -> list[str]:
    """Names of other sessions' unsaved files that this page shows."""
    text = await page.evaluate("() => document.body.textContent")
    return [SECRET.format(index=i) for i in range(uploaders) if i != own and SECRET.format(index=i) in text]


async def viewer(context, base: str, index: int, rounds: int, uploads_done: asyncio.Event, uploaders: int,
                 out: dict[str, list]) -> None:
    page = await context.new_page()
    order = VIEWED[index % len(VIEWED):] + VIEWED[:index % len(VIEWED)]
    for _ in range(rounds):
        for name in order:
            try:
                out["renders"].append(await render(page, f"{base}/{'' if name == 'ringkasan' else name}", name))
                out["leaks"] += await leaked(page, None, uploaders)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and printed, not raised
                out["errors"].append(f"viewer {index} {name}: {exc}")
    await uploads_done.wait()
    try:
        await render(page, f"{base}/unggah", "unggah")
        out["leaks"] += [f"viewer {index} saw {name}" for name in await leaked(page, None, uploaders)]
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(f"viewer {index} unggah: {exc}")
    await page.close()


async def uploader(context, base: str, index: int, uploaders: int, out: dict[str, list]) -> None:
    page = await context.new_page()
    try:
        await render(page, f"{base}/unggah", "unggah")
        refused = {"name": f"{SECRET.format(index=index)}.xlsx", "mimeType": "application/octet-stream",
                   "buffer": b"ini bukan file Excel"}
        plan = {"name": f"RA Uji{index} Nov 2026.xlsx", "mimeType": "application/octet-stream", "buffer": plan_bytes(index)}
        began = time.perf_counter()
        await page.locator("input[type='file']").first.set_input_files([refused, plan])
        await page.locator("[data-testid='stFileChipName']").nth(1).wait_for(state="attached", timeout=TIMEOUT_MS)
        await page.get_by_role("button", name="Unggah dan simpan").click()
        await page.get_by_text(plan["name"]).first.wait_for(timeout=TIMEOUT_MS)
        await page.get_by_text(refused["name"]).first.wait_for(timeout=TIMEOUT_MS)
        await page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
        out["uploads"].append(time.perf_counter() - began)
        out["leaks"] += [f"uploader {index} saw {name}" for name in await leaked(page, index, uploaders)]
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(f"uploader {index}: {exc}")
    finally:
        await page.close()


async def run_load(base: str, viewers: int, uploaders: int, rounds: int, server_cpu: Any) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    out: dict[str, list] = {"renders": [], "uploads": [], "errors": [], "leaks": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        warm = await browser.new_page()
        await render(warm, base, "ringkasan")  # the first visit stores the sample data: not a render to time
        await warm.close()
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(viewers + uploaders)]
        for context in contexts:
            context.set_default_timeout(TIMEOUT_MS)
        uploads_done = asyncio.Event()
        began, cpu_before = time.perf_counter(), server_cpu()

        async def all_uploads() -> None:
            await asyncio.gather(*(uploader(contexts[viewers + i], base, i, uploaders, out) for i in range(uploaders)))
            uploads_done.set()

        await asyncio.gather(all_uploads(), *(viewer(contexts[i], base, i, rounds, uploads_done, uploaders, out)
                                               for i in range(viewers)))
        wall = time.perf_counter() - began
        cpu = server_cpu()
        server_cpu_s = round(cpu - cpu_before, 1) if cpu is not None and cpu_before is not None else None
        for context in contexts:
            await context.close()
        await browser.close()
    renders = sorted(out["renders"])
    return {
        "viewers": viewers, "uploaders": uploaders, "rounds": rounds, "renders": len(renders),
        "render_p50_s": round(statistics.median(renders), 2) if renders else None,
        "render_p95_s": round(renders[max(0, int(0.95 * len(renders)) - 1)], 2) if renders else None,
        "render_max_s": round(renders[-1], 2) if renders else None,
        "upload_max_s": round(max(out["uploads"]), 2) if out["uploads"] else None,
        "uploads_reported": len(out["uploads"]), "wall_s": round(wall, 1), "server_cpu_s": server_cpu_s,
        "errors": out["errors"], "leaks": out["leaks"],
    }


def peak_rss_mb(pid: int) -> float | None:
    """The server's peak resident memory (VmHWM, Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux): the server's share of the machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(viewers: int, uploaders: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="zi-load-") as folder:
        proc, base = start_app(app_env(Path(folder)))
        try:
            figures = asyncio.run(run_load(base, viewers, uploaders, rounds, lambda: cpu_seconds(proc.pid)))
            figures["server_peak_rss_mb"] = peak_rss_mb(proc.pid)
        finally:
            stop_app(proc)
    figures["ok"] = not figures["errors"] and not figures["leaks"] and figures["uploads_reported"] == uploaders
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--uploaders", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="times each viewer goes through the data pages")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"Chromium tidak ada di {CHROMIUM}; uji beban tidak dijalankan.", file=sys.stderr)
        return 2
    figures = measure(args.viewers, args.uploaders, args.rounds)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:22} {value}")
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
