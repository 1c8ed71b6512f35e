"""The one httpx client per publisher: timeouts, User-Agent, HTTPS, injectable transport.

Secrets go in headers or bodies, never in URLs; ``mask`` is how a secret may be shown.
"""

from __future__ import annotations

import ipaddress
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


def send(
    client: httpx.Client, method: str, url: str, *, channel: str, **kwargs: object
) -> httpx.Response:
    """``client.request`` with network failures turned into ``TransientError``.

    A failure before the request left (connect) cannot have posted anything; after it
    left (read timeout, dropped connection) the post may be live: ``maybe_live`` says so.
    """
    from publishers.errors import TransientError

    try:
        return client.request(method, url, **kwargs)  # type: ignore[arg-type]
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise TransientError(
            "Không kết nối được tới máy chủ của kênh; kiểm tra mạng, Loa sẽ tự thử lại.",
            detail=f"{type(exc).__name__} {method} {_path(exc)}",
            channel=channel,
        ) from None
    except httpx.TransportError as exc:
        raise TransientError(
            "Mất kết nối khi đang gửi bài; Loa sẽ kiểm tra bài đã lên chưa rồi mới thử lại.",
            detail=f"{type(exc).__name__} {method} {_path(exc)}",
            channel=channel,
            maybe_live=method != "GET",
        ) from None


def _path(exc: httpx.TransportError) -> str:
    try:
        return exc.request.url.path
    except RuntimeError:
        return "?"
