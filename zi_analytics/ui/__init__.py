"""The only Streamlit code outside app.py and pages/: data loading with caches, shared widgets."""
