"""Command line: `python -m zi_analytics summarize PATH... [--json] [--unit NAME] [--as-of YYYY-MM-DD]`.

The same functions the app calls; exit 0 when every file was read, 1 when any failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from .dataset import combine
from .ingest import ingest_paths
from .summary import build_summary, render_text


class _Parser(argparse.ArgumentParser):
    """argparse that explains usage errors in Indonesian and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Kesalahan: {message}\n")
        sys.exit(2)


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal '{text}' harus berformat YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m zi_analytics", description="ZI Analytics: baca file ZI Lapas dan ringkas hasilnya.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    summarize = commands.add_parser("summarize", help="baca file/folder dan tampilkan ringkasan per unit")
    summarize.add_argument("paths", nargs="+", metavar="PATH", help="file (.xlsx .xlsm .xls .ods .csv) atau folder")
    summarize.add_argument("--json", action="store_true", help="keluaran JSON (kontrak untuk alat lain)")
    summarize.add_argument("--unit", metavar="NAME", help="hanya unit ini (mis. 'Lapas Banyuwangi')")
    summarize.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD", help="tanggal acuan (bawaan: hari ini)")
    return parser


def summarize(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    results, registry = ingest_paths(args.paths, today=as_of)
    dataset = combine(results, registry)
    unit_keys = None
    if args.unit:
        key = registry.find(args.unit)
        if key is None:
            known = ", ".join(registry.display(k) for k in dataset.unit_keys) or "(tidak ada)"
            sys.stderr.write(f"Kesalahan: unit '{args.unit}' tidak ditemukan. Unit yang ada: {known}\n")
            return 2
        unit_keys = [key]
    report = build_summary(dataset, as_of, unit_keys)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(report, as_of) + "\n")
    return 1 if any(f["errors"] for f in report["files"]) or not results else 0


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(type(value).__name__)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "summarize":
        return summarize(args)
    return 2
