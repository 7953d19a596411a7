"""A page that fails shows an Indonesian sentence, never a traceback; the details go to the server's log.

`client.showErrorDetails = "none"` (.streamlit/config.toml) covers what runs outside this guard (a page
opened by a deep link before app.py's navigation, a widget callback). ZI_DEBUG=1 lets the error through,
so the tests and a developer see it whole.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable

import streamlit as st

from ..messages import msg

_LOG = logging.getLogger("zi_analytics")


def run_guarded(run: Callable[[], object]) -> None:
    """Run a page; st.stop and st.rerun pass (they are not Exceptions), a bug becomes a message and a log entry."""
    try:
        run()
    except Exception:
        if os.environ.get("ZI_DEBUG") == "1":
            raise
        reference = uuid.uuid4().hex[:8]
        _LOG.exception("page failed (reference %s)", reference)
        st.error(msg("page_error", reference=reference), icon=":material/error:")
