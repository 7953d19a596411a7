"""Survei: IKM with its grade per unsur, SPAK and SPKP against their minimums, trends, sample size,
how the answers spread, and what respondents suggest."""

import streamlit as st

from zi_analytics import formatting as fmt
from zi_analytics.messages import IKM_WEIGHT_LABELS, SURVEY_LABELS
from zi_analytics.metrics import responses_until
from zi_analytics.report import tables
from zi_analytics.rules import survey_rules
from zi_analytics.ui import charts
from zi_analytics.ui.context import page_context, require_unit
from zi_analytics.ui.shell import page_setup
from zi_analytics.views import surveys

RULES = survey_rules()
IKM_LOW, IKM_HIGH = (fmt.number(value, 0) for value in RULES.ikm_range)

user = page_setup("Survei")
ctx = page_context(user)
unit = require_unit(ctx)
responses = responses_until(ctx.frame("survey_responses"), ctx.as_of)
responses = responses.loc[responses["survey"].isin(["ikm", "ipak", "ipkp"])]
answers = ctx.frame("survey_answers")
if responses.empty:
    st.info("Unit ini belum punya data survei. Unggah hasil IKM, SPAK, atau SPKP (ekspor Google Forms pun bisa) di **Unggah Data**.")
    st.stop()
result = ctx.readiness()
ikm = result.extras["ikm"]

left, right = st.columns([1, 2])
with left:
    st.subheader("IKM")
    if ikm and "index" in ikm:
        st.metric("Indeks Kepuasan Masyarakat", f"{fmt.number(ikm['index'], 2)}", help=f"Skala {IKM_LOW}–{IKM_HIGH}, PermenPANRB 14/2017")
        st.markdown(f"Mutu pelayanan **{ikm['grade']}** · {fmt.number(ikm['respondents'], 0)} responden · "
                    f"unsur terlemah **{ikm['weakest_unsur']}**")
        weight = IKM_WEIGHT_LABELS[ikm["weight_convention"]]
        st.caption(f"Bobot unsur: {weight}; dapat diubah di Pengaturan.")
        sample = ikm.get("sample")
        if sample:
            text = (f"Sampel {fmt.number(sample['respondents'], 0)} dari minimal {fmt.number(sample['required'], 0)} "
                    f"(populasi {fmt.number(sample['population'], 0)}, Krejcie–Morgan)")
            (st.success if sample["adequate"] else st.warning)(("✓ " if sample["adequate"] else "✗ ") + text)
        else:
            st.caption("Isi jumlah populasi pengguna layanan di Pengaturan untuk menilai kecukupan sampel.")
    if ikm and ikm.get("legacy_form"):
        st.warning(ikm["legacy_note"])
with right:
    unsur = surveys.ikm_unsur_table(ikm)
    if len(unsur):
        st.plotly_chart(charts.unsur(unsur, "Nilai per unsur IKM (terlemah di atas)"), width="stretch", key="ikm_unsur")

st.subheader("SPAK dan SPKP terhadap minimum")
perception = surveys.perception_table(unit["surveys"], ctx.regulation)
st.dataframe(tables.perception(perception), hide_index=True, width="stretch")

st.subheader("Tren per periode")
trend = surveys.trend(responses, answers)
if trend["period"].nunique() >= 2:
    left, right = st.columns(2)
    ikm_trend = trend.loc[trend["survey"] == "ikm"]
    if len(ikm_trend):
        left.plotly_chart(charts.over_time(ikm_trend, "period", "value", "label", "IKM per periode", f"Indeks ({IKM_LOW}–{IKM_HIGH})", list(RULES.ikm_range)),
                          width="stretch", key="ikm_trend")
    perception_trend = trend.loc[trend["survey"] != "ikm"]
    if len(perception_trend):
        right.plotly_chart(charts.over_time(perception_trend, "period", "value", "label", "SPAK dan SPKP per periode",
                                            f"Indeks (skala {fmt.number(RULES.index_scale[1], 0)})", list(RULES.index_scale)), width="stretch", key="perception_trend")
with st.expander("Angka per periode dan jumlah responden"):
    st.dataframe(tables.survey_trend(trend), hide_index=True, width="stretch")

st.subheader("Sebaran jawaban")
available = [s for s in ("ikm", "ipak", "ipkp") if (responses["survey"] == s).any()]
chosen = st.segmented_control("Survei", available, format_func=SURVEY_LABELS.get, default=available[0], key="dist_survey")
spread = surveys.answer_distribution(responses, answers, chosen or available[0])
if len(spread):
    st.plotly_chart(charts.distribution(spread, f"Sebaran jawaban {SURVEY_LABELS[chosen or available[0]]}"),
                    width="stretch", key="distribution")

st.subheader("Saran responden")
suggestions = surveys.suggestions(responses)
if suggestions.empty:
    st.caption("Tidak ada saran tertulis.")
else:
    st.caption("Tanpa nama; nomor telepon dan alamat e-mail di dalam teks dihapus.")
    st.dataframe(suggestions.rename(columns={"survey": "Survei", "period": "Periode", "text": "Saran"}),
                 hide_index=True, width="stretch")
