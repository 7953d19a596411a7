"""The units the workspace knows: their registry of spellings, their Kanwil, and the workspace's own unit."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..normalize.units import UnitId, UnitRegistry
from . import schema
from .access import Principal
from .base import StoreBase, utc_now
from .engine import write

HOME_UNIT = "home_unit"  # meta key: the workspace's own unit


class UnitStore(StoreBase):

    def registry(self, unit_default: str | None = None, hints: tuple[UnitId, ...] = ()) -> UnitRegistry:
        """Every stored unit, so a new file's spelling variants join the units already there; the units a batch's
        file names give (`hints`); and the home unit (`unit_default`, else the workspace's own)."""
        registry = UnitRegistry()
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.units).order_by(schema.units.c.created_at, schema.units.c.key)).mappings()
            for row in rows:
                registry.remember(row["key"], UnitId(row["type"], row["subtype"], row["city"], row["klass"]))
            home = unit_default or conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == HOME_UNIT)).scalar()
        for unit in hints:
            registry.learn(unit)
        registry.set_home(home)
        return registry

    def home_unit(self) -> str | None:
        """The key of the workspace's own unit: where a file that names no unit goes."""
        return self.get_meta(HOME_UNIT)

    def set_home_unit(self, principal: Principal, name: str) -> str | None:
        """Set the workspace's own unit by any spelling; its key, or None when the name is not a unit."""
        registry = self.registry()
        key = registry.set_home(name)
        if key is None:
            return None
        with write(self.engine) as conn:
            self._store_units(conn, registry, {key}, self.config.kanwil)
        self.set_meta(principal, HOME_UNIT, key)
        return key

    def units(self, principal: Principal) -> pd.DataFrame:
        """The units this user may see: key, display name, Kanwil, type (lapas, rutan…) and class ('IIA')."""
        registry = self.registry()
        kanwil_of = self._kanwil_of()
        keys = sorted(principal.visible_units(kanwil_of), key=registry.display)
        ids = [registry.unit(k) for k in keys]
        return pd.DataFrame({"key": keys, "unit": [registry.display(k) for k in keys],
                             "kanwil": [kanwil_of[k] for k in keys], "type": [u.type if u else "" for u in ids],
                             "klass": [u.klass if u else "" for u in ids]},
                            columns=["key", "unit", "kanwil", "type", "klass"])

    def find_unit(self, principal: Principal, name: str) -> str | None:
        """The key of a visible unit named freely ('lapas banyuwangi'); None when unknown or not allowed."""
        key = self.registry().find(name)
        if key is None or key not in principal.visible_units(self._kanwil_of()):
            return None
        return key

    def set_unit_kanwil(self, principal: Principal, unit_key: str, kanwil: str | None) -> None:
        principal.require(principal.is_admin, "mengubah Kanwil sebuah unit")
        with write(self.engine) as conn:
            conn.execute(update(schema.units).where(schema.units.c.key == unit_key).values(kanwil=kanwil or None))
            self._audit(conn, principal, "unit_kanwil", unit_key, {"kanwil": kanwil})

    def _store_units(self, conn: Connection, registry: UnitRegistry, keys: set[str], kanwil: str | None) -> None:
        existing = {row.key: row for row in conn.execute(select(schema.units).where(schema.units.c.key.in_(keys)))}
        for key in sorted(keys):
            unit = registry.unit(key)
            if unit is None:
                raise RuntimeError(f"unit {key} missing from the registry")
            known = existing.get(key)
            if known is None:  # another process may add the same unit at the same moment: keep the first
                values = {"key": key, "type": unit.type, "subtype": unit.subtype, "city": unit.city,
                          "klass": unit.klass, "kanwil": kanwil, "created_at": utc_now()}
                dialect_insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
                conn.execute(dialect_insert(schema.units).values(**values).on_conflict_do_nothing(index_elements=["key"]))
            elif unit.klass and not known.klass:
                conn.execute(update(schema.units).where(schema.units.c.key == key).values(klass=unit.klass))
