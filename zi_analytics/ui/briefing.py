"""The briefing screen's look: large type readable from the back of a room, no sidebar, and the slide order."""

from __future__ import annotations

import streamlit as st

from .escape import html_text

SLIDES = ("status", "areas", "actions", "surveys", "complaints", "trend")

BRIEFING_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarCollapseButton"],
header[data-testid="stHeader"] {display: none !important;}
.block-container {padding-top: 1rem; max-width: 100%;}
.stMarkdown p, .stMarkdown li {font-size: 1.7rem; line-height: 1.35;}
.stMarkdown h1 {font-size: 3.2rem;} .stMarkdown h2 {font-size: 2.8rem;} .stMarkdown h3 {font-size: 2.1rem;}
.zi-unit {font-size: 1.6rem; color: #333; font-weight: 600;}
.zi-step {font-size: 2.1rem; font-weight: 700; line-height: 1.25; margin: .6rem 0 .2rem 0;}
.zi-effect {font-size: 1.5rem; color: #333; margin: 0 0 .8rem 2.6rem;}
.zi-counter {float: right; font-size: 1.6rem; font-weight: 600;}
.zi-figure {border: 3px solid #0072B2; border-radius: .6rem; padding: .8rem 1rem; text-align: center;
  min-height: 33vh; display: flex; flex-direction: column; justify-content: center;}
@media (min-height: 900px) {.zi-figure {min-height: 45vh;}}  /* a 1080-line projector: the figures fill the room's screen */
.zi-figure .label {font-size: clamp(1.3rem, 1.6vw, 2rem); color: #333;}
.zi-figure .value {font-size: clamp(3rem, min(5vw, 10vh), 8rem); font-weight: 700;}
.zi-figure .note {font-size: clamp(1.1rem, min(1.4vw, 2.4vh), 1.8rem); color: #333;}
.zi-step {font-size: clamp(2.1rem, min(2.8vw, 5vh), 3.4rem);} .zi-effect {font-size: clamp(1.5rem, min(1.9vw, 3.4vh), 2.4rem);}
.stMarkdown h2 {font-size: clamp(2.8rem, min(3.4vw, 6vh), 4.2rem);}
.zi-unit {font-size: clamp(1.6rem, min(1.8vw, 3.2vh), 2.2rem);}
.stButton button p {font-size: 1.5rem;}
.zi-fresh {font-size: 1.3rem; color: #333;} .zi-stale {color: #A33F00; font-weight: 700;}
</style>"""


def big_figures(items: list[tuple[str, str] | tuple[str, str, str]]) -> None:
    """A row of figures in large type, each with an optional line under it (its minimum, its change); labels and
    values are our own formatted text, escaped anyway."""
    for column, (label, value, *note) in zip(st.columns(len(items)), items):
        below = f"<div class='note'>{html_text(note[0])}</div>" if note and note[0] else ""
        column.markdown(f"<div class='zi-figure'><div class='label'>{html_text(label)}</div>"
                        f"<div class='value'>{html_text(value)}</div>{below}</div>", unsafe_allow_html=True)
