"""Studi tiru visits: recorded by the visiting unit, shown on both units' pages."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
from sqlalchemy import insert, or_, select

from ..messages import msg
from ..rules import AREA_KEYS
from . import schema
from .access import Principal
from .base import StoreBase, aware, utc_now
from .engine import write

VISIT_COLUMNS = ["id", "host_key", "visitor_key", "visit_date", "areas", "adopted", "recorded_at"]


class VisitError(ValueError):
    """A visit that cannot be recorded as given; the message is Indonesian."""


class VisitStore(StoreBase):

    def record_visit(self, principal: Principal, host_key: str, visitor_key: str, day: date, areas: list[str],
                     adopted: str) -> int:
        """Store a visit. Whoever may change the visiting unit's data records it (its operator, its Kanwil, an
        admin); the host is any unit the workspace knows."""
        kanwil_of = self._kanwil_of()
        principal.require(self._may_change(principal, visitor_key, kanwil_of), "mencatat kunjungan studi tiru untuk unit ini")
        if host_key == visitor_key or host_key not in kanwil_of or visitor_key not in kanwil_of:
            raise VisitError(msg("visit_host_invalid"))
        unknown = [a for a in areas if a not in AREA_KEYS]
        if unknown or not areas:
            raise VisitError(msg("visit_areas_missing"))
        with write(self.engine) as conn:
            new_id = conn.execute(insert(schema.visits).values(
                host_key=host_key, visitor_key=visitor_key, visit_date=day, areas=json.dumps(list(areas)),
                adopted=adopted.strip(), recorded_by=principal.username, recorded_at=utc_now())).inserted_primary_key[0]
            self._audit(conn, principal, "visit", visitor_key, {"host": host_key, "date": day.isoformat(), "areas": list(areas)})
        return int(new_id)

    def visits(self, principal: Principal, unit_key: str) -> pd.DataFrame:
        """The visits a unit made or received, newest first; nothing for a unit the user may not see."""
        kanwil_of = self._kanwil_of()
        if not principal.sees_unit(unit_key, kanwil_of.get(unit_key)):
            return pd.DataFrame(columns=VISIT_COLUMNS)
        v = schema.visits
        query = (select(v.c.id, v.c.host_key, v.c.visitor_key, v.c.visit_date, v.c.areas, v.c.adopted, v.c.recorded_at)
                 .where(or_(v.c.host_key == unit_key, v.c.visitor_key == unit_key))
                 .order_by(v.c.visit_date.desc(), v.c.id.desc()))
        with self.engine.connect() as conn:
            table = pd.DataFrame(conn.execute(query).mappings().all(), columns=VISIT_COLUMNS)
        table["areas"] = table["areas"].map(json.loads)
        table["recorded_at"] = table["recorded_at"].map(aware)
        return table
