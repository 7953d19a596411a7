"""One file in, tidy tables out: read → detect → find header → map → normalise → validate.

Nothing here raises on user data: a file that cannot be read becomes a FileResult with errors, and
every row that cannot be used is kept in ``problems`` with file, sheet, row, column and reason.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .limits import DEFAULT_LIMITS, SUPPORTED_EXTENSIONS, Limits
from .confidence import assess
from .detect import Detection, detect_sheet
from .errors import IngestError
from .kinds.common import SheetContext, empty_frame, problems_frame, sheet_unit
from .kinds.registry import FRAME_COLUMNS, KINDS, MAIN_FRAME
from .layout import title_lines
from .messages import SURVEY_LABELS, msg
from .normalize.units import UnitId, UnitRegistry, file_name_unit
from .read import RawSheet, read_workbook
from .safety import human_size

log = logging.getLogger(__name__)


@dataclass
class SheetOverride:
    """A user's correction for one sheet: its kind, header row (1-based) and column mapping."""

    kind: str | None = None
    header_row: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    survey: str | None = None  # which survey (ikm, ipak, ipkp) a survey sheet's questions are, when it says none


@dataclass
class SheetReport:
    name: str
    kind: str
    header_row: int | None = None
    units: list[str] = field(default_factory=list)
    surveys: list[str] = field(default_factory=list)
    rows: int = 0
    rejected_rows: int = 0
    confidence: float = 0.0  # 0–1: header match, content agreement and share of rows accepted together
    mapping: dict[str, str] = field(default_factory=dict)
    unit_source: str = ""
    hidden: bool = False
    questions: dict[str, str] = field(default_factory=dict)
    needs_review: bool = False  # read, but kept out of every figure until a person confirms or corrects it
    review: list[str] = field(default_factory=list)  # why, in the user's words
    columns: list[dict[str, Any]] = field(default_factory=list)  # per mapped column: field, header score, content share

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "header_row": self.header_row, "units": self.units,
            "surveys": self.surveys, "rows": self.rows, "rejected_rows": self.rejected_rows,
            "confidence": round(self.confidence, 2), "mapping": self.mapping, "unit_source": self.unit_source,
            "hidden": self.hidden, "questions": self.questions, "needs_review": self.needs_review,
            "review": self.review, "columns": self.columns,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SheetReport:
        """A stored sheet report, of this version or another (keys it does not know are left out)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class FileResult:
    path: str
    kind: str = "unknown"
    sheets: list[SheetReport] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    rows: int = 0
    rejected_rows: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: pd.DataFrame = field(default_factory=lambda: problems_frame([]))
    sha256: str = ""
    fmt: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def frame(self, name: str) -> pd.DataFrame:
        found = self.frames.get(name)
        return found if found is not None else empty_frame(FRAME_COLUMNS[name])

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "kind": self.kind, "sheets": [s.to_json() for s in self.sheets], "units": self.units,
            "rows": self.rows, "rejected_rows": self.rejected_rows, "errors": self.errors, "warnings": self.warnings,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        """A stored report back as a result without frames (the workspace keeps those per dataset)."""
        known = {f.name for f in fields(cls)} - {"sheets"}
        values = {k: v for k, v in data.items() if k in known}
        return cls(**values, sheets=[SheetReport.from_json(s) for s in data.get("sheets", [])])



def ingest_file(source: str | Path | bytes, name: str | None = None, limits: Limits = DEFAULT_LIMITS,
                registry: UnitRegistry | None = None, overrides: dict[str, SheetOverride] | None = None,
                today: date | None = None, folders: tuple[str, ...] = ()) -> FileResult:
    """Read one file completely; never raises on bad input.

    `folders` are the names of the folders holding the file, innermost first: a last hint for the unit.
    """
    registry = registry if registry is not None else UnitRegistry()
    today = today or date.today()
    path = str(source) if not isinstance(source, bytes) else (name or "unggahan")
    display = name or Path(path).name
    result = FileResult(path=path)
    try:
        data = source if isinstance(source, bytes) else read_file_bytes(Path(source), limits)
        result.sha256 = hashlib.sha256(data).hexdigest()
        workbook = read_workbook(data, display, limits)
    except IngestError as exc:
        result.errors.append(exc.message)
        return result
    except Exception:  # a reader bug must not crash the caller (the app, a CLI batch), nor show a traceback
        log.exception("reading %s failed", display)
        result.errors.append(msg("program_error"))
        return result
    result.fmt = workbook.fmt
    result.warnings.extend(workbook.notes)
    collected: dict[str, list[pd.DataFrame]] = {key: [] for key in FRAME_COLUMNS}
    problems: list[dict[str, Any]] = []
    for sheet in workbook.sheets:
        override = (overrides or {}).get(sheet.name, SheetOverride())
        try:
            report, frames, sheet_problems, notes = _ingest_sheet(display, sheet, registry, override, today, folders)
        except Exception:  # a bug must not cost the user the other sheets, nor show a traceback
            log.exception("sheet %s of %s failed", sheet.name, display)
            result.errors.append(msg("sheet_program_error", sheet=sheet.name))
            continue
        result.sheets.append(report)
        result.warnings.extend(notes)
        problems.extend(sheet_problems)
        for key, frame in frames.items():
            collected[key].append(frame)
    result.frames = {key: _concat(frames, FRAME_COLUMNS[key]) for key, frames in collected.items()}
    result.problems = problems_frame(problems)
    _summarise(result, registry)
    return result


def read_file_bytes(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise IngestError(msg("too_large", size=human_size(size), limit=human_size(limits.max_file_bytes)))
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(msg("unreadable", detail=exc.strerror or type(exc).__name__)) from None


def _ingest_sheet(file: str, sheet: RawSheet, registry: UnitRegistry, override: SheetOverride, today: date,
                  folders: tuple[str, ...] = ()):
    header_row = override.header_row - 1 if override.header_row else None
    detection: Detection = detect_sheet(sheet, override.mapping or None, override.kind, header_row)
    report = SheetReport(sheet.name, detection.kind, hidden=not sheet.visible)
    notes: list[str] = []
    if not detection.is_data:
        note_key = {"recap": "sheet_recap", "instructions": "sheet_instructions", "empty": "sheet_empty"}.get(detection.kind, "sheet_unknown")
        notes.append(msg(note_key, sheet=sheet.name))
        return report, {}, [], notes
    assert detection.header is not None and detection.mapping is not None
    title = title_lines(sheet, detection.header)
    found = sheet_unit(title, file, folders, override.unit, registry, sheet.name)
    unit, source = found.unit, found.source
    ctx = SheetContext(file, sheet, detection, registry, title, unit, source, survey=override.survey)
    frames = KINDS[detection.kind].parse(ctx, today)
    report.header_row = detection.header.row + 1
    report.mapping = detection.mapping.as_report()
    report.columns = detection.mapping.roles_report()
    report.unit_source = "kolom" if detection.mapping.has("unit") else source
    rows_frame = frames.get(MAIN_FRAME[detection.kind])
    if detection.kind == "survey":
        responses = frames["survey_responses"]
        questions = frames["survey_questions"]
        report.surveys = sorted(set(responses["survey"].unique()) | set(questions["survey"].unique()))
        report.questions = {str(q): f"{s}:{i}" for q, s, i in zip(questions["question"], questions["survey"], questions["item"])}
        report.rows = responses["row"].nunique()  # one sheet's responses: its rows, each counted once
    else:
        report.rows = len(rows_frame)
    rejected = {p["row"] for p in ctx.problems if p["rejected"]}
    report.rejected_rows = len(rejected)
    # unique() before leaving out the missing: dropna() first copies the whole column
    report.units = (sorted({key for key in rows_frame["unit_key"].unique() if isinstance(key, str)})
                    if rows_frame is not None and len(rows_frame) else [])
    if report.rows == 0 and report.rejected_rows == 0:
        notes.append(msg("sheet_no_data_rows", sheet=sheet.name, row=report.header_row))
    report.confidence, report.review = assess(detection, report, ctx, confirmed=override != SheetOverride())
    if report.review:
        report.needs_review = True
        notes.insert(0, msg("sheet_needs_review", sheet=sheet.name, reasons="; ".join(report.review)))
        frames = {}  # kept out of every figure until a person confirms the reading (the picker reads it again)
    if report.rows and not detection.mapping.has("unit") and unit is not None:
        if source == "unit bawaan":
            notes.append(msg("w_unit_home", sheet=sheet.name, unit=registry.display(registry.home or "")))
        elif found.by_place:
            notes.append(msg("w_unit_by_place", sheet=sheet.name, source=source, unit=unit.display))
        elif source in ("nama file", "nama folder", "nama lembar"):
            notes.append(msg("w_unit_from_filename", sheet=sheet.name, source=source, unit=unit.display))
    notes.extend(ctx.notes)
    return report, frames, ctx.problems, notes


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(columns)
    if len(frames) > 1:
        return pd.concat(frames, ignore_index=True)
    only = frames[0]  # a parser's own frame, held by nothing else: numbered from 0 already, it needs no copy
    index = only.index
    plain = type(index) is pd.RangeIndex and index.name is None and index.equals(pd.RangeIndex(len(only)))
    return only if plain else only.reset_index(drop=True)


def _summarise(result: FileResult, registry: UnitRegistry) -> None:
    data_sheets = [s for s in result.sheets if s.kind in KINDS]
    kinds = sorted({s.kind for s in data_sheets if s.rows or s.rejected_rows}) or sorted({s.kind for s in data_sheets})
    result.kind = kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "unknown")
    result.rows = sum(s.rows for s in data_sheets)
    result.rejected_rows = sum(s.rejected_rows for s in data_sheets)
    # every unit the file holds rows of, a sheet held for review included: who may open the file depends on them
    result.units = sorted({u for s in data_sheets for u in s.units})
    if not data_sheets:
        if any(s.kind == "unknown" for s in result.sheets) or not result.sheets:
            result.errors.append(msg("unknown_layout"))
        else:
            result.errors.append(msg("no_data_rows"))
    elif result.rows == 0 and result.rejected_rows == 0:
        result.errors.append(msg("no_data_rows"))
    summary = _problem_summary(result.problems)
    result.warnings.extend(summary)


def _problem_summary(problems: pd.DataFrame) -> list[str]:
    """One line per kind of problem, so the JSON stays short while the detail stays downloadable."""
    if problems.empty:
        return []
    lines = []
    grouped = problems.groupby(["sheet", "rejected", "reason"], sort=False)
    for (sheet, rejected, reason), group in grouped:
        rows = ", ".join(str(r) for r in group["row"].head(5))
        more = f" dan {len(group) - 5} lainnya" if len(group) > 5 else ""
        action = "ditolak" if rejected else "peringatan"
        lines.append(f"Lembar '{sheet}' baris {rows}{more} ({action}): {reason}")
    return lines


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files named directly, and supported files inside named folders (recursively); missing paths reported."""
    found, missing = expand_with_folders(paths)
    return [path for path, _ in found], missing


