"""Workspace listings as the tables a user reads: Indonesian headers, dates and statuses."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from .. import formatting as fmt
from ..messages import KIND_LABELS, kind_label
from ..safety import human_size
from ..store.access import ROLE_LABELS
from ..store.auth import LOCK_MINUTES

STATUS_LABELS = {"current": "Berlaku", "superseded": "Digantikan", "deleted": "Dihapus"}
ACTION_LABELS = {"import": "Unggah", "import_complete": "Unggah (melengkapi unit)", "delete": "Hapus unggahan", "restore": "Pulihkan unggahan", "backup": "Buat cadangan",
                 "restore_backup": "Pulihkan cadangan", "login": "Masuk", "login_failed": "Gagal masuk",
                 "login_locked": "Masuk ditolak (terkunci)", "user_add": "Tambah pengguna", "user_password": "Ganti kata sandi",
                 "user_active": "Ubah status pengguna", "unit_kanwil": "Ubah Kanwil unit", "meta": "Pengaturan workspace", "reread": "Baca ulang file"}


def when(value: datetime | None) -> str:
    """'23 Nov 2026 16.31' in the machine's local time."""
    if value is None or pd.isna(value):
        return "–"
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    local = value.astimezone()
    return f"{fmt.short_date(local)} {local:%H.%M}"


def versions_table(versions: pd.DataFrame, unit_names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Versi": versions["id"].map(lambda i: f"#{i}"),
        "Unit": versions["unit_key"].map(lambda k: unit_names.get(k, k)),
        "Data": [kind_label(k, s) for k, s in zip(versions["kind"], versions["survey"])],
        "Periode": [fmt.period(a, b) for a, b in zip(versions["period_start"], versions["period_end"])],
        "Baris": versions["rows"].map(lambda n: fmt.number(n, 0)),
        "File": versions["file"],
        "Diunggah oleh": versions["uploaded_by"],
        "Waktu unggah": versions["uploaded_at"].map(when),
        "Status": [STATUS_LABELS[s] + (f" oleh #{int(b)}" if s == "superseded" else "")
                   for s, b in zip(versions["status"], versions["superseded_by"])],
    })


def files_table(files: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "No.": files["id"],
        "File": files["name"],
        "Jenis": files["kind"].map(lambda k: KIND_LABELS.get(k, k)),
        "Ukuran": files["size"].map(human_size),
        "Diterima": files["rows"].map(lambda n: fmt.number(n, 0)),
        "Ditolak": files["rejected_rows"].map(lambda n: "–" if n is None or pd.isna(n) else fmt.number(n, 0)),
        "Diunggah oleh": files["uploaded_by"],
        "Waktu unggah": files["uploaded_at"].map(when),
        "Status": [_file_status(row) for row in files.to_dict("records")],
    })


def _file_status(row: dict) -> str:
    """The state of the user's own part of the file (a file shared by units is removed per unit)."""
    if row["deleted_at"] is not None and not pd.isna(row["deleted_at"]):
        return f"Dihapus ({row['deleted_by']}, {when(row['deleted_at'])})"
    if row.get("removed_datasets", 0) and row.get("active_datasets", 0):
        return "Sebagian dihapus"
    return "Aktif"


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Waktu": log["at"].map(when),
        "Pengguna": log["actor"],
        "Peran": log["role"],
        "Tindakan": log["action"].map(lambda a: ACTION_LABELS.get(a, a)),
        "Sasaran": log["target"],
        "Rincian": log["detail"],
    })


def users_table(users: pd.DataFrame, unit_names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Nama pengguna": users["username"],
        "Peran": users["role"].map(lambda r: ROLE_LABELS.get(r, r)),
        "Unit": users["unit_key"].map(lambda k: unit_names.get(k, k) if k else "–"),
        "Kanwil": users["kanwil"].map(lambda k: k or "–"),
        "Aktif": users["active"].map(lambda a: "ya" if a else "tidak"),
        f"Gagal masuk ({LOCK_MINUTES} menit)": users["failed_logins"],
        "Diubah": users["updated_at"].map(when),
    })
