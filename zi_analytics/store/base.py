"""What every part of the workspace store shares: the engine, who may change which unit, the audit log, meta.

The store is split by concern (units, uploads, datasets, users and sessions, backup); each part is a class
over this base, and `workspace.Workspace` joins them into the one object the services and pages hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select

from . import schema
from .access import Principal
from .config import WorkspaceConfig
from .engine import write


def utc_now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class StoreBase:
    def __init__(self, engine: Engine, config: WorkspaceConfig) -> None:
        self.engine = engine
        self.config = config

    def _kanwil_of(self, conn: Connection | None = None) -> dict[str, str | None]:
        query = select(schema.units.c.key, schema.units.c.kanwil)
        if conn is not None:
            return dict(conn.execute(query).all())
        with self.engine.connect() as own:
            return dict(own.execute(query).all())

    def kanwil_for_new_units(self, principal: Principal, kanwil: str | None = None) -> str | None:
        """The Kanwil a unit stored for the first time joins: a Kanwil user's own, else the one asked, else the
        workspace's."""
        return principal.kanwil if principal.role == "kanwil" else (kanwil or self.config.kanwil)

    @staticmethod
    def _may_change(principal: Principal, unit_key: str, kanwil_of: dict[str, str | None],
                    new_kanwil: str | None = None) -> bool:
        """Whether this user may store, remove, restore or re-read the data of this unit: an admin any unit, a
        Kanwil user its Kanwil's, an operator its own, a pimpinan none. `new_kanwil`: the Kanwil a unit not
        stored yet would join."""
        return principal.can_upload and principal.sees_unit(unit_key, kanwil_of.get(unit_key, new_kanwil))

    @classmethod
    def _may_change_all(cls, principal: Principal, units: Iterable[str], kanwil_of: dict[str, str | None],
                        new_kanwil: str | None = None) -> bool:
        """Whether this user may change every unit of a file: only then do its own reading and its lasting
        corrections change, since they decide how the other units' rows are read too."""
        return all(cls._may_change(principal, unit, kanwil_of, new_kanwil) for unit in units)

    @staticmethod
    def _sees(principal: Principal, kanwil_of: dict[str, str | None]) -> Callable[[str], bool]:
        return lambda unit: principal.sees_unit(unit, kanwil_of.get(unit))

    @staticmethod
    def _openable(principal: Principal, uploaded_by: str, units: Iterable[str], sees: Callable[[str], bool]) -> bool:
        """Whether the user may open a file's bytes, reading report and rejected rows: they hold every unit's rows,
        stored or not, so only the uploader, an admin, or a user who sees every unit the file holds may."""
        return principal.is_admin or uploaded_by == principal.username or all(sees(unit) for unit in units)

    def _audit(self, conn: Connection, principal: Principal, action: str, target: str, detail: dict[str, Any]) -> None:
        conn.execute(insert(schema.audit_log).values(at=utc_now(), actor=principal.username, role=principal.role,
                                                     action=action, target=target,
                                                     detail=json.dumps(detail, ensure_ascii=False, default=str)))

    def audit_log(self, principal: Principal, limit: int = 500) -> pd.DataFrame:
        """Admins see every entry; other users see their own actions."""
        a = schema.audit_log
        query = select(a.c.id, a.c.at, a.c.actor, a.c.role, a.c.action, a.c.target, a.c.detail).order_by(a.c.id.desc()).limit(limit)
        if not principal.is_admin:
            query = query.where(a.c.actor == principal.username)
        with self.engine.connect() as conn:
            table = pd.DataFrame(conn.execute(query).mappings().all(),
                                 columns=["id", "at", "actor", "role", "action", "target", "detail"])
        table["at"] = table["at"].map(aware)
        return table

    # ---- workspace facts ---------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()

    def set_meta(self, principal: Principal, key: str, value: str) -> None:
        with write(self.engine) as conn:
            conn.execute(delete(schema.meta).where(schema.meta.c.key == key))
            conn.execute(insert(schema.meta).values(key=key, value=value))
            self._audit(conn, principal, "meta", key, {"value": value})

    def data_version(self) -> str:
        """Changes whenever anything stored changes (every change writes the audit log): a cache key."""
        with self.engine.connect() as conn:
            newest = conn.execute(select(func.max(schema.audit_log.c.id), func.max(schema.audit_log.c.at),
                                         func.count()).select_from(schema.audit_log)).one()
        return "|".join(str(v) for v in newest)

    def file_count(self, except_uploader: str | None = None) -> int:
        query = select(func.count()).select_from(schema.files)
        if except_uploader is not None:
            query = query.where(schema.files.c.uploaded_by != except_uploader)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()
