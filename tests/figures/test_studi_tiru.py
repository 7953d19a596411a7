"""Studi tiru on a small hand-made Kanwil: the gaps of a unit ranked by their points, the peers ranked as the
issue says (own Kanwil first, better only), the evidence without a person's name, and a brief that is a
self-contained, escaped page."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from zi_analytics.kinds.registry import FRAME_COLUMNS
from zi_analytics.report.studi_tiru import studi_tiru_html
from zi_analytics.rules import AREA_KEYS
from zi_analytics.rules.regulation import load_regulation
from zi_analytics.views import studi_tiru

AS_OF = date(2026, 11, 23)
AREA_MAX = {"manajemen_perubahan": 8.0, "penataan_tatalaksana": 7.0, "penataan_sdm": 10.0, "akuntabilitas_kinerja": 10.0,
            "penguatan_pengawasan": 15.0, "pelayanan_publik": 10.0}


def unit(key: str, areas: dict[str, float], ipak: float | None = 3.7, ipkp: float | None = 3.5, resolved: float | None = 95.0,
         weakest: tuple[str, float] = ("U5", 3.3)) -> dict:
    """A `build_summary` entry with only what studi tiru reads; area figures in % of the area's maximum."""
    pct = {a: areas.get(a, 80.0) for a in AREA_KEYS}
    checks = [{"id": f"area:{a}", "value": pct[a], "minimum": 60.0, "gap": max(0.0, 60.0 - pct[a]), "pass": pct[a] >= 60.0}
              for a in AREA_KEYS]
    for survey, index, floor in (("ipak", ipak, 3.6), ("ipkp", ipkp, 3.2)):
        if index is not None:
            points, minimum = index / 4 * 17.5, floor / 4 * 17.5
            checks.append({"id": survey, "value": points, "minimum": minimum, "gap": max(0.0, minimum - points), "pass": points >= minimum})
    unsur = {f"U{i}": {"nrr": 3.6} for i in range(1, 10)}
    unsur[weakest[0]] = {"nrr": weakest[1]}
    return {"key": key, "unit": key.replace("-", " ").title(),
            "surveys": {"ipak": {"index_4": ipak, "respondents": 40} if ipak else None,
                        "ipkp": {"index_4": ipkp, "respondents": 40} if ipkp else None, "ikm": None},
            "readiness": {"areas": {a: {"pct": pct[a], "max": AREA_MAX[a], "score": pct[a] / 100 * AREA_MAX[a]} for a in AREA_KEYS},
                          "wbk": {"checks": checks}, "wbbm": {"checks": checks},
                          "ikm": {"index": 85.0, "unsur": unsur, "weakest_unsur": weakest[0]},
                          "complaints": {"resolved_pct": resolved}}}


ME = unit("lapas-a", {"penguatan_pengawasan": 50.0, "pelayanan_publik": 55.0}, ipak=3.4, resolved=70.0, weakest=("U3", 2.9))
PEERS = [
    unit("lapas-b", {"penguatan_pengawasan": 90.0}, ipak=3.9),  # same Kanwil, best at pengawasan
    unit("rutan-c", {"penguatan_pengawasan": 95.0, "pelayanan_publik": 40.0}, ipak=3.3),  # other Kanwil, even better
    unit("lpka-d", {"penguatan_pengawasan": 45.0}, ipak=3.8),  # worse than us at pengawasan: never named for it
    unit("bapas-e", {"penguatan_pengawasan": 70.0}, ipak=None),  # same Kanwil, no SPAK
]
KANWIL = {"lapas-a": "Jawa Timur", "lapas-b": "Jawa Timur", "lpka-d": "Jawa Timur", "bapas-e": "Jawa Timur", "rutan-c": "Bali"}
HELD = {"lapas-b": "WBK 2024"}


def test_gaps_come_costliest_first_and_those_worth_no_points_last():
    found = studi_tiru.gaps(ME, "wbk")
    # pengawasan: 10 points short of 60 % on a 15-point area = 1.5; pelayanan: 5 short on 10 = 0.5;
    # SPAK: (3.6 - 3.4) / 4 * 17.5 = 0.875; then complaints (70 < 90) and the weakest unsur (2.9 < 3.06) by shortfall
    assert [g.id for g in found] == ["area:penguatan_pengawasan", "ipak", "area:pelayanan_publik", "complaints", "ikm:U3"]
    assert [round(g.points, 4) if g.points else None for g in found] == [1.5, 0.875, 0.5, None, None]
    spak = found[1]
    assert (spak.value, round(spak.minimum, 6), spak.area) == (3.4, 3.6, "penguatan_pengawasan")


