"""The one httpx client per publisher: timeouts, User-Agent, HTTPS, injectable transport.

Secrets go in headers or bodies, never in URLs; ``mask`` is how a secret may be shown.
"""

from __future__ import annotations

import ipaddress
import time
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def user_agent() -> str:
    try:
        return f"Loa/{version('loa')}"
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "Loa/0"


def is_loopback_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_secure(url: str) -> str:
    """``url`` without a trailing slash; ValueError unless https or loopback http."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url.rstrip("/")
    if parts.scheme == "http" and is_loopback_url(url):
        return url.rstrip("/")
    raise ValueError(f"refusing insecure or invalid base URL {parts.scheme}://{parts.hostname}")


def make_client(
    base_url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float | httpx.Timeout | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """A client bound to ``base_url`` (checked), with Loa's User-Agent and timeouts."""
    all_headers = {"User-Agent": user_agent(), "Accept": "application/json"}
    all_headers.update(headers or {})
    if isinstance(timeout, int | float):
        timeout = httpx.Timeout(float(timeout), connect=min(10.0, float(timeout)))
    return httpx.Client(
        base_url=require_secure(base_url),
        transport=transport,
        timeout=timeout or DEFAULT_TIMEOUT,
        headers=all_headers,
        follow_redirects=False,
    )


def mask(secret: str | None) -> str:
    """``EAAB…x9f``: enough to recognise a secret, never enough to use it."""
    if not secret:
        return "(chưa có)"
    if len(secret) <= 8:
        return "…" + secret[-2:] if len(secret) > 4 else "…"
    return f"{secret[:4]}…{secret[-3:]}"


# A read is idempotent: on a network error or a 5xx it is tried again at once, a little
# later, before the caller hears of it. Reconciling a post may take dozens of reads (every
# article since the first attempt); one flaky read must not fail the whole look-up.
READ_RETRIES = 2
READ_PAUSE = 0.2  # seconds, doubled each time


def send(
    client: httpx.Client, method: str, url: str, *, channel: str, **kwargs: object
) -> httpx.Response:
    """``client.request`` with network failures turned into ``TransientError``.

    A failure before the request left (connect) cannot have posted anything; after it
    left (read timeout, dropped connection) the post may be live: ``maybe_live`` says so.
    GET requests are retried (``READ_RETRIES``); nothing else is, since a write repeated
    blindly could publish twice.
    """
    tries = 1 + (READ_RETRIES if method == "GET" else 0)
    for attempt in range(tries):
        last = attempt + 1 == tries
        try:
            response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as exc:
            if last:
                raise _network_error(exc, method, channel) from None
        else:
            if response.status_code < 500 or last:
                return response
            response.close()
        time.sleep(READ_PAUSE * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _network_error(exc: httpx.TransportError, method: str, channel: str) -> Exception:
    from publishers.errors import TransientError

    detail = f"{type(exc).__name__} {method} {_path(exc)}"
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return TransientError(
            "Không kết nối được tới máy chủ của kênh; kiểm tra mạng, Loa sẽ tự thử lại.",
            detail=detail, channel=channel,
        )  # fmt: skip
    if method == "GET":
        return TransientError(
            "Mất kết nối khi hỏi máy chủ của kênh; Loa sẽ tự thử lại.",
            detail=detail, channel=channel,
        )  # fmt: skip
    return TransientError(
        "Mất kết nối khi đang gửi bài; Loa sẽ kiểm tra bài đã lên chưa rồi mới thử lại.",
        detail=detail, channel=channel, maybe_live=True,
    )  # fmt: skip


def _path(exc: httpx.TransportError) -> str:
    try:
        return exc.request.url.path
    except RuntimeError:
        return "?"
