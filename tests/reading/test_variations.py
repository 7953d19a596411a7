"""Layout variations (tests/support/variations.py): the same clean data in hundreds of layouts gives the same figures.

Each variant is written to tmp_path and read the way `python -m zi_analytics summarize PATH --json
--as-of 2026-11-15` reads it (ingest_paths -> combine -> build_summary); the unit's figures are compared
with the hand-computed ones within 0.01. A failure prints the variant's descriptor.

By default a fixed-seed subset of 30 layouts per kind runs; `ZI_VARIATIONS=full` (or `--variations=full`)
runs all 300 per kind.
"""

from __future__ import annotations

import json
import os
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import support.variations as V  # noqa: E402
from support.corpus import AS_OF  # noqa: E402

FULL_COUNT = 300
CI_COUNT = 30
SEED = 0
CI_SEED = 20261115
TOLERANCE = 0.01


def _full(config: pytest.Config) -> bool:
    option = config.getoption("--variations", default=None)
    return option == "full" or (option is None and os.environ.get("ZI_VARIATIONS", "").lower() == "full")


def selected(kind: str, full: bool) -> list[dict[str, Any]]:
    """Every layout of the kind (full), or a fixed-seed subset of those same layouts."""
    every = list(V.variants(kind, SEED, FULL_COUNT))
    if full:
        return every
    return random.Random(f"{CI_SEED}:{kind}").sample(every, CI_COUNT)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "variant" in metafunc.fixturenames:
        kind = metafunc.function.__name__.removeprefix("test_").removesuffix("_layouts")
        chosen = selected(kind, _full(metafunc.config))
        metafunc.parametrize("variant", chosen, ids=[d["id"].replace(":", "-") for d in chosen])


# ---------------------------------------------------------------------------------------------- reading

def summarize(path: Path) -> dict[str, Any]:
    """The CLI's `summarize PATH --json --as-of` report, in process."""
    from zi_analytics.batch import ingest_paths
    from zi_analytics.dataset import combine
    from zi_analytics.summary import build_summary

    results, registry = ingest_paths([path], today=AS_OF)
    return json.loads(json.dumps(build_summary(combine(results, registry), AS_OF), default=_json_default))


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(type(value).__name__)


def compare(got: Any, want: Any, where: str, out: list[str]) -> None:
    """Collect every difference: floats within TOLERANCE, ints exact, dicts with the same keys."""
    if want is None:
        if got is not None:
            out.append(f"{where}: expected none, got {_short(got)}")
    elif got is None:
        out.append(f"{where}: expected {_short(want)}, got none")
    elif isinstance(want, dict):
        if not isinstance(got, dict):
            out.append(f"{where}: expected an object, got {got!r}")
            return
        if set(got) != set(want):
            out.append(f"{where}: keys {sorted(got)} != {sorted(want)}")
        for key in want:
            if key in got:
                compare(got[key], want[key], f"{where}.{key}", out)
    elif isinstance(want, float):
        if not isinstance(got, (int, float)) or isinstance(got, bool) or abs(got - want) > TOLERANCE:
            out.append(f"{where}: got {got!r}, want {want:.4f}")
    elif got != want:
        out.append(f"{where}: got {got!r}, want {want!r}")


def _short(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) < 300 else text[:300] + "…"