def test_peers_are_better_only_of_the_own_kanwil_first_and_holders_marked():
    gap = studi_tiru.gaps(ME, "wbk")[0]
    table = studi_tiru.peers(gap, ME, [ME, *PEERS], KANWIL, HELD)
    # lapas-b (90) and bapas-e (70) share our Kanwil and come first; rutan-c (95) is better but of Bali; lpka-d is worse
    assert list(table["key"]) == ["lapas-b", "bapas-e", "rutan-c"]
    assert list(table["held"]) == ["WBK 2024", "", ""] and list(table["same_kanwil"]) == [True, True, False]
    spak = studi_tiru.peers(studi_tiru.gaps(ME, "wbk")[1], ME, [ME, *PEERS], KANWIL, HELD)
    assert list(spak["key"]) == ["lapas-b", "lpka-d"]  # 3.9 and 3.8 beat our 3.4; rutan-c's 3.3 does not; bapas-e has none


def test_the_next_predicate_is_wbbm_only_for_a_holder():
    assert studi_tiru.next_predicate(None) == "wbk" and studi_tiru.next_predicate("WBK 2023") == "wbbm"


def frames_with(plan_rows: list[dict], innovation_rows: list[dict]) -> dict[str, pd.DataFrame]:
    frames = {name: pd.DataFrame(columns=columns) for name, columns in FRAME_COLUMNS.items()}
    frames["action_plan"] = pd.DataFrame([{c: None for c in FRAME_COLUMNS["action_plan"]} | row for row in plan_rows],
                                         columns=FRAME_COLUMNS["action_plan"])
    frames["innovations"] = pd.DataFrame([{c: None for c in FRAME_COLUMNS["innovations"]} | row for row in innovation_rows],
                                         columns=FRAME_COLUMNS["innovations"])
    return frames


PLAN = [{"unit_key": "lapas-b", "area": "penguatan_pengawasan", "activity": "Pengendalian gratifikasi", "pic": "Budi Santoso",
         "progress": 100.0, "evidence": "https://b.go.id/sk", "snapshot_date": date(2026, 10, 31)},
        {"unit_key": "lapas-b", "area": "penguatan_pengawasan", "activity": "Penerapan SPIP", "pic": "Siti Aminah",
         "progress": 60.0, "evidence": "", "snapshot_date": date(2026, 10, 31)},
        {"unit_key": "lapas-b", "area": "pelayanan_publik", "activity": "Survei kepuasan", "pic": "Dewi", "progress": 100.0,
         "evidence": "", "snapshot_date": date(2026, 10, 31)}]
INNOVATIONS = [{"unit_key": "lapas-b", "name": "WBS daring <b>", "area": "penguatan_pengawasan", "status": "berjalan",
                "launched_year": 2023, "evidence": "javascript:alert(1)", "pic": "Agus Salim", "description": ""},
               {"unit_key": "lapas-b", "name": "Kunjungan online", "area": "pelayanan_publik", "status": "berjalan",
                "launched_year": 2022, "evidence": "https://b.go.id/vicon", "pic": "Rina Wati", "description": ""}]


def test_evidence_is_the_peers_completed_work_and_innovations_in_that_area_without_names():
    frames = frames_with(PLAN, INNOVATIONS)
    done = studi_tiru.completed_activities(frames["action_plan"], AS_OF)
    shown = studi_tiru.evidence(PEERS[0], studi_tiru.gaps(ME, "wbk")[0], done, frames["innovations"])
    assert list(shown.activities["activity"]) == ["Pengendalian gratifikasi"]  # completed, in the gap's area
    assert list(shown.innovations["name"]) == ["WBS daring <b>"]
    assert "pic" not in shown.activities and "pic" not in shown.innovations
    assert shown.strengths[0] == "IPAK 3,90 dari 40 responden"


def test_the_brief_is_self_contained_escaped_and_names_no_person():
    frames = frames_with(PLAN, INNOVATIONS)
    found = studi_tiru.gaps(ME, "wbk")
    done = studi_tiru.completed_activities(frames["action_plan"], AS_OF)
    rows = studi_tiru.plan_rows(ME, found, [ME, *PEERS], KANWIL, HELD, done, frames["innovations"])
    page = studi_tiru_html("Lapas <A>", "wbk", load_regulation(), rows, AS_OF)
    assert "<script" not in page.lower() and not re.search(r"\bsrc=", page) and "@import" not in page
    assert "Lapas &lt;A&gt;" in page and "WBS daring &lt;b&gt;" in page
    assert 'href="javascript' not in page  # a link that is not a web address stays text
    assert '<a href="https://b.go.id/sk">' in page
    for name in ("Budi Santoso", "Siti Aminah", "Agus Salim", "Rina Wati"):
        assert name not in page
    assert "Kunjungi:</b> Lapas B (pemegang WBK 2024)" in page
    assert page.count("<section>") == len(found)


