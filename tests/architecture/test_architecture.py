"""The map in docs/ARCHITECTURE.md holds: the layer contracts pass, the document names every layer of the
contract, nothing hides an import inside a function, figures are computed once, and the README stays a
front door whose commands agree with the CLI."""

from __future__ import annotations

import ast
import configparser
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "zi_analytics"


def _contract_layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    layers = config["importlinter:contract:layers"]["layers"]
    return [name.strip() for line in layers.strip().splitlines() for name in line.split("|")]


def test_the_layer_contracts_hold():
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    contracts = [name for name in config.sections() if name.startswith("importlinter:contract:")]
    assert len(contracts) >= 3
    assert "0 broken" in done.stdout and f"{len(contracts)} kept" in done.stdout


def test_the_store_never_reads_a_file():
    """The contract forbids the store the reading modules; `ingest` it may import for the `FileResult` it keeps,
    so its reading functions are checked here by name."""
    reading = {"ingest_file", "read_file_bytes", "ingest_paths", "read_in_order"}
    used = []
    for path in (PACKAGE / "store").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id in reading or isinstance(node, ast.alias) and node.name in reading:
                used.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not used, used


def test_the_architecture_document_names_every_layer_of_the_contract():
    document = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for layer in _contract_layers():
        assert f"`{layer}`" in document, layer


def test_no_import_hides_inside_a_function():
    """A function-level import of the package hides a cycle from the contract; type-only imports are allowed."""
    hidden = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.level > 0 or (inner.module or "").startswith("zi_analytics")):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, hidden


def test_the_resolved_share_is_computed_in_one_place():
    written = []
    for folder in (ROOT / "pages", PACKAGE / "report", PACKAGE / "ui", PACKAGE / "views"):
        for path in folder.rglob("*.py"):
            if re.search(r"==\s*\"resolved\"\)\.mean\(\)", path.read_text(encoding="utf-8")):
                written.append(str(path.relative_to(ROOT)))
    assert not written, written


def test_the_complaint_key_figures_match_the_summary_figures():
    from datetime import date

    from zi_analytics import formatting as fmt
    from zi_analytics.batch import ingest_paths
    from zi_analytics.dataset import combine
    from zi_analytics.metrics import complaints_summary
    from zi_analytics.views.complaints import key_figures

    as_of = date(2026, 11, 23)
    results, registry = ingest_paths([ROOT / "sample_data" / "Lapas Malang"], today=as_of, workers=1)
    frame = combine(results, registry).frames["complaints"]
    assert len(frame)
    figures = {f.label: f.value for f in key_figures(frame, as_of, 14)}
    summary = complaints_summary(frame, as_of)
    assert figures["Pengaduan masuk"] == fmt.number(summary["total"], 0)
    assert figures["Selesai"] == fmt.percent(summary["resolved_pct"])


@lru_cache(maxsize=None)
def _cli_help(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "zi_analytics", *args, "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60).stdout


def test_readme_is_a_front_door_whose_commands_agree_with_the_cli():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) <= 8 * 1024
    for link in re.findall(r"\]\((docs/[^)#]+)\)", readme):
        assert (ROOT / link).is_file(), link
    commands = re.findall(r"\{([a-z,\-]+)\}", _cli_help())[0].split(",")
    reference = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    for command in commands:
        assert command in readme, command
        options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", _cli_help(command))) - {"--help"}
        for option in options:
            assert option in reference, (command, option)
    for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", readme)) - {"--server"}:
        assert any(option in _cli_help(c) for c in commands), option


def test_each_page_is_addressed_by_its_file_name():
    """The browser matches an opened address against the pages/ folder before the app's navigation runs: a page
    addressed otherwise than its file opens under an English "Page not found" dialog."""
    from zi_analytics.ui.shell import PAGES

    assert [p.url_path for p in PAGES] == [Path(p.path).stem for p in PAGES]
