"""Removing and restoring uploads: per unit, so a shared file's other units keep their part."""

from __future__ import annotations

from sqlalchemy import select, update

from ..messages import msg
from . import schema
from .access import AccessDenied, Principal
from .base import StoreBase, utc_now
from .engine import write


class RemovalStore(StoreBase):

    def delete_file(self, principal: Principal, file_id: int) -> None:
        """Take the user's part of an upload (the datasets of the units they may change) out of every view; its rows
        stay stored so it can be restored. Other units' parts of a shared file stay as they are."""
        principal.require(principal.can_upload, "menghapus unggahan")
        self._set_removed(principal, file_id, removed=True)

    def restore_file(self, principal: Principal, file_id: int) -> None:
        """Bring the user's removed part of an upload back into view (the datasets of the units they may change)."""
        principal.require(principal.can_upload, "memulihkan unggahan")
        self._set_removed(principal, file_id, removed=False)

    def _set_removed(self, principal: Principal, file_id: int, removed: bool) -> None:
        """One audit entry per unit changed; AccessDenied, and nothing written, when no dataset of the file is the
        user's to change."""
        d = schema.datasets
        with write(self.engine) as conn:
            kanwil_of = self._kanwil_of(conn)
            parts = conn.execute(select(d.c.id, d.c.unit_key, d.c.deleted_at).where(d.c.file_id == file_id)
                                 .order_by(d.c.id)).all()
            mine = [part for part in parts if self._may_change(principal, part.unit_key, kanwil_of)]
            if not mine:
                raise AccessDenied(msg("file_denied"))
            changing: dict[str, list[int]] = {}
            for part in mine:
                if (part.deleted_at is None) == removed:
                    changing.setdefault(part.unit_key, []).append(part.id)
            values = {"deleted_at": utc_now(), "deleted_by": principal.username} if removed else {"deleted_at": None,
                                                                                              "deleted_by": None}
            for unit, ids in sorted(changing.items()):
                conn.execute(update(d).where(d.c.id.in_(ids)).values(**values))
                self._audit(conn, principal, "delete" if removed else "restore", str(file_id),
                            {"file_id": file_id, "unit": unit, "datasets": ids})
