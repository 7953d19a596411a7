"""Reading stored data back, per role: the current datasets as a `Dataset`, versions, files and their reports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from ..dataset import Dataset
from ..ingest import FileResult
from ..kinds.common import problems_frame
from ..kinds.registry import FRAME_COLUMNS
from ..messages import msg
from . import schema
from .access import AccessDenied, Principal, mask_personal, redact_problems, redact_report, without_personal_data
from .base import aware
from .current import STATUS_CURRENT, resolve_status
from .export import frames_to_excel
from .frames import from_bytes
from .split import POSITION
from .units import UnitStore


class DatasetStore(UnitStore):

    def _dataset_table(self, conn: Connection, units: set[str] | None = None) -> pd.DataFrame:
        """Every dataset of these units (all when None) with its status; the status is judged per unit, so only
        the units asked for are judged (it costs per unit and kind)."""
        d, f = schema.datasets, schema.files
        query = select(d.c.id, d.c.file_id, d.c.unit_key, d.c.kind, d.c.survey, d.c.period_start, d.c.period_end,
                       d.c.rows, f.c.name.label("file"), f.c.uploaded_by, f.c.uploaded_at,
                       d.c.deleted_at.is_not(None).label("deleted")).join(f, f.c.id == d.c.file_id).order_by(d.c.id)
        table = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["id", "file_id", "unit_key", "kind", "survey", "period_start", "period_end", "rows",
                                      "file", "uploaded_by", "uploaded_at", "deleted"])
        if units is not None:
            table = table.loc[table["unit_key"].isin(units)].reset_index(drop=True)
        table["period_start"] = table["period_start"].astype(object).where(table["period_start"].notna(), None)
        table["period_end"] = table["period_end"].astype(object).where(table["period_end"].notna(), None)
        return resolve_status(table)

    def _scope(self, principal: Principal, unit_keys: Iterable[str] | None, conn: Connection) -> set[str]:
        visible = principal.visible_units(self._kanwil_of(conn))
        if unit_keys is None:
            return visible
        wanted = set(unit_keys)
        if wanted - visible:
            raise AccessDenied(msg("unit_denied"))
        return wanted

    def dataset(self, principal: Principal, unit_keys: Iterable[str] | None = None, with_files: bool = True) -> Dataset:
        """The current data of the units this user may see, shaped exactly like data read from files; without
        the files' readings and rejected rows when only figures are wanted (`with_files=False`)."""
        with self.engine.connect() as conn:
            scope = self._scope(principal, unit_keys, conn)
            table = self._dataset_table(conn, scope)
            chosen = table.loc[(table["status"] == STATUS_CURRENT) & table["unit_key"].isin(scope)]
            frames = self._frames(conn, chosen)
            files, problems = self._file_results(principal, conn, chosen) if with_files else ([], problems_frame([]))
        frames = {name: mask_personal(name, frame, principal) for name, frame in frames.items()}
        return Dataset(frames, problems, self.registry(), files)

    def current_files(self, principal: Principal) -> list[FileResult]:
        """The readings of the files whose data is in use, as `dataset(principal).files`, without reading the data."""
        with self.engine.connect() as conn:
            scope = self._scope(principal, None, conn)
            table = self._dataset_table(conn, scope)
            chosen = table.loc[(table["status"] == STATUS_CURRENT) & table["unit_key"].isin(scope)]
            return self._file_results(principal, conn, chosen)[0]

    def _file_results(self, principal: Principal, conn: Connection, chosen: pd.DataFrame) -> tuple[list[FileResult], pd.DataFrame]:
        file_ids = self._files_openable(principal, conn, {int(i) for i in chosen["file_id"]})
        reports = conn.execute(select(schema.files.c.id, schema.files.c.report)
                               .where(schema.files.c.id.in_(file_ids)).order_by(schema.files.c.id)).all()
        problems = self._problems(conn, [row.id for row in reports])
        reports_json = [json.loads(row.report) for row in reports]
        if not principal.sees_personal_data:
            reports_json = [redact_report(report, problems["value"]) for report in reports_json]
            problems = redact_problems(problems)
        return [FileResult.from_json(report) for report in reports_json], problems

    def peer_dataset(self, principal: Principal) -> Dataset:
        """The current data of the principal's peers (`Principal.peer_units`), personal columns masked, without
        files or rejected rows. Only `zi_analytics.sharing` reads it, to take the narrow facts a unit may learn
        from; it is never shown as it is."""
        with self.engine.connect() as conn:
            scope = principal.peer_units(self._kanwil_of(conn))
            table = self._dataset_table(conn, scope)
            frames = self._frames(conn, table.loc[(table["status"] == STATUS_CURRENT) & table["unit_key"].isin(scope)])
        blind = without_personal_data(principal)
        frames = {name: mask_personal(name, frame, blind) for name, frame in frames.items()}
        return Dataset(frames, problems_frame([]), self.registry(), [])

    def _frames(self, conn: Connection, chosen: pd.DataFrame) -> dict[str, pd.DataFrame]:
        parts: dict[str, list[pd.DataFrame]] = {name: [] for name in FRAME_COLUMNS}
        if len(chosen):
            file_of = dict(zip(chosen["id"], chosen["file_id"]))
            ids = [int(i) for i in chosen["id"]]
            for start in range(0, len(ids), 500):
                rows = conn.execute(select(schema.dataset_frames).where(
                    schema.dataset_frames.c.dataset_id.in_(ids[start:start + 500])))
                for row in rows:
                    frame = from_bytes(row.content)
                    if len(frame):
                        parts[row.name].append(frame.assign(_file=file_of[row.dataset_id]))
        frames = {}
        for name, columns in FRAME_COLUMNS.items():
            if not parts[name]:
                frames[name] = pd.DataFrame(columns=columns)
                continue
            frame = pd.concat(parts[name], ignore_index=True).sort_values(["_file", POSITION], kind="stable")
            frame = frame.drop(columns=["_file", POSITION])
            if name == "survey_questions":
                frame = frame.drop_duplicates()
            frames[name] = frame.reset_index(drop=True)[columns]
        return frames

    def _problems(self, conn: Connection, file_ids: list[int]) -> pd.DataFrame:
        rows = conn.execute(select(schema.files.c.problems).where(schema.files.c.id.in_(file_ids))
                            .order_by(schema.files.c.id)).scalars().all()
        parts = [frame for frame in (from_bytes(r) for r in rows) if len(frame)]
        return pd.concat(parts, ignore_index=True) if parts else problems_frame([])

    def _files_openable(self, principal: Principal, conn: Connection, candidates: set[int] | None = None) -> list[int]:
        """Files the user may open (`_openable`): the units a file holds are those of its report and its datasets."""
        f, d = schema.files, schema.datasets
        query = select(f.c.id, f.c.uploaded_by, f.c.report)
        parts = select(d.c.file_id, d.c.unit_key)
        if candidates is not None:
            query = query.where(f.c.id.in_(candidates))
            parts = parts.where(d.c.file_id.in_(candidates))
        rows = conn.execute(query).all()
        if principal.is_admin:
            return sorted(row.id for row in rows)
        sees = self._sees(principal, self._kanwil_of(conn))
        stored: dict[int, set[str]] = {}
        for file_id, unit_key in conn.execute(parts).all():
            stored.setdefault(file_id, set()).add(unit_key)
        return sorted(row.id for row in rows if self._openable(
            principal, row.uploaded_by, set(json.loads(row.report)["units"]) | stored.get(row.id, set()), sees))

    def units_only_from(self, principal: Principal, uploader: str) -> set[str]:
        """The visible units whose every dataset in view was uploaded by `uploader`: the bundled sample data's
        own user, so the sample units can be told apart from real ones."""
        d, f = schema.datasets, schema.files
        with self.engine.connect() as conn:
            visible = principal.visible_units(self._kanwil_of(conn))
            rows = conn.execute(select(d.c.unit_key, f.c.uploaded_by).join(f, f.c.id == d.c.file_id)
                                .where(d.c.deleted_at.is_(None))).all()
        uploaders: dict[str, set[str]] = {}
        for unit, who in rows:
            uploaders.setdefault(unit, set()).add(who)
        return {unit for unit, who in uploaders.items() if who == {uploader} and unit in visible}

    def file_openable(self, principal: Principal, file_id: int) -> bool:
        """Whether the user may open this file's bytes, reading report and rejected rows, and read it again."""
        with self.engine.connect() as conn:
            return file_id in self._files_openable(principal, conn, {file_id})

    def versions(self, principal: Principal, unit_key: str | None = None) -> pd.DataFrame:
        """Every stored dataset of the visible units (or one unit), newest first, with its status."""
        with self.engine.connect() as conn:
            scope = self._scope(principal, None if unit_key is None else [unit_key], conn)
            table = self._dataset_table(conn, scope)
        table = table.loc[table["unit_key"].isin(scope)].copy()
        table["uploaded_at"] = table["uploaded_at"].map(aware)
        return table.sort_values(["uploaded_at", "id"], ascending=False).reset_index(drop=True)

    def data_dates(self, principal: Principal) -> pd.DataFrame:
        """Per dataset in view of the visible units: unit, kind, the period it covers and the upload time; what data
        freshness is judged on, without the status of every version (`versions`), which costs per unit."""
        d, f = schema.datasets, schema.files
        with self.engine.connect() as conn:
            scope = self._scope(principal, None, conn)
            query = (select(d.c.unit_key, d.c.kind, d.c.period_end, f.c.uploaded_at).join(f, f.c.id == d.c.file_id)
                     .where(d.c.deleted_at.is_(None), d.c.unit_key.in_(sorted(scope))))
            table = pd.DataFrame(conn.execute(query).all(), columns=["unit_key", "kind", "period_end", "uploaded_at"])
        table["period_end"] = table["period_end"].astype(object).where(table["period_end"].notna(), None)
        return table.assign(uploaded_at=table["uploaded_at"].map(aware), deleted=False)

    def files(self, principal: Principal) -> pd.DataFrame:
        """Stored files that hold data of a unit the user sees, or that they uploaded (removed ones too, for
        restoring), newest first, each as the user's part of it. A file shared by several units is each unit's:

        - units: the file's units the user sees; openable: the user may open the file itself (`_openable`);
        - rows: the file's accepted rows when openable, else those of the user's units; rejected_rows: openable only;
        - deleted_at / deleted_by: the latest removal when every dataset of the user's units in the file is removed;
        - active_datasets / removed_datasets: the user's units' datasets of the file, in view and removed;
        - shared: the file holds stored data of units the user does not see (a removal acts on the user's part only).
        """
        f, d = schema.files, schema.datasets
        with self.engine.connect() as conn:
            sees = self._sees(principal, self._kanwil_of(conn))
            rows = conn.execute(select(f.c.id, f.c.name, f.c.path, f.c.size, f.c.kind, f.c.uploaded_by, f.c.uploaded_at,
                                       f.c.report).order_by(f.c.id.desc())).mappings().all()
            parts = conn.execute(select(d.c.file_id, d.c.unit_key, d.c.rows, d.c.deleted_at, d.c.deleted_by)
                                 .order_by(d.c.id)).all()
        by_file: dict[int, list[Any]] = {}
        for part in parts:
            by_file.setdefault(part.file_id, []).append(part)
        records = []
        for row in rows:
            stored = by_file.get(row["id"], [])
            mine = [part for part in stored if sees(part.unit_key)]
            if not (mine or principal.is_admin or row["uploaded_by"] == principal.username):
                continue
            report = json.loads(row["report"])
            units = list(dict.fromkeys([*report["units"], *sorted({part.unit_key for part in stored})]))
            openable = self._openable(principal, row["uploaded_by"], units, sees)
            removed = [part for part in mine if part.deleted_at is not None]
            latest = max(removed, key=lambda part: aware(part.deleted_at)) if removed and len(removed) == len(mine) else None
            records.append({key: row[key] for key in ("id", "name", "path", "size", "kind", "uploaded_by")} | {
                "uploaded_at": aware(row["uploaded_at"]),
                "deleted_at": aware(latest.deleted_at) if latest else None,
                "deleted_by": latest.deleted_by if latest else None,
                "rows": report["rows"] if openable else sum(part.rows for part in mine),
                "rejected_rows": report["rejected_rows"] if openable else None,
                "units": [unit for unit in units if sees(unit)], "openable": openable,
                "active_datasets": len(mine) - len(removed), "removed_datasets": len(removed),
                "shared": any(not sees(part.unit_key) for part in stored)})
        columns = ["id", "name", "path", "size", "kind", "uploaded_by", "uploaded_at", "deleted_at", "deleted_by", "rows",
                   "rejected_rows", "units", "openable", "active_datasets", "removed_datasets", "shared"]
        table = pd.DataFrame(records, columns=columns)
        for column in ("uploaded_at", "deleted_at", "deleted_by", "rejected_rows"):  # None stays None, not NaN/NaT
            table[column] = pd.Series([r[column] for r in records], index=table.index, dtype=object)
        return table

    def _require_openable(self, principal: Principal, file_id: int) -> None:
        if not self.file_openable(principal, file_id):
            raise AccessDenied(msg("file_denied"))

    def file_report(self, principal: Principal, file_id: int) -> dict[str, Any]:
        self._require_openable(principal, file_id)
        with self.engine.connect() as conn:
            report = json.loads(conn.execute(select(schema.files.c.report).where(schema.files.c.id == file_id)).scalar_one())
            if principal.sees_personal_data:
                return report
            return redact_report(report, self._problems(conn, [file_id])["value"])

    def rejected_rows(self, principal: Principal, file_id: int) -> pd.DataFrame:
        """The rows of a file that were refused or warned about, with reasons (cell values for allowed roles only)."""
        self._require_openable(principal, file_id)
        with self.engine.connect() as conn:
            problems = self._problems(conn, [file_id])
        return problems if principal.sees_personal_data else redact_problems(problems)

    def raw_file(self, principal: Principal, file_id: int) -> tuple[str, bytes]:
        """The uploaded bytes as they came; never for roles that must not see personal data."""
        principal.require(principal.sees_personal_data, "mengunduh file asli")
        self._require_openable(principal, file_id)
        with self.engine.connect() as conn:
            name = conn.execute(select(schema.files.c.name).where(schema.files.c.id == file_id)).scalar_one()
            content = conn.execute(select(schema.file_blobs.c.content).where(schema.file_blobs.c.file_id == file_id)).scalar_one()
        return name, content

    def dataset_frames(self, principal: Principal, dataset_id: int) -> dict[str, pd.DataFrame]:
        """One stored dataset's rows (any version), as the user may see them."""
        with self.engine.connect() as conn:
            table = self._dataset_table(conn)
            row = table.loc[table["id"] == dataset_id]
            if row.empty or row["unit_key"].iloc[0] not in principal.visible_units(self._kanwil_of(conn)):
                raise AccessDenied(msg("unit_denied"))
            frames = self._frames(conn, row)
        return {name: mask_personal(name, frame, principal) for name, frame in frames.items() if len(frame)}

    def export_dataset(self, principal: Principal, dataset_id: int) -> bytes:
        """One dataset as an Excel workbook, with its file's rejected rows when the user may see that file."""
        frames = self.dataset_frames(principal, dataset_id)
        with self.engine.connect() as conn:
            file_id = conn.execute(select(schema.datasets.c.file_id).where(schema.datasets.c.id == dataset_id)).scalar_one()
        if self.file_openable(principal, file_id):
            problems = self.rejected_rows(principal, file_id)
            if len(problems):
                frames["problems"] = problems
        return frames_to_excel(frames)
