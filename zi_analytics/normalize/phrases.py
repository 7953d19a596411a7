"""Classify short free text by the first rule whose phrase it contains as whole words; failing that, by the
first rule whose phrase it contains word root for word root ("masih jalan" and "berjalan" share "jalan")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..rules import PhraseRule, vocabulary
from .text import fold_any, per_value


@lru_cache(maxsize=64)
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9a-z]){re.escape(phrase)}(?![0-9a-z])")


def contains_phrase(folded: str, phrase: str) -> bool:
    return bool(_pattern(phrase).search(folded))


# Indonesian affixes a vocabulary word and a user's word may differ by: "di-hentikan", "ber-henti", "ter-laksana".
PREFIXES = ("memper", "meng", "meny", "mem", "men", "ber", "per", "ter", "di", "me", "ke", "se")
SUFFIXES = ("kan", "nya", "an")
MIN_ROOT = 4
ROOTED_MAX = 200  # characters of a cell matched root for root; a status or a channel is a few words


@lru_cache(maxsize=4096)
def word_root(word: str) -> str:
    """The word without one prefix and one suffix, each removed only when four letters stay."""
    prefix = next((p for p in PREFIXES if word.startswith(p) and len(word) - len(p) >= MIN_ROOT), "")
    word = word[len(prefix):]
    suffix = next((s for s in SUFFIXES if word.endswith(s) and len(word) - len(s) >= MIN_ROOT), "")
    return word[:len(word) - len(suffix)]


def roots(folded: str) -> str:
    return " ".join(word_root(word) for word in folded.split())


def classify(value: Any, rules: Sequence[PhraseRule], fallback: str | None) -> str | None:
    """The rules are ordered so that negations come first ("tidak berjalan" before "berjalan"); the root pass
    keeps that order, so "tidak jalan" is still a negation."""
    folded = fold_any(value)
    if not folded:
        return None
    for rule in rules:
        if any(contains_phrase(folded, phrase) for phrase in rule.contains):
            return rule.key
    if len(folded) > ROOTED_MAX:
        return fallback  # a paragraph is no status: its roots are not worth the time
    rooted = roots(folded)
    for rule in rules:
        if any(contains_phrase(rooted, roots(phrase)) for phrase in rule.contains):
            return rule.key
    return fallback


@per_value
def channel_key(value: Any) -> str | None:
    """'Lapor!' -> sp4n_lapor, 'WA' -> whatsapp, 'Telepon' -> lainnya, blank -> None."""
    return classify(value, vocabulary().channels, "lainnya")


@per_value
def status_key(value: Any) -> str | None:
    """'Sudah ditindaklanjuti' -> resolved, 'Belum ditindaklanjuti' -> open; unknown text -> None."""
    return classify(value, vocabulary().statuses, None)


@per_value
def category_key(value: Any) -> str | None:
    return classify(value, vocabulary().categories, "lainnya")


@per_value
def innovation_status_key(value: Any) -> str | None:
    """'Sudah berjalan' -> berjalan, 'Uji coba' -> uji_coba, 'Tidak aktif' -> dihentikan; unknown text -> None."""
    return classify(value, vocabulary().innovation_statuses, None)


@per_value
def predicate_key(value: Any) -> str | None:
    """'WBK', 'Predikat WBBM 2024', 'Wilayah Bebas dari Korupsi' -> WBK / WBBM; anything else None."""
    return classify(value, vocabulary().predicates, None)
