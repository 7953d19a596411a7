"""What a Kanwil server adds to Streamlit's own HTTP server (`streamlit run server.py`).

- The session cookie is set by the server, HttpOnly and SameSite=Strict (Secure behind https): page script
  can neither read nor set it. After a login the page sends the browser to SESSION_PATH with a one-use
  ticket; the answer sets the cookie and returns to the page. LOGOUT_PATH clears it.
- Every answer says it may be framed only by the app itself, and Streamlit's /_stcore/metrics (session
  and cache counters, useful to nobody outside) is not served.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..store import Workspace
from ..store.auth import SESSION_SECONDS

COOKIE = "zi_session"
SESSION_PATH, LOGOUT_PATH = "/zi/sesi", "/zi/keluar"
HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HIDDEN_PATHS = ("/_stcore/metrics",)
_mounted = False


def mounted() -> bool:
    """Whether this process serves the routes below, so a login can hand its cookie to the browser."""
    return _mounted


@lru_cache(maxsize=1)
def _workspace() -> Workspace:
    return Workspace.open()


def safe_next(target: str | None) -> str:
    """A path on this server to return to; anything else (another site, a scheme) goes to the start page."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or "\n" in target:
        return "/"
    return target


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def _session(request: Request) -> Response:
    """The cookie for a fresh login's ticket, only when the app's own page sent the browser here: a ticket
    carried in a link from another site would sign its victim in as the ticket's owner."""
    if request.headers.get("sec-fetch-site") != "same-origin":
        return RedirectResponse("/", status_code=303)
    token = _workspace().redeem_ticket(request.query_params.get("tiket", ""))
    response = RedirectResponse(safe_next(request.query_params.get("ke")), status_code=303)
    if token:
        response.set_cookie(COOKIE, token, max_age=SESSION_SECONDS, path="/", httponly=True, samesite="strict",
                            secure=_https(request))
    return response


def _logout(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_https(request))
    return response


class SecurityHeaders:
    """Pure ASGI, so Streamlit's websocket passes untouched."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("path", "").rstrip("/").endswith(HIDDEN_PATHS):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


def routes() -> list[Route]:
    global _mounted
    _mounted = True
    return [Route(SESSION_PATH, _session), Route(LOGOUT_PATH, _logout)]


def middleware() -> list[Middleware]:
    return [Middleware(SecurityHeaders)]
