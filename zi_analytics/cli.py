"""Command line, the same functions the app calls.

    python -m zi_analytics summarize PATH... [--json] [--unit NAME] [--as-of YYYY-MM-DD]
    python -m zi_analytics summarize --db URL [--unit NAME] [--as-of YYYY-MM-DD]
    python -m zi_analytics import PATH... [--db URL]
    python -m zi_analytics history --db URL --unit NAME

Exit 0 when every file was read, 1 when any failed, 2 on usage errors. Without --db the workspace is
the one the app uses (ZI_DATABASE_URL, .streamlit/secrets.toml, else data/zi_workspace.sqlite).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import tomllib
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import ArgumentError, OperationalError

from . import formatting as fmt

from .dataset import combine
from .batch import ingest_paths
from .messages import kind_label, msg
from .normalize.units import parse_unit
from .store import ROLES, AccessDenied, ConfigError, Principal, Workspace
from .store import DENIED, DUPLICATE, FAILED, RESTORED, STORED
from .rules.regulation import default_regulation_id, find_regulation_id, load_regulation, regulation_ids
from .summary import ReadinessOptions, build_summary, file_lines, render_text
from .settings import options_with_records, uploaded_predicates
from .services import import_paths


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
    summarize = commands.add_parser("summarize", help="ringkasan per unit dari file/folder atau dari workspace")
    summarize.add_argument("paths", nargs="*", metavar="PATH",
                           help="file (.xlsx .xlsm .xls .ods .csv) atau folder; atau --db untuk data tersimpan")
    _db_option(summarize)
    summarize.add_argument("--json", action="store_true", help="keluaran JSON (kontrak untuk alat lain)")
    summarize.add_argument("--unit", metavar="NAME", help="hanya unit ini (mis. 'Lapas Banyuwangi' atau 'Banyuwangi')")
    _unit_default_option(summarize)
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
    store = commands.add_parser("import", help="simpan file/folder ke workspace (file yang sama tidak disimpan dua kali)")
    store.add_argument("paths", nargs="+", metavar="PATH", help="file (.xlsx .xlsm .xls .ods .csv) atau folder")
    _db_option(store)
    store.add_argument("--json", action="store_true", help="keluaran JSON")
    store.add_argument("--kanwil", metavar="NAMA", default=None, help="Kanwil untuk unit yang baru pertama kali masuk")
    _unit_default_option(store)
    history = commands.add_parser("history", help="daftar versi data tersimpan satu unit")
    _db_option(history)
    history.add_argument("--unit", metavar="NAME", required=True, help="nama unit (mis. 'Lapas Banyuwangi')")
    history.add_argument("--json", action="store_true", help="keluaran JSON")
    user = commands.add_parser("user-add", help="buat akun untuk mode server (kata sandi ditanyakan, atau dari ZI_NEW_PASSWORD)")
    user.add_argument("username", metavar="NAMA")
    user.add_argument("--role", required=True, choices=ROLES, help="admin, kanwil, operator, atau pimpinan")
    user.add_argument("--unit", metavar="NAME", default=None, help="unit untuk operator dan pimpinan")
    user.add_argument("--kanwil", metavar="NAMA", default=None, help="Kanwil untuk peran kanwil")
    _db_option(user)
    listing = commands.add_parser("user-list", help="daftar akun: peran, unit, aktif, gagal masuk")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    _db_option(listing)
    for name, text in USER_CHANGES.items():
        change = commands.add_parser(name, help=text)
        change.add_argument("username", metavar="NAMA")
        _db_option(change)
    return parser


def _unit_default_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit-default", metavar="NAME", default=None,
                        help="unit untuk file atau lembar yang tidak menyebut unit (mis. 'Lapas Kelas IIB Tabanan')")


def _bad_unit_default(name: str | None) -> bool:
    """A --unit-default that is not a unit's name: a usage error, said before anything is read."""
    if not name or parse_unit(name, strict=False) is not None:
        return False
    sys.stderr.write(f"Kesalahan: --unit-default {msg('unit_name_invalid', name=name)}\n")
    return True


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="basis data workspace, mis. sqlite:///data/zi.sqlite atau postgresql+psycopg://user@host/db")


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