def wanted(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The figures the test compares (those issue 22 names, and the median days of complaints)."""
    full = V.expected(descriptor)
    if "action_plan" in full:
        plan = full["action_plan"]
        return {"action_plan": {k: plan[k] for k in ("activities", "completion_pct", "areas", "overdue")}}
    if "complaints" in full:
        c = full["complaints"]
        return {"complaints": {k: c[k] for k in ("total", "resolved", "per_month", "per_channel", "median_days_to_resolve")}}
    keep = {"ikm": ("respondents", "index", "unsur"), "ipak": ("respondents", "mean"), "ipkp": ("respondents", "mean")}
    return {"surveys": {s: None if v is None else {k: v[k] for k in keep[s]} for s, v in full["surveys"].items()}}


def check(descriptor: dict[str, Any], folder: Path) -> tuple[list[str], dict[str, Any]]:
    """(differences, the report) of one variant; no differences means the layout read right."""
    path = V.write_variant(descriptor, folder)
    report = summarize(path)
    problems: list[str] = []
    keys = [u["key"] for u in report["units"]]
    if keys != [V.UNIT_KEY]:
        problems.append(f"units: got {keys}, want ['{V.UNIT_KEY}']")
    unit = next((u for u in report["units"] if u["key"] == V.UNIT_KEY), None)
    want = wanted(descriptor)
    for part, figures in want.items():
        got = None if unit is None else unit.get(part)
        if part == "surveys":
            got = got or {}
            for survey, value in figures.items():
                have = got.get(survey)
                if value is not None and have is not None:
                    have = {k: have.get(k) for k in value}
                compare(have, value, f"surveys.{survey}", problems)
        else:
            if got is not None and figures is not None:
                got = {k: got.get(k) for k in figures}
            compare(got, figures, part, problems)
    return problems, report


def explain(descriptor: dict[str, Any], problems: list[str], report: dict[str, Any]) -> str:
    lines = [f"variant {descriptor['id']} ({descriptor['file_name']}) read differently from the clean data:"]
    lines += [f"  - {p}" for p in problems]
    for item in report["files"]:
        lines.append(f"  file: kind={item['kind']} rows={item['rows']} rejected={item['rejected_rows']} errors={item['errors']}")
        lines += [f"    warning: {w}" for w in item["warnings"][:6]]
        for sheet in item.get("sheets", []):
            lines.append(f"    sheet {sheet['name']!r}: kind={sheet['kind']} header_row={sheet['header_row']} "
                         f"units={sheet['units']} rows={sheet['rows']} rejected={sheet['rejected_rows']} mapping={sheet['mapping']}")
    lines.append("descriptor: " + V.describe(descriptor))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- the layouts

def _run(variant: dict[str, Any], tmp_path: Path) -> None:
    problems, report = check(variant, tmp_path)
    assert not problems, explain(variant, problems, report)


def test_action_plan_layouts(variant, tmp_path):
    _run(variant, tmp_path)


def test_survey_layouts(variant, tmp_path):
    _run(variant, tmp_path)


def test_complaints_layouts(variant, tmp_path):
    _run(variant, tmp_path)


# ---------------------------------------------------------------------------------------------- the generator

@pytest.mark.parametrize("kind", V.KINDS)
def test_generator_gives_300_distinct_layouts(kind):
    first = list(V.variants(kind, SEED, FULL_COUNT))
    assert len({V.layout_key(d) for d in first}) >= FULL_COUNT
    assert [V.layout_key(d) for d in V.variants(kind, SEED, FULL_COUNT)] == [V.layout_key(d) for d in first], "not reproducible"
    other = {V.layout_key(d) for d in V.variants(kind, SEED + 1, 50)}
    assert other - {V.layout_key(d) for d in first}, "another seed gives the same layouts"


REQUIRED_SPREAD = {
    "common": {"format": 5, "title_rows": 7, "numbering_row": 3, "two_row_header": 2, "legend": 3, "example_row": 2,
               "hidden_sheet": 3, "instructions_sheet": 2, "column_order": 3, "header_case": 2, "unit_column": 2,
               "start_col": 3, "footer": 4, "csv_delimiter": 3, "csv_encoding": 3},
    "action_plan": {"area_mode": 3, "heading_format": 7, "area_fill": 4, "progress_style": 8, "date_style": 10,
                    "zero_style": 3, "activity_prefix": 4, "no_style": 4, "subheadings": 2},
    "survey": {"survey_mode": 5, "ikm_question_style": 7, "perception_question_style": 4, "ikm_answer_style": 8,
               "perception_answer_style": 5, "timestamp": 6, "one_sheet_marker": 4},
    "complaints": {"date_style": 9, "done_style": 9, "resolve_info": 3, "words_vary_by_row": 2},
}


@pytest.mark.parametrize("kind", V.KINDS)
def test_every_feature_varies(kind):
    seen: dict[str, set[str]] = defaultdict(set)
    for d in V.variants(kind, SEED, FULL_COUNT):
        for feature, value in V.features(d).items():
            seen[feature].add(value)
    need = {**REQUIRED_SPREAD["common"], **REQUIRED_SPREAD[kind]}
    short = {f: sorted(seen[f]) for f, n in need.items() if len(seen[f]) < n}
    assert not short, f"{kind}: features with too few values among {FULL_COUNT} layouts: {short}"


@pytest.mark.parametrize("kind", V.KINDS)
def test_the_unit_is_always_written_where_a_person_finds_it(kind):
    """The file name always names the unit; a title block, when there is one, names it too."""
    for d in V.variants(kind, SEED, FULL_COUNT):
        assert "tabanan" in d["file_name"].lower(), d["file_name"]
        titles = [s["title"] for s in d["sheets"]] if kind == "survey" else [d["title"]]
        for title in titles:
            if title:
                assert any("TABANAN" in line.upper() for line in title), (d["id"], title)


def test_header_words_are_not_the_package_synonyms():
    """The word list is its own: it is read from tests/support/variation_words.toml, not from the package."""
    source = Path(V.__file__).read_text("utf-8")
    assert "zi_analytics" not in source.replace("``zi_analytics``", "").replace("`zi_analytics`", ""), \
        "tests/support/variations.py must not import the package"
