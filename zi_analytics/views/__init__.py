"""What each dashboard page shows, computed without Streamlit: pure functions over the tidy frames and
the `build_summary` report, shared by the pages, the Excel report and the printable briefing."""
