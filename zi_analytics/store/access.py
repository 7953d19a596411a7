"""Who may see and change what. Every query of the workspace takes a Principal and filters by it.

- admin: users and all data; kanwil: every unit of its Kanwil; operator: uploads and views its own unit;
- pimpinan: views its own unit, never personal data, never uploads.
Laptop mode has one user who owns the whole workspace (LAPTOP_USER), and so has the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..kinds.common import shown
from ..privacy import scrub_text

ROLES = ("admin", "kanwil", "operator", "pimpinan")
ROLE_LABELS = {"admin": "Admin", "kanwil": "Kanwil", "operator": "Operator Lapas", "pimpinan": "Pimpinan"}
# Columns that name or reach a person; masked for roles that must not see personal data.
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {"complaints": ("complainant", "phone")}
# Free text that may carry contact details or the person's own name: scrubbed for roles without personal data
FREE_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "complaints": ("description", "follow_up", "category_text", "status_text", "channel_text"),
    "survey_responses": ("suggestion",),
}
MASK = "•••"


class AccessDenied(Exception):
    """The user's role does not allow this; the message is Indonesian."""


@dataclass(frozen=True)
class Principal:
    username: str
    role: str
    unit_key: str | None = None
    kanwil: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role}")
        if self.role in ("operator", "pimpinan") and not self.unit_key:
            raise ValueError(f"role {self.role} needs a unit")
        if self.role == "kanwil" and not self.kanwil:
            raise ValueError("role kanwil needs a kanwil")

    @property
    def can_upload(self) -> bool:
        return self.role in ("admin", "kanwil", "operator")

    @property
    def sees_personal_data(self) -> bool:
        return self.role != "pimpinan"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def sees_unit(self, unit_key: str, unit_kanwil: str | None) -> bool:
        if self.role == "admin":
            return True
        if self.role == "kanwil":
            return unit_kanwil is not None and unit_kanwil == self.kanwil
        return unit_key == self.unit_key

    def visible_units(self, kanwil_of: dict[str, str | None]) -> set[str]:
        """Keys of the known units this principal may see; `kanwil_of` maps unit key → Kanwil."""
        return {key for key, kanwil in kanwil_of.items() if self.sees_unit(key, kanwil)}

    def peer_units(self, kanwil_of: dict[str, str | None]) -> set[str]:
        """The other units of a unit user's own Kanwil: those it may learn from through the narrow shared facts
        (`zi_analytics.sharing`), never see whole. Kanwil and admin users see them already."""
        if self.role not in ("operator", "pimpinan"):
            return set()
        home = kanwil_of.get(self.unit_key or "")
        return {key for key, kanwil in kanwil_of.items() if home is not None and kanwil == home and key != self.unit_key}

    def require(self, allowed: bool, what: str) -> None:
        if not allowed:
            raise AccessDenied(f"Peran {ROLE_LABELS[self.role]} tidak diizinkan {what}.")


LAPTOP_USER = Principal("pengguna", "admin")


def without_personal_data(principal: Principal) -> Principal:
    """The same user, seeing no personal data: how peer data is read before its narrow facts are taken."""
    return Principal(principal.username, "pimpinan", unit_key=principal.unit_key or "-")


def mask_personal(name: str, frame: pd.DataFrame, principal: Principal) -> pd.DataFrame:
    """The frame with personal columns blanked out when the principal must not see them."""
    columns = [c for c in PERSONAL_COLUMNS.get(name, ()) if c in frame.columns]
    free = [c for c in FREE_TEXT_COLUMNS.get(name, ()) if c in frame.columns]
    if principal.sees_personal_data or not (columns or free or "sheet" in frame.columns):
        return frame
    masked = frame.copy()
    if "sheet" in masked.columns:  # a sheet may be titled after a person: "Siti Aminah 0812…"
        masked["sheet"] = _scrubbed(masked["sheet"])
    names = list(zip(*(masked[c].astype(object) for c in columns))) if columns else [()] * len(masked)
    for column in free:  # before the names go: the person's own name where it recurs in the text
        masked[column] = [value if value is None or (isinstance(value, float) and pd.isna(value))
                          else scrub_text(value, tuple(str(n) for n in row if isinstance(n, str)))
                          for value, row in zip(masked[column].astype(object), names)]
    for column in columns:
        filled = masked[column].notna() & (masked[column].astype(str).str.strip() != "")
        masked[column] = masked[column].where(~filled, MASK)
    return masked


def _scrubbed(values: pd.Series) -> list[object]:
    return [value if not isinstance(value, str) else scrub_text(value) for value in values.astype(object)]


def _redact(text: str, values: Iterable[str]) -> str:
    """A message without the cell contents it quotes, whole or cut short ("Status 'Budi 0812…'"), and without
    any phone number, e-mail or ID number left in it."""
    for value in values:
        quoted = shown(value)
        for form in dict.fromkeys((value, quoted, quoted.removesuffix("…"))):
            text = text.replace(f"'{form}'", f"'{MASK}'")
            if len(form) >= 4:
                text = text.replace(form, MASK)
    return scrub_text(text)


def _cell_values(values: Iterable[object]) -> list[str]:
    """Longest first, so a value containing another is masked whole."""
    texts = {str(v).strip() for v in values if v is not None and not pd.isna(v) and str(v).strip()}
    return sorted(texts, key=len, reverse=True)


def redact_problems(problems: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows without the cell contents, in the value column and quoted in the reason."""
    values = _cell_values(problems["value"])
    redacted = problems.assign(value=MASK, reason=[_redact(str(r), values) for r in problems["reason"]])
    return redacted.assign(sheet=_scrubbed(problems["sheet"])) if "sheet" in problems.columns else redacted


def redact_report(report: dict[str, Any], values: Iterable[object]) -> dict[str, Any]:
    """A file report whose messages no longer quote the file's rejected cell contents."""
    texts = _cell_values(values)
    sheets = [sheet | {"name": scrub_text(sheet["name"])} if isinstance(sheet, dict) and isinstance(sheet.get("name"), str)
              else sheet for sheet in report.get("sheets", [])]
    return report | {"sheets": sheets} | {key: [_redact(line, texts) for line in report.get(key, [])]
                                          for key in ("errors", "warnings")}