@pytest.mark.parametrize("key", ["lapas-madiun", "rutan-trenggalek", "lapas-surabaya"])
def test_on_the_sample_each_gap_names_peers_better_at_it(sample_summary, key):
    units, held = sample_summary
    me = next(u for u in units if u["key"] == key)
    found = studi_tiru.gaps(me, studi_tiru.next_predicate(held.get(key)))
    assert found
    kanwil = {u["key"]: "Jawa Timur" for u in units}
    for gap in found:
        table = studi_tiru.peers(gap, me, units, kanwil, held)
        mine = studi_tiru.measure(me, gap)
        assert len(table) and all(v > mine for v in table["value"]) and list(table["value"]) == sorted(table["value"], reverse=True)


@pytest.fixture(scope="module")
def sample_summary():
    from zi_analytics.batch import ingest_paths
    from zi_analytics.dataset import combine
    from zi_analytics.settings import Settings, uploaded_predicates
    from zi_analytics.summary import build_summary
    from support.paths import SAMPLES

    dataset = combine(*ingest_paths([SAMPLES]))
    settings = Settings.from_text((SAMPLES / "settings.json").read_text(encoding="utf-8")).with_records(
        uploaded_predicates(dataset.frames["predicates"]))
    summary = build_summary(dataset, AS_OF, options=settings.options)
    assert settings.held() == {"lapas-surabaya": "WBK 2023", "rutan-surabaya": "WBK 2025"}  # from the Kanwil's list
    return summary["units"], settings.held()


def test_suggested_pairs_send_each_weak_unit_to_the_strongest_of_its_own_kanwil():
    pairs = studi_tiru.suggested_pairs([ME, *PEERS], KANWIL, load_regulation(), "wbk")
    # under 60 %: lapas-a's pengawasan (50) and pelayanan (55), lpka-d's pengawasan (45); rutan-c's pelayanan (40)
    # has no Bali peer at all, so it gets no pair
    assert list(zip(pairs["learner"], pairs["area"], pairs["host"])) == [
        ("Lpka D", "penguatan_pengawasan", "Lapas B"), ("Lapas A", "penguatan_pengawasan", "Lapas B"),
        ("Lapas A", "pelayanan_publik", "Lapas B")]
    assert list(pairs["gap"]) == [15.0, 10.0, 5.0]


def test_the_matrix_marks_the_two_strongest_of_each_area():
    matrix, strongest = studi_tiru.learning_matrix([ME, *PEERS])
    column = "Penguatan Pengawasan"
    assert list(matrix.loc[strongest[column], column]) == [90.0, 95.0]  # lapas-b and rutan-c, in the units' order
    assert strongest.sum().tolist() == [2] * 6


def test_a_shared_peer_is_ranked_on_area_gaps_only_and_shows_titles_without_links():
    """What an operator gets of a peer (zi_analytics.sharing) takes part in the area rankings; with no survey
    figure shared it never appears for a survey gap, and its evidence carries no link."""
    from zi_analytics.sharing import SharedPeers, evidence_frames, narrow, network

    peer = PEERS[0] | {"readiness": PEERS[0]["readiness"] | {"basis": "estimate"}}
    shared_unit = narrow(peer, "Jawa Timur", "WBK 2024")
    frames = frames_with(PLAN, INNOVATIONS)
    done = studi_tiru.completed_activities(frames["action_plan"], AS_OF).assign(evidence="")
    shared = SharedPeers([shared_unit], done, frames["innovations"].assign(evidence=None, pic=None))
    net = network([ME], {ME["key"]: "Jawa Timur"}, shared)
    assert net.names == {ME["key"]: ME["unit"], peer["key"]: peer["unit"]} and net.held == {peer["key"]: "WBK 2024"}
    gaps = {gap.id: gap for gap in studi_tiru.gaps(ME, "wbk")}
    area = studi_tiru.peers(gaps["area:penguatan_pengawasan"], ME, net.units, net.kanwil_of, net.held)
    assert list(area["key"]) == [peer["key"]] and list(area["held"]) == ["WBK 2024"]
    survey = next(gap for gap in gaps.values() if gap.id in ("ipak", "ipkp"))
    assert studi_tiru.peers(survey, ME, net.units, net.kanwil_of, net.held).empty
    completed, innovations = evidence_frames(net, frames_with([], []), AS_OF)
    shown = studi_tiru.evidence(shared_unit, gaps["area:penguatan_pengawasan"], completed, innovations)
    assert list(shown.activities["evidence"]) == [""] and shown.strengths == []
    assert list(shown.innovations["name"]) == ["WBS daring <b>"] and shown.innovations["evidence"].isna().all()
