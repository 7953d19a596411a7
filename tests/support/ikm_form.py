"""An IKM Google Forms export of four respondents, its nine questions in a shuffled order and its answers
written four ways (plain, numbered, lettered, shouted), with one answer that is no answer."""

from __future__ import annotations

from datetime import datetime


IKM_QUESTIONS = {
    "U1": ("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]),
    "U2": ("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?", ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]),
    "U3": ("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"]),
    "U4": ("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?", ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]),
    "U5": ("Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]),
    "U6": ("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?", ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"]),
    "U7": ("Bagaimana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?", ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"]),
    "U8": ("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", ["Buruk", "Cukup", "Baik", "Sangat baik"]),
    "U9": ("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"]),
}


# answers per respondent, U1..U9
ANSWERS = [
    [4, 3, 3, 4, 3, 4, 4, 3, 2],
    [3, 3, 2, 4, 3, 3, 4, 3, 3],
    [4, 4, 3, 4, 4, 4, 4, 4, 4],
    [2, 3, 3, 3, 3, 3, 3, 2, 3],
]


ORDER = ["U3", "U1", "U9", "U2", "U4", "U6", "U5", "U7", "U8"]  # not the regulation's order


def label(unsur, value, style):
    text = IKM_QUESTIONS[unsur][1][value - 1]
    return {"plain": text, "number": f"{value}. {text}", "letter": f"{'abcd'[value - 1]}. {text}", "shout": text.upper()}[style]


def ikm_rows():
    header = ["Timestamp", "Jenis Kelamin", "Usia", "Jenis Layanan"] + [IKM_QUESTIONS[u][0] for u in ORDER] + ["Saran dan masukan"]
    rows = [header]
    styles = ["plain", "number", "letter", "shout"]
    for i, answers in enumerate(ANSWERS):
        cells = [label(u, answers[int(u[1]) - 1], styles[(i + k) % 4]) for k, u in enumerate(ORDER)]
        rows.append([datetime(2026, 3 * i + 1, 10, 9, 30), "Perempuan", "26-35", "Kunjungan"] + cells + ["Antrian diperbaiki" if i == 0 else ""])
    rows.append([datetime(2026, 5, 1, 8, 0), "Laki-laki", "36-45", "Integrasi"] + ["Tidak tahu"] + ["Sesuai"] * 8 + [""])
    return rows
