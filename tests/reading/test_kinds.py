"""The reading layer's shape (issue 22 item 7): each kind in one folder under one registry, its fields and
synonyms as data, and a reading layer that never imports the store (the import-linter contract)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from zi_analytics import mapping
from zi_analytics.kinds.registry import FRAME_COLUMNS, KINDS
from zi_analytics.kinds.spec import KINDS_DIR, KIND_SPECS
from zi_analytics.messages import FIELD_LABELS, KIND_LABELS
from zi_analytics.profile import ROLE_TESTS

ROOT = Path(__file__).resolve().parents[2]


def test_every_kind_is_one_folder_with_its_fields_and_parser():
    folders = {p.parent.name for p in KINDS_DIR.glob("*/fields.toml")}
    assert folders == set(KINDS) == set(KIND_SPECS) == {"action_plan", "survey", "complaints", "lke", "innovation", "predicate"}
    for kind, entry in KINDS.items():
        assert (KINDS_DIR / kind / "parse.py").is_file()
        assert entry.spec is KIND_SPECS[kind]
        data = tomllib.loads((KINDS_DIR / kind / "fields.toml").read_text(encoding="utf-8"))
        assert [f["name"] for f in data["fields"]] == [f.name for f in entry.spec.fields]
        assert set(entry.frames) <= set(FRAME_COLUMNS)


def test_synonyms_labels_and_content_roles_come_from_the_data():
    activity = tomllib.loads((KINDS_DIR / "action_plan" / "fields.toml").read_text(encoding="utf-8"))
    listed = next(f for f in activity["fields"] if f["name"] == "activity")["synonyms"]
    assert KIND_SPECS["action_plan"].field("activity").synonyms == tuple(listed)
    assert KIND_SPECS["complaints"].field("unit").synonyms == KIND_SPECS["action_plan"].field("unit").synonyms  # shared
    assert not hasattr(mapping, "ACTION_PLAN")  # no second copy of the synonyms in code
    labels: dict[str, str] = {}
    for spec in KIND_SPECS.values():
        assert KIND_LABELS[spec.kind] == spec.label
        for field in spec.fields:
            assert field.label, (spec.kind, field.name)
            assert labels.setdefault(field.name, field.label) == field.label, field.name  # one label per field name
            assert FIELD_LABELS[field.name] == field.label
            assert field.content is None or field.content in ROLE_TESTS
        assert set(spec.kept) <= {f.name for f in spec.fields}