def _cli_user() -> Principal:
    """The command line is run by whoever holds the machine: full rights, named in the audit log."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "cli"
    return Principal(f"cli:{name}", "admin")


def summarize(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    try:
        options = _readiness_options(args)
    except UsageError as exc:
        sys.stderr.write(f"Kesalahan: {exc}\n")
        return 2
    if bool(args.paths) == bool(args.db):
        sys.stderr.write("Kesalahan: beri PATH (baca file) atau --db URL (data tersimpan), salah satu saja\n")
        return 2
    if _bad_unit_default(args.unit_default):
        return 2
    if args.paths:
        results, registry = ingest_paths(args.paths, today=as_of, unit_default=args.unit_default)
        dataset = combine(results, registry)
        failed = not results
    else:
        workspace = Workspace.open(args.db)
        dataset = workspace.dataset(_cli_user())
        registry, failed = dataset.registry, False
    unit_keys = None
    if args.unit:
        key = registry.find(args.unit)
        if key is None:
            known = ", ".join(registry.display(k) for k in dataset.unit_keys) or "(tidak ada)"
            sys.stderr.write(f"Kesalahan: unit '{args.unit}' tidak ditemukan. Unit yang ada: {known}\n")
            return 2
        unit_keys = [key]
    held = options_with_records(options, uploaded_predicates(dataset.frames["predicates"]))  # a Kanwil's list read too
    report = build_summary(dataset, as_of, unit_keys, held)
    if args.json:
        _print_json(report)
    else:
        sys.stdout.write(render_text(report, as_of) + "\n")
    return 1 if any(f["errors"] for f in report["files"]) or failed else 0


STATE_LABELS = {STORED: "DISIMPAN", DUPLICATE: "SUDAH ADA", RESTORED: "DIPULIHKAN", FAILED: "GAGAL", DENIED: "DITOLAK"}


def import_files(args: argparse.Namespace) -> int:
    if _bad_unit_default(args.unit_default):
        return 2
    workspace = Workspace.open(args.db)
    outcomes = import_paths(workspace, args.paths, _cli_user(), kanwil=args.kanwil, unit_default=args.unit_default)
    if args.json:
        _print_json({"database": _shown_url(workspace), "files": [o.to_json() for o in outcomes]})
    else:
        lines = [f"Impor ke workspace {_shown_url(workspace)}", ""]
        for outcome in outcomes:
            lines.extend(file_lines(outcome.result.to_json(), STATE_LABELS[outcome.status]))
            lines.extend(f"      > {m}" for m in outcome.messages)
        counts = {state: sum(o.status == state for o in outcomes) for state in STATE_LABELS}
        lines += ["", f"{counts[STORED]} disimpan, {counts[DUPLICATE]} sudah ada, {counts[RESTORED]} dipulihkan, "
                      f"{counts[FAILED] + counts[DENIED]} gagal."]
        sys.stdout.write("\n".join(lines) + "\n")
    failed = any(o.result.errors or o.status in (FAILED, DENIED) for o in outcomes)
    return 1 if failed or not outcomes else 0


def history(args: argparse.Namespace) -> int:
    workspace = Workspace.open(args.db)
    user = _cli_user()
    key = workspace.find_unit(user, args.unit)
    if key is None:
        known = ", ".join(workspace.units(user)["unit"]) or "(tidak ada)"
        sys.stderr.write(f"Kesalahan: unit '{args.unit}' tidak ada di workspace. Unit yang ada: {known}\n")
        return 2
    table = workspace.versions(user, key)
    versions = [{
        "dataset_id": int(row.id), "file_id": int(row.file_id), "file": row.file, "kind": row.kind,
        "survey": row.survey or None, "period_start": row.period_start, "period_end": row.period_end,
        "rows": int(row.rows), "uploaded_by": row.uploaded_by, "uploaded_at": row.uploaded_at.isoformat(),
        "status": row.status, "superseded_by": row.superseded_by,
    } for row in table.itertuples()]
    report = {"unit": workspace.registry().display(key), "key": key, "versions": versions}
    if args.json:
        _print_json(report)
        return 0
    lines = [f"Riwayat data {report['unit']} ({len(versions)} versi)", ""]
    for v in versions:
        what = kind_label(v["kind"], v["survey"])
        period = fmt.period(v["period_start"], v["period_end"])
        state = {"current": "berlaku", "superseded": f"digantikan versi #{v['superseded_by']}", "deleted": "dihapus"}[v["status"]]
        lines.append(f"  #{v['dataset_id']} {what}, {period}: {fmt.number(v['rows'], 0)} baris — {v['file']} "
                     f"(unggah {v['uploaded_by']}, {fmt.short_date(date.fromisoformat(v['uploaded_at'][:10]))}) [{state}]")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def user_add(args: argparse.Namespace) -> int:
    workspace = Workspace.open(args.db)
    admin = _cli_user()
    unit_key = None
    if args.unit:
        unit_key = workspace.find_unit(admin, args.unit)
        if unit_key is None:
            sys.stderr.write(f"Kesalahan: unit '{args.unit}' belum ada di workspace; impor datanya dulu.\n")
            return 2
    password = _new_password()
    if password is None:
        return 2
    try:
        workspace.add_user(admin, args.username, password, args.role, unit_key, args.kanwil)
    except ValueError as exc:
        sys.stderr.write(f"Kesalahan: {exc}\n")
        return 2
    sys.stdout.write(f"Akun '{args.username}' ({args.role}) dibuat.\n")
    return 0


USER_CHANGES = {
    "user-password": "atur ulang kata sandi akun (ditanyakan, atau dari ZI_NEW_PASSWORD); semua sesinya berakhir",
    "user-deactivate": "nonaktifkan akun; semua sesinya langsung berakhir",
    "user-activate": "aktifkan lagi akun yang dinonaktifkan",
    "user-unlock": "lupakan percobaan masuk yang gagal dari sebuah akun",
}


def _new_password() -> str | None:
    """From ZI_NEW_PASSWORD, or asked twice; None when the two answers differ."""
    password = os.environ.get("ZI_NEW_PASSWORD")
    if password is None:
        password = getpass.getpass("Kata sandi baru: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            sys.stderr.write("Kesalahan: kedua kata sandi tidak sama.\n")
            return None
    return password


def user_list(args: argparse.Namespace) -> int:
    table = Workspace.open(args.db).users(_cli_user())
    records = [{"username": r.username, "role": r.role, "unit": r.unit_key, "kanwil": r.kanwil, "active": bool(r.active),
                "failed_logins": int(r.failed_logins)} for r in table.itertuples()]
    if args.json:
        _print_json(records)
        return 0
    for r in records:
        where = r["unit"] or r["kanwil"] or "semua unit"
        state = "aktif" if r["active"] else "nonaktif"
        sys.stdout.write(f"{r['username']}\t{r['role']}\t{where}\t{state}\tgagal masuk: {r['failed_logins']}\n")
    return 0


def user_change(args: argparse.Namespace) -> int:
    workspace = Workspace.open(args.db)
    admin = _cli_user()
    try:
        if args.command == "user-password":
            password = _new_password()
            if password is None:
                return 2
            workspace.set_password(admin, args.username, password)
            done = "kata sandi diubah; semua sesinya berakhir"
        elif args.command == "user-unlock":
            workspace.unlock_user(admin, args.username)
            done = "percobaan masuk yang gagal dilupakan"
        else:
            active = args.command == "user-activate"
            workspace.set_active(admin, args.username, active)
            done = "diaktifkan" if active else "dinonaktifkan; semua sesinya berakhir"
    except ValueError as exc:
        sys.stderr.write(f"Kesalahan: {exc}\n")
        return 2
    sys.stdout.write(f"Akun '{args.username}': {done}.\n")
    return 0


def _shown_url(workspace: Workspace) -> str:
    return workspace.engine.url.render_as_string(hide_password=True)


def _print_json(report: Any) -> None:
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(type(value).__name__)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"summarize": summarize, "import": import_files, "history": history, "user-add": user_add,
                "user-list": user_list} | dict.fromkeys(USER_CHANGES, user_change)
    try:
        return commands[args.command](args)
    except ConfigError as exc:
        sys.stderr.write(f"Kesalahan pengaturan: {exc}\n")
        return 2
    except ArgumentError:
        sys.stderr.write("Kesalahan: alamat basis data (--db) tidak valid; contoh: sqlite:///data/zi.sqlite\n")
        return 2
    except OperationalError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        sys.stderr.write(f"Kesalahan: basis data tidak dapat dibuka ({detail}).\n")
        return 1
    except AccessDenied as exc:
        sys.stderr.write(f"Kesalahan: {exc}\n")
        return 2
    except Exception as exc:  # a bug must reach the user as a message, not a traceback (ZI_DEBUG=1 shows it)
        if os.environ.get("ZI_DEBUG") == "1":
            raise
        sys.stderr.write(f"Kesalahan program ({type(exc).__name__}); mohon laporkan ke pengembang beserta file yang dipakai.\n")
        return 1