def expand_with_folders(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, tuple[str, ...]]], list[str]]:
    """Each file with the folders holding it, innermost first, up to and including the named folder
    (a file named directly: its own folder), so `Lapas Banyuwangi/` named alone still gives the unit."""
    files: list[tuple[Path, tuple[str, ...]]] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            named = path.resolve().name  # once per folder: resolving a path asks the system about each of its parts
            for item in sorted(path.rglob("*")):
                parts = item.relative_to(path).parts
                if (item.is_file() and item.suffix.lower() in SUPPORTED_EXTENSIONS and not item.name.startswith("~$")
                        and not any(part.startswith(".") for part in parts)):
                    files.append((item, (*reversed(parts[:-1]), named)))
        elif path.is_file():
            files.append((path, (path.resolve().parent.name,)))
        else:
            missing.append(str(raw))
    return files, missing


def batch_name_units(files: list[tuple[Path, tuple[str, ...]]]) -> tuple[UnitId, ...]:
    """The units a batch's file and folder names give, to be known before any file is read: a file naming only
    a place ("pengaduan_kerobokan_export.csv") then finds its unit in any reading order."""
    found = (file_name_unit(text) for path, folders in files for text in (path.stem, *folders))
    return tuple(dict.fromkeys(unit for unit in found if unit is not None))


__all__ = ["FileResult", "SheetOverride", "SheetReport", "ingest_file", "expand_paths", "expand_with_folders",
           "read_file_bytes", "SURVEY_LABELS"]
