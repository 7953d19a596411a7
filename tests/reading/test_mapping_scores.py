"""Header scoring through the synonym table gives what scoring every synonym one by one gives.

`mapping._text_scores` finds the synonyms that can score a text through an index (whole text, first word,
length) and scores the near ones in one call; `mapping._field_score` tries every synonym of a field with
`_score`. Every kind, every field: the same fields, the same scores, to the last digit.
"""

from __future__ import annotations

import string

from hypothesis import example, given, settings
from hypothesis import strategies as st

from zi_analytics import mapping
from zi_analytics.kinds.spec import KIND_SPECS
from zi_analytics.normalize.text import fold

SYNONYMS = sorted({s for spec in mapping.KIND_SPECS.values() for f in spec.fields for s in f.synonyms})
WORDS = sorted({w for s in SYNONYMS for w in s.split()} | {"lapas", "kelas", "iia", "posisi", "2026", "andi", "selesai", "1"})


def one_by_one(text: str, kind: str) -> tuple[tuple[str, float], ...]:
    folded = mapping._Folded(text)
    scores = ((f.name, mapping._field_score(folded, f)) for f in KIND_SPECS[kind].fields)
    return tuple((name, score) for name, score in scores if score >= mapping.MATCH_MIN)


def typo(word: str, data: st.DataObject) -> str:
    """A letter dropped, doubled, changed or added: what edit similarity is there for."""
    if not word:
        return word
    i = data.draw(st.integers(0, len(word) - 1))
    edit = data.draw(st.sampled_from(["drop", "double", "change", "add"]))
    letter = data.draw(st.sampled_from(string.ascii_lowercase))
    return {"drop": word[:i] + word[i + 1:], "double": word[:i] + word[i] + word[i:],
            "change": word[:i] + letter + word[i + 1:], "add": word[:i] + letter + word[i:]}[edit]


header_texts = st.one_of(
    st.sampled_from(SYNONYMS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.text(alphabet=string.ascii_lowercase + " %0123456789", max_size=60),
)


@settings(max_examples=400, deadline=None, database=None)
@given(header_texts, st.data())
@example("target waktu", None)
@example("status progres", None)
@example("progres %", None)
@example("no", None)
@example("no urut kegiatan yang dilaksanakan", None)
@example("keterangan " * 40, None)
def test_table_scores_equal_one_by_one(text, data):
    if data is not None and data.draw(st.booleans()):
        words = text.split() or [""]
        k = data.draw(st.integers(0, len(words) - 1))
        words[k] = typo(words[k], data)
        text = " ".join(words)
    text = fold(text) if "%" not in text else " ".join(text.split())
    for kind in mapping.KIND_SPECS:
        assert mapping._text_scores.__wrapped__(text, kind) == one_by_one(text, kind), (text, kind)


def test_table_scores_find_what_matters():
    """Not only equal: the cases each index is for score as they should."""
    assert dict(mapping._text_scores.__wrapped__("target waktu pelaksanaan", "action_plan"))["target"] > 90  # held in it
    assert dict(mapping._text_scores.__wrapped__("rencana aksi kegiatan", "action_plan"))["activity"] > 85
    assert dict(mapping._text_scores.__wrapped__("progess", "action_plan"))["progress"] >= mapping.FUZZY_MIN  # a typo
    assert dict(mapping._text_scores.__wrapped__("pj", "action_plan"))["pic"] == 100.0  # a short synonym, exactly
    assert dict(mapping._text_scores.__wrapped__("no kegiatan", "action_plan"))["number"] == 85.0  # a short first word
    assert mapping._text_scores.__wrapped__("lapas kelas iia surabaya periode januari 2026", "action_plan") == ()
