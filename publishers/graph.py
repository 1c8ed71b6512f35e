"""Graph API responses -> publisher errors, and its rate-limit headers.

Errors are HTTP 4xx/5xx with ``{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id", "is_transient"}}``; the ``code`` decides the kind. Usage headers
(``X-App-Usage``, ``X-Business-Use-Case-Usage``, ``X-Page-Usage``) give percentages
of the quota used and, for business use cases, ``estimated_time_to_regain_access``
in minutes. The token a failed request carried is made known to ``publishers.redact``
first: Graph quotes it back ("Malformed access token EAAB…"), and the error scrubs it.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from publishers.errors import (
    AuthError,
    DuplicateError,
    PublishError,
    RateLimitedError,
    RejectedError,
    TransientError,
)
from publishers.redact import excerpt, remember_sent

TRANSIENT_CODES = {1, 2}
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001} | set(range(80000, 80015))
TOKEN_CODES = {102, 190}
PERMISSION_CODES = {3, 10} | set(range(200, 300))
DEFAULT_WAIT = 600.0  # seconds, when the platform does not say


def usage(response: httpx.Response) -> tuple[float, float]:
    """(highest usage percentage, seconds to wait) from the rate-limit headers."""
    highest = 0.0
    wait = 0.0
    for header in ("x-app-usage", "x-page-usage", "x-ad-account-usage"):
        data = _json_header(response, header)
        if isinstance(data, dict):
            highest = max([highest, *(_num(v) for v in data.values())])
    buc = _json_header(response, "x-business-use-case-usage")
    if isinstance(buc, dict):
        for entries in buc.values():
            for entry in entries if isinstance(entries, list) else []:
                if not isinstance(entry, dict):
                    continue
                for k in ("call_count", "total_cputime", "total_time"):
                    highest = max(highest, _num(entry.get(k)))
                wait = max(wait, _num(entry.get("estimated_time_to_regain_access")) * 60)
    return highest, wait


def _json_header(response: httpx.Response, name: str) -> Any:
    raw = response.headers.get(name)
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def error_for(response: httpx.Response, channel: str) -> PublishError:
    """The publisher error for a failed Graph API response."""
    remember_sent(response)
    try:
        body = response.json()
        err = body["error"] if isinstance(body, dict) else None
    except (ValueError, KeyError):
        err = None
    if not isinstance(err, dict):
        if response.status_code >= 500:
            return TransientError(detail=f"HTTP {response.status_code}", channel=channel)
        return RejectedError(
            f"Facebook trả lỗi HTTP {response.status_code} không rõ lý do.",
            detail=excerpt(response.text),
            channel=channel,
        )
    code = err.get("code")
    sub = err.get("error_subcode")
    detail = f"#{code}/{sub} {err.get('type', '')}: {err.get('message', '')}"
    detail += f" (fbtrace_id {err.get('fbtrace_id', '-')})"
    if code in RATE_LIMIT_CODES:
        _, wait = usage(response)
        return RateLimitedError(wait or DEFAULT_WAIT, detail=detail, channel=channel)
    if code in TOKEN_CODES:
        return AuthError(
            "Mã truy cập Facebook đã hết hạn hoặc bị thu hồi: kết nối lại Trang rồi chạy "
            f"'loa channels set-token {channel}'.",
            detail=detail,
            channel=channel,
        )
    if code in PERMISSION_CODES:
        return AuthError(
            "Mã truy cập không đủ quyền đăng bài lên Trang (cần pages_manage_posts): cấp lại "
            f"quyền rồi chạy 'loa channels set-token {channel}'.",
            detail=detail,
            channel=channel,
        )
    if code == 506:
        return DuplicateError(detail=detail, channel=channel)
    if code == 368:
        return RejectedError(
            "Facebook chặn bài này vì cho rằng vi phạm tiêu chuẩn cộng đồng; sửa nội dung "
            "hoặc khiếu nại trên Trang, Loa không tự đăng lại.",
            detail=detail,
            channel=channel,
        )
    if code in TRANSIENT_CODES or err.get("is_transient") or response.status_code >= 500:
        return TransientError(detail=detail, channel=channel)
    if code in (100, 324, 1500):
        return RejectedError(
            f"Facebook không nhận bài: {err.get('message', 'tham số không hợp lệ')}. "
            "Kiểm tra ảnh và nội dung bài.",
            detail=detail,
            channel=channel,
        )
    return RejectedError(
        f"Facebook từ chối bài (mã lỗi {code}): {err.get('message', '')}",
        detail=detail,
        channel=channel,
    )
