"""The "Rencana studi tiru": one printable, self-contained HTML page (the briefing's inline CSS, no scripts, no
external addresses except the evidence links a peer published) saying whom to visit, what to ask about, which
evidence to request, and our figures beside theirs. No person's name: activities and innovations by title only."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import formatting as fmt
from ..rules.regulation import Regulation
from ..views.studi_tiru import Gap
from .html import CSS, _e

SAFE_LINK = ("https://", "http://")


def figure(value: float | None, scale: str) -> str:
    """A gap's figure as read: a percentage, or an index/NRR on 1–4."""
    if value is None:
        return "–"
    return fmt.percent(value) if scale == "pct" else fmt.number(value, 2)


def _link(text: str, url: str) -> str:
    """An evidence link, only when it is a web address (a peer's cell is data, never markup or a script)."""
    if url.strip().lower().startswith(SAFE_LINK):
        return f'{_e(text)} — <a href="{_e(url.strip())}">{_e(url.strip())}</a>'
    return _e(text) + (f" — {_e(url)}" if url.strip() else "")


def _section(number: int, row: dict[str, Any]) -> str:
    gap: Gap = row["gap"]
    head = f"<h2>{number}. {_e(gap.label)}</h2>"
    if row["peer"] is None:
        return head + "<p>Belum ada unit yang lebih baik pada hal ini di antara unit yang dapat Anda lihat.</p>"
    peer = row["peer"]
    holder = f" (pemegang {_e(peer['held'])})" if peer["held"] else ""
    lines = [head,
             f"<p><b>Kunjungi:</b> {_e(peer['unit'])}{holder}{' · ' + _e(peer['kanwil']) if peer['kanwil'] else ''}</p>",
             "<table><tr><th></th><th>Kita</th><th>Mereka</th><th>Minimum</th></tr>"
             f"<tr><td>{_e(gap.label)}</td><td>{_e(figure(row['ours'], gap.scale))}</td>"
             f"<td>{_e(figure(row['theirs'], gap.scale))}</td><td>{_e(figure(gap.minimum, gap.scale))}</td></tr></table>"]
    evidence = row["evidence"]
    asks = [f"Bagaimana {_e(activity)} dijalankan, dan apa buktinya" for activity in evidence.activities["activity"].head(3)]
    asks += [f"Inovasi {_e(name)}: cara kerja, biaya, hasilnya" for name in evidence.innovations["name"].head(3)]
    if not asks:
        asks = ["Cara kerja Tim Pokja pada area ini dan dokumen yang dipakai"]
    lines.append("<p><b>Yang ditanyakan:</b></p><ul>" + "".join(f"<li>{a}</li>" for a in asks) + "</ul>")
    requests = [_link(a, e) for a, e in zip(evidence.activities["activity"], evidence.activities["evidence"])]
    requests += [_link(f"{n} ({s})", e) for n, s, e in zip(evidence.innovations["name"], evidence.innovations["status_label"],
                                                         evidence.innovations["evidence"])]
    if requests:
        lines.append("<p><b>Bukti yang diminta:</b></p><ul>" + "".join(f"<li>{r}</li>" for r in requests[:8]) + "</ul>")
    if evidence.strengths:
        lines.append("<p><b>Kekuatan survei mereka:</b> " + _e("; ".join(evidence.strengths)) + "</p>")
    return "<section>" + "".join(lines) + "</section>"


def studi_tiru_html(unit: str, predicate: str, regulation: Regulation, rows: list[dict[str, Any]], as_of: date) -> str:
    body = [f"<h1>Rencana studi tiru — {_e(unit)}</h1>",
            f"<p class='subtitle'>Menuju {_e(predicate.upper())} · posisi data per {_e(fmt.long_date(as_of))} · "
            f"{_e(regulation.name)}</p>"]
    if not rows:
        body.append("<p>Tidak ada kekurangan menuju predikat berikutnya pada data yang ada.</p>")
    body += [_section(number, row) for number, row in enumerate(rows, start=1)]
    return ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
            f"<title>Rencana studi tiru {_e(unit)}</title><style>{CSS}</style></head><body>{''.join(body)}</body></html>")
