"""Command line: `python -m zi_analytics summarize PATH... [--json] [--unit NAME] [--as-of YYYY-MM-DD]`.

The same functions the app calls; exit 0 when every file was read, 1 when any failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from datetime import date
from typing import Any

from pydantic import ValidationError

from .dataset import combine
from .ingest import ingest_paths
from .rules.regulation import default_regulation_id, find_regulation_id, load_regulation, regulation_ids
from .summary import ReadinessOptions, build_summary, render_text


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
    summarize.add_argument("--regulation", metavar="VERSI", default=None,
                           help=f"aturan penilaian: {', '.join(regulation_ids())} (bawaan: {default_regulation_id()})")
    summarize.add_argument("--capaian-kinerja", type=_non_negative, default=None, metavar="NILAI",
                           help="nilai capaian kinerja (0 sampai bobotnya, 5 pada 90/2021)")
    summarize.add_argument("--population", type=_positive_int, default=None, metavar="N",
                           help="jumlah populasi pengguna layanan, untuk kecukupan sampel IKM (Krejcie-Morgan)")
    summarize.add_argument("--precondition", action="append", default=[], metavar="NAMA[=ya|tidak]",
                           help="prasyarat yang sudah dipenuhi: wbk_held, halinar_free, documents_complete")
    summarize.add_argument("--settings", metavar="FILE.toml", default=None,
                           help="pengaturan yang menimpa ambang batas/konvensi aturan (format TOML)")
    return parser


def _non_negative(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan angka") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' tidak boleh negatif")
    return value


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' harus bilangan bulat positif")
    return int(text)


def _readiness_options(args: argparse.Namespace) -> ReadinessOptions:
    """Regulation, settings and flags from the command line; raises UsageError with an Indonesian message."""
    reg_id = default_regulation_id()
    if args.regulation:
        reg_id = find_regulation_id(args.regulation)
        if reg_id is None:
            raise UsageError(f"aturan '{args.regulation}' tidak dikenal; pilihan: {', '.join(regulation_ids())}")
    overrides = None
    if args.settings:
        try:
            with open(args.settings, "rb") as handle:
                overrides = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"file pengaturan '{args.settings}' tidak dapat dibaca: {exc}") from None
    try:
        regulation = load_regulation(reg_id, overrides)
    except ValidationError as exc:
        raise UsageError(f"pengaturan tidak valid: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']}") from None
    known = {p.key for p in regulation.preconditions}
    preconditions: dict[str, bool] = {}
    for item in args.precondition:
        name, _, value = item.partition("=")
        if name not in known:
            raise UsageError(f"prasyarat '{name}' tidak dikenal; pilihan: {', '.join(sorted(known))}")
        if value.lower() not in ("", "ya", "yes", "true", "1", "tidak", "no", "false", "0"):
            raise UsageError(f"nilai prasyarat '{item}' harus ya atau tidak")
        preconditions[name] = value.lower() in ("", "ya", "yes", "true", "1")
    if args.capaian_kinerja is not None and args.capaian_kinerja > regulation.hasil.capaian_kinerja:
        raise UsageError(f"capaian kinerja {args.capaian_kinerja:g} melebihi bobotnya ({regulation.hasil.capaian_kinerja:g})")
    return ReadinessOptions(regulation, args.capaian_kinerja, args.population, preconditions)


class UsageError(Exception):
    """A bad option value found after parsing; exit code 2 like argparse's own errors."""


def summarize(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    try:
        options = _readiness_options(args)
    except UsageError as exc:
        sys.stderr.write(f"Kesalahan: {exc}\n")
        return 2
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
    report = build_summary(dataset, as_of, unit_keys, options)
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
    try:
        if args.command == "summarize":
            return summarize(args)
    except Exception as exc:  # a bug must reach the user as a message, not a traceback (ZI_DEBUG=1 shows it)
        if os.environ.get("ZI_DEBUG") == "1":
            raise
        sys.stderr.write(f"Kesalahan program ({type(exc).__name__}); mohon laporkan ke pengembang beserta file yang dipakai.\n")
        return 1
    return 2
