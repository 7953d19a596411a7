"""Each unit's comparison figures, stored with the versions of the data and settings they came from, so a page
comparing hundreds of units reads one row per unit instead of every unit's tables.

The store only keeps them: computing is `zi_analytics.comparison`. Writing them is not a change of the data, so
it is not audited and does not move `data_version`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select

from . import schema
from .access import Principal
from .base import utc_now
from .engine import write
from .units import UnitStore

KEEP_DAYS = 8  # figures for other days than the last few asked for are dropped


class FigureStore(UnitStore):

    def unit_versions(self, unit_keys: Iterable[str] | None = None) -> dict[str, str]:
        """Per unit, a text that changes whenever any of its stored data changes (an upload, a re-reading, a
        removal or its undoing): the newest dataset, how many there are, how many are removed and when."""
        d = schema.datasets
        query = select(d.c.unit_key, func.max(d.c.id), func.count(),
                       func.sum(case((d.c.deleted_at.is_not(None), 1), else_=0)), func.max(d.c.deleted_at)).group_by(d.c.unit_key)
        if unit_keys is not None:
            query = query.where(d.c.unit_key.in_(sorted(set(unit_keys))))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return {row[0]: f"{row[1]}:{row[2]}:{row[3]}:{row[4].isoformat() if row[4] else '-'}" for row in rows}

    def stored_figures(self, principal: Principal, as_of: date, unit_keys: Iterable[str]) -> dict[str, tuple[str, str, dict[str, Any]]]:
        """Unit key → (data version, settings version, figures) stored for `as_of`, for the units asked that the
        principal may see."""
        return self._figures(principal, as_of, unit_keys, True)

    def _figures(self, principal: Principal, as_of: date, unit_keys: Iterable[str],
                 with_figures: bool) -> dict[str, tuple[str, str, Any]]:
        kanwil_of = self._kanwil_of()
        keys = [k for k in unit_keys if principal.sees_unit(k, kanwil_of.get(k))]
        f = schema.unit_figures
        columns = [f.c.unit_key, f.c.data_version, f.c.settings_version] + ([f.c.figures] if with_figures else [])
        out: dict[str, tuple[str, str, Any]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(keys), 500):
                rows = conn.execute(select(*columns).where(and_(f.c.as_of == as_of, f.c.unit_key.in_(keys[start:start + 500]))))
                out.update({row[0]: (row[1], row[2], json.loads(row[3]) if with_figures else None) for row in rows})
        return out

    def figure_versions(self, principal: Principal, as_of: date, unit_keys: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Unit key → (data version, settings version) of the figures stored for `as_of`, without the figures."""
        return {key: (data, settings) for key, (data, settings, _) in self._figures(principal, as_of, unit_keys, False).items()}

    def store_figures(self, as_of: date, rows: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        """Keep (unit key, data version, settings version, figures) for `as_of`, replacing what was there, and
        drop figures of days older than the last KEEP_DAYS asked for."""
        if not rows:
            return
        f = schema.unit_figures
        now = utc_now()
        with write(self.engine) as conn:
            conn.execute(delete(f).where(and_(f.c.as_of == as_of, f.c.unit_key.in_([key for key, *_ in rows]))))
            conn.execute(insert(f), [{"unit_key": key, "as_of": as_of, "data_version": data, "settings_version": settings,
                                      "figures": json.dumps(figures, default=str), "computed_at": now}
                                     for key, data, settings, figures in rows])
            days = [row[0] for row in conn.execute(select(f.c.as_of).distinct().order_by(f.c.as_of.desc()))]
            if len(days) > KEEP_DAYS and as_of in days:
                kept = sorted(days, key=lambda day: (day != as_of, -day.toordinal()))[:KEEP_DAYS]
                conn.execute(delete(f).where(f.c.as_of.not_in(kept)))
