"""Unit identity: one key per UPT however its name is spelled.

Class words never count ("LAPAS BANYUWANGI" = "Lapas Kelas IIA Banyuwangi"); type and subtype always
do ("Lapas Perempuan Kelas IIA Malang" is not "Lapas Kelas I Malang").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from .dates import MONTHS
from .text import fold_any, per_value

TYPE_PHRASES: tuple[tuple[str, str], ...] = (
    ("lembaga pembinaan khusus anak", "lpka"),
    ("lembaga pemasyarakatan", "lapas"),
    ("rumah tahanan negara", "rutan"),
    ("rumah tahanan", "rutan"),
    ("balai pemasyarakatan", "bapas"),
    ("cabang rumah tahanan", "cabrutan"),
    ("cabang rutan", "cabrutan"),
    ("rumah penyimpanan benda sitaan negara", "rupbasan"),
    ("kantor imigrasi", "kanim"),
    ("rumah detensi imigrasi", "rudenim"),
    ("kantor wilayah", "kanwil"),
)
TYPES = {"lapas": "Lapas", "lp": "Lapas", "rutan": "Rutan", "lpka": "LPKA", "bapas": "Bapas", "cabrutan": "Cabang Rutan",
         "rupbasan": "Rupbasan", "kanim": "Kantor Imigrasi", "rudenim": "Rudenim", "kanwil": "Kanwil"}
# Any other government office is a unit too ("Dinas Kesehatan Kota Banjarbaru"): its first word is its type and
# the rest of its name, up to GENERIC_WORDS words, tells it apart.
GENERIC_TYPES = {"dinas": "Dinas", "badan": "Badan", "inspektorat": "Inspektorat", "sekretariat": "Sekretariat",
                 "biro": "Biro", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "puskesmas": "Puskesmas",
                 "rsud": "RSUD", "pengadilan": "Pengadilan", "kejaksaan": "Kejaksaan", "satker": "Satker"}
GENERIC_WORDS = 5
# A Kanwil is named after its ministry before its province ("Kanwil Kemenkumham Bali"); those words are no place.
ORGANISATION_WORDS = {"kemenkumham", "kementerian", "kementrian", "hukum", "ham", "hak", "asasi", "manusia", "ri",
                      "kemenimipas", "imigrasi", "pemasyarakatan", "ditjenpas", "direktorat", "jenderal", "dan"}
SECOND_RANK = {"kanwil"}  # a Kanwil named beside a UPT (a title's first line) is not the unit the file is about
SUBTYPES = {"perempuan": "perempuan", "wanita": "perempuan", "narkotika": "narkotika", "narkoba": "narkotika", "pemuda": "pemuda", "terbuka": "terbuka", "anak": "anak", "khusus": "khusus", "industri": "industri", "produksi": "produksi"}
CLASS_TOKENS = {"i", "ii", "iia", "iib", "iii", "1", "2", "2a", "2b", "3", "a", "b"}
CLASS_WORDS = {"kelas", "kls", "klas", "kl"}
STOP_WORDS = {"tahun", "periode", "bulan", "posisi", "triwulan", "tw", "semester", "rencana", "aksi", "survei", "survey",
              "ikm", "skm", "spak", "spkp", "ipak", "ipkp", "ipk", "register", "pengaduan", "data", "rekap", "lke",
              "laporan", "monitoring", "kanwil", "kantor", "wilayah", "di", "pada", "tanggal", "per", "sd", "s", "d",
              "final", "revisi", "rev", "copy", "xlsx", "xls", "csv", "ods", "export", "hasil", "form", "responses",
              "jawaban", "formulir", "tanggapan", "pokja", "zi", "wbk", "wbbm", "dan", "bulanan", "renaksi", "monev",
              "ra", "evaluasi", "kuesioner", "kuisioner", "upload", "unggah", "realisasi", "capaian", "progres",
              "progress", "persepsi", "kepuasan", "pelayanan"}
# Full month names end a city ("Lapas Jombang Oktober 2026"); short forms are left alone (city clashes).
STOP_WORDS |= {name for name in MONTHS if len(name) >= 5 or name == "mei"}
CLASS_DISPLAY = {"i": "I", "1": "I", "ii": "II", "2": "II", "iia": "IIA", "2a": "IIA", "iib": "IIB", "2b": "IIB", "iii": "III", "3": "III"}
MERGE_MIN = 90
# What people add to a file's name that is never part of a unit's: remarks in brackets ("(2)", "(revisi)"),
# versions and states ("FINAL", "rev3", "v2", "copy", "salinan"), months and dates.
FILE_NAME_NOISE = {"final", "fix", "fixed", "revisi", "rev", "copy", "salinan", "markup", "edit", "edited", "terbaru",
                   "baru", "new", "draft", "update", "upd", "versi", "ver", "lengkap", "ok", "oke", "ttd", "scan", "kirim",
                   "koreksi", "perbaikan", "backup", "bak", "old", "lama"}
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]|\{[^}]*\}")
_PARTS = re.compile(r"\s+[-–—]\s+|_")
_VERSION = re.compile(r"^(?:rev|v|ver|versi|revisi|final)\d+$")


@dataclass(frozen=True)
class UnitId:
    type: str
    subtype: str
    city: str
    klass: str

    @property
    def key(self) -> str:
        parts = [self.type, self.subtype, self.city.replace(" ", "-")]
        return "-".join(p for p in parts if p)

    @property
    def display(self) -> str:
        words = [TYPES.get(self.type) or GENERIC_TYPES.get(self.type) or self.type.title()]
        if self.subtype:
            words.append(self.subtype.title())
        if self.klass:
            words.append(f"Kelas {self.klass}")
        words.append(self.city.title())
        return " ".join(words)


def _canonical_tokens(folded: str) -> list[str]:
    for phrase, short in TYPE_PHRASES:
        folded = re.sub(rf"\b{phrase}\b", short, folded)
    return folded.split()


@lru_cache(maxsize=8192)
def _parse(folded: str, strict: bool) -> UnitId | None:
    tokens = _canonical_tokens(folded)
    typed = [i for i, t in enumerate(tokens) if t in TYPES]
    start = next((i for i in typed if tokens[i] not in SECOND_RANK), typed[0] if typed else None)
    if start is None:
        return _generic(tokens, strict)
    if strict and start > 3:
        return None
    unit_type = "lapas" if tokens[start] == "lp" else tokens[start]
    if unit_type == "kanwil":
        return _kanwil(tokens[start + 1:])
    subtype, klass, city = "", "", []
    i = start + 1
    while i < len(tokens):
        tok = tokens[i]
        if tok in CLASS_WORDS:
            i += 1
            # "Kelas II A" / "Kelas 2 A": a class may be split in two tokens
            if i < len(tokens) and tokens[i] in CLASS_TOKENS:
                klass = tokens[i]
                if i + 1 < len(tokens) and tokens[i + 1] in ("a", "b") and klass in ("ii", "2"):
                    klass += tokens[i + 1]
                    i += 1
                i += 1
            continue
        if not city and tok in SUBTYPES and not subtype:
            subtype = SUBTYPES[tok]
        elif not city and tok in CLASS_TOKENS - {"a", "b", "1", "2", "3"}:
            klass = tok
        elif not city and tok in ("a", "b") and klass in ("ii", "2"):
            klass += tok  # "II A" written apart without "Kelas", as after it
        elif tok in STOP_WORDS or tok.isdigit() or (city and tok in CLASS_WORDS):
            if city:
                break
        else:
            city.append(tok)
            if len(city) == 3:
                break
        i += 1
    if not city:
        return None
    return UnitId(unit_type, subtype, " ".join(city), CLASS_DISPLAY.get(klass, klass.upper()))


def _kanwil(tokens: list[str]) -> UnitId | None:
    """"Kanwil Kemenkumham Bali", "Kantor Wilayah Kementerian Hukum dan HAM Jawa Timur": the province."""
    place = [t for t in tokens if t not in ORGANISATION_WORDS]
    end = next((i for i, t in enumerate(place) if t in STOP_WORDS or t.isdigit()), len(place))
    return UnitId("kanwil", "", " ".join(place[:min(end, 3)]), "") if end else None


def _generic(tokens: list[str], strict: bool) -> UnitId | None:
    """Another government office: its type word first (in a title or cell), then the words that name it."""
    start = next((i for i, t in enumerate(tokens) if t in GENERIC_TYPES), None)
    if start is None or start > 3:
        return None
    name: list[str] = []
    for tok in tokens[start + 1:]:
        if tok in STOP_WORDS or tok.isdigit() or len(name) == GENERIC_WORDS:
            break
        name.append(tok)
    return UnitId(tokens[start], "", " ".join(name), "") if name else None


@per_value
def parse_unit(value: Any, strict: bool = True) -> UnitId | None:
    """The unit named in a cell, title or file name; None when no UPT type word is there.

    ``strict`` wants the type word near the start (a cell or title); file names may have it later.
    """
    folded = fold_any(value)
    if not folded:
        return None
    return _parse(folded, strict)


def file_name_unit(stem: str) -> UnitId | None:
    """The unit a file's name gives, read without what people add to names (`FILE_NAME_NOISE`, brackets,
    versions, months): "Rencana Aksi Lapas Tabanan (revisi) FINAL rev3" is Lapas Tabanan."""
    plain = _BRACKETED.sub(" ", stem)
    # a name in parts ("RENAKSI ZI - Lapas Tabanan", "Rencana Aksi_Lapas Tabanan_upd"): the unit is one part
    parts = _PARTS.split(plain) if " " in plain.strip() else [plain]
    for part in [*parts, plain] if len(parts) > 1 else [plain]:
        words = [w for w in fold_any(re.sub(r"[_\-.]+", " ", part)).split()
                 if w not in FILE_NAME_NOISE and w not in MONTHS and not _VERSION.match(w)]
        unit = parse_unit(" ".join(words), strict=False) if words else None
        if unit is not None:
            return unit
    return parse_unit(re.sub(r"[_\-.]+", " ", stem), strict=False)


class UnitRegistry:
    """Collects the units of one run and merges spelling variants of the same unit.

    Two names merge when type and subtype agree and the city names are near-identical; the display
    name is the fullest variant seen (one with a class wins).
    """

    def __init__(self) -> None:
        self._ids: dict[str, UnitId] = {}
        self.asked: list[tuple[UnitId, str]] = []  # every resolve and its answer: a parallel reader's proof
        self.home: str | None = None  # where a file that names no unit goes (the workspace's own unit)

    def copy(self) -> UnitRegistry:
        twin = UnitRegistry()
        twin._ids = dict(self._ids)
        twin.home = self.home
        return twin

    def set_home(self, name: str | None) -> str | None:
        """Make the unit named (full name, key or a known place) the home unit; its key, None when unknown."""
        if not name:
            self.home = None
            return None
        key = self.find(name)
        if key is None:
            unit = parse_unit(name.replace("-", " "), strict=False)
            if unit is None:
                return None
            key = self._resolve(unit)
        self.home = key
        return key

    def learn(self, unit: UnitId) -> None:
        """A unit this run is about to meet (named by a file or folder of the batch), so a file that gives only
        its place finds it whatever order the batch is read in."""
        self._resolve(unit)

    def by_place(self, text: Any) -> str | None:
        """The one known unit whose place a text names ("Tabanan", "pengaduan_kerobokan_export"); None when no
        unit's place is there or several are (Lapas Malang and Lapas Perempuan Malang)."""
        words = f" {fold_any(text)} "
        if len(words) <= 2:
            return None
        found = {key for key, unit in self._ids.items() if f" {unit.city} " in words}
        return found.pop() if len(found) == 1 else None

    def replay(self, asked: list[tuple[UnitId, str]]) -> bool:
        """Ask again what a reader asked of an older copy of this registry; True when every answer is the
        same (so that reading is the one this registry would have given). Only then is this registry
        changed, exactly as by the reading itself."""
        trial = self.copy()
        if any(trial.resolve(unit) != key for unit, key in asked):
            return False
        self._ids = trial._ids
        self.asked.extend(asked)
        return True

    def resolve(self, unit: UnitId) -> str:
        key = self._resolve(unit)
        self.asked.append((unit, key))
        return key

    def _resolve(self, unit: UnitId) -> str:
        key = unit.key
        if key not in self._ids:
            for known_key, known in self._ids.items():
                if (known.type, known.subtype) == (unit.type, unit.subtype) and fuzz.ratio(known.city, unit.city) >= MERGE_MIN:
                    key = known_key
                    break
        known = self._ids.get(key)
        if known is None or (unit.klass and not known.klass):
            self._ids[key] = unit if known is None else UnitId(known.type, known.subtype, known.city, unit.klass)
        return key

    def unit(self, key: str) -> UnitId | None:
        return self._ids.get(key)

    def remember(self, key: str, unit: UnitId) -> None:
        """A unit known from earlier runs (the workspace), under the key it was stored with."""
        self._ids[key] = unit

    def display(self, key: str) -> str:
        unit = self._ids.get(key)
        return unit.display if unit else key

    def find(self, name: str) -> str | None:
        """The key a user means by a free-typed name ('lapas banyuwangi', 'lapas-malang', or a place alone,
        'Tabanan', when one known unit is there)."""
        if name in self._ids:
            return name
        unit = parse_unit(name.replace("-", " "), strict=False)
        if unit is None:
            return self.by_place(name.replace("-", " "))
        if unit.key in self._ids:
            return unit.key
        for key, known in self._ids.items():
            if (known.type, known.subtype) == (unit.type, unit.subtype) and fuzz.ratio(known.city, unit.city) >= MERGE_MIN:
                return key
        return None

    @property
    def keys(self) -> list[str]:
        return list(self._ids)
