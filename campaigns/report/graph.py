"""Facebook Graph API engagement of one post: reactions, comments and shares.

``GET /{version}/{post-id}?fields=reactions.summary(total_count),comments.summary(total_count),
shares`` with the Page token in the ``Authorization`` header. Facebook leaves ``shares`` out
when nobody shared, so a missing ``shares`` is 0, while a missing ``reactions`` or
``comments`` summary is "not given" (None).

This is the report's own small client, used until the Facebook publisher offers
``engagement()``; ``readers.py`` prefers the publisher's method when it exists.
"""

from __future__ import annotations

from typing import Any

import httpx

from campaigns.report.engagement import Counts, ReadFailed

FIELDS = "reactions.summary(total_count),comments.summary(total_count),shares"
DEFAULT_VERSION = "v26.0"


def _total(body: dict[str, Any], edge: str) -> int | None:
    part = body.get(edge)
    if not isinstance(part, dict):
        return None
    summary = part.get("summary")
    if not isinstance(summary, dict) or not isinstance(summary.get("total_count"), int):
        return None
    return int(summary["total_count"])


def parse(body: dict[str, Any]) -> Counts:
    shares = body.get("shares")
    count = shares.get("count") if isinstance(shares, dict) else 0
    return Counts(
        reactions=_total(body, "reactions"),
        comments=_total(body, "comments"),
        shares=int(count) if isinstance(count, int) else 0,
    )


def fetch(
    client: httpx.Client, external_id: str, token: str, version: str = DEFAULT_VERSION
) -> Counts:
    """One post's counts; raise ReadFailed with a Vietnamese reason on any failure."""
    try:
        response = client.get(
            f"/{version}/{external_id}",
            params={"fields": FIELDS},
            headers={"Authorization": f"Bearer {token}"},
        )
    except httpx.HTTPError as exc:
        raise ReadFailed(f"không kết nối được Facebook ({type(exc).__name__})") from None
    try:
        body = response.json()
    except ValueError:
        raise ReadFailed(f"Facebook trả lời không đọc được (HTTP {response.status_code})") from None
    if response.status_code >= 400 or not isinstance(body, dict):
        error = body.get("error", {}) if isinstance(body, dict) else {}
        message = error.get("message", "") if isinstance(error, dict) else ""
        code = error.get("code", "?") if isinstance(error, dict) else "?"
        raise ReadFailed(f"Facebook từ chối (mã {code}): {message}".rstrip(": "))
    return parse(body)
