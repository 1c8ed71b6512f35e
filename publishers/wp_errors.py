"""WordPress REST error bodies ``{"code", "message", "data": {"status"}}`` -> publisher errors.

The login a failed request carried (HTTP Basic: the application password) is made known
to ``publishers.redact`` first, so an answer quoting it is scrubbed by the error.
"""

from __future__ import annotations

import httpx

from publishers.errors import (
    AuthError,
    ConfigurationError,
    PublishError,
    RateLimitedError,
    RejectedError,
    TransientError,
)
from publishers.redact import excerpt, remember_sent


def error_for(response: httpx.Response, channel: str) -> PublishError:
    remember_sent(response)
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    code = str(body.get("code", "")) if isinstance(body, dict) else ""
    text = str(body.get("message", "")) if isinstance(body, dict) else excerpt(response.text)
    detail = f"HTTP {status} {code}: {text}"
    if status == 429:
        wait = response.headers.get("Retry-After", "")
        return RateLimitedError(
            float(wait) if wait.isdigit() else 300.0, detail=detail, channel=channel
        )
    if status >= 500:
        return TransientError(detail=detail, channel=channel)
    if status == 400 and _nested_auth_failure(body):
        status = 401  # e.g. status=draft "forbidden": WordPress did not accept our login
    if status == 401:
        return AuthError(
            "Trang web từ chối đăng nhập: tên đăng nhập hoặc mật khẩu ứng dụng sai hay đã bị "
            f"thu hồi. Tạo mật khẩu ứng dụng mới rồi chạy 'loa channels set-token {channel}'.",
            detail=detail,
            channel=channel,
        )
    if status == 403:
        return AuthError(
            "Tài khoản trên trang web không đủ quyền đăng bài hoặc tải ảnh: cần vai trò Biên "
            "tập viên hoặc Tác giả.",
            detail=detail,
            channel=channel,
        )
    if status == 404 and code in ("rest_no_route", ""):
        return ConfigurationError(
            "Không tìm thấy REST API của trang web: kiểm tra 'base_url', hoặc đặt "
            'rest_style = "query" nếu trang không bật đường dẫn đẹp.',
            detail=detail,
            channel=channel,
        )
    if status == 413:
        return RejectedError(
            "Ảnh quá lớn so với giới hạn tải lên của trang web; hãy giảm kích thước ảnh.",
            detail=detail,
            channel=channel,
        )
    return RejectedError(
        f"Trang web không nhận bài: {text or code}", detail=detail, channel=channel
    )


def _nested_auth_failure(body: object) -> bool:
    """True when a 400 hides a login failure (``details.<param>.data.status`` 401/403)."""
    if not isinstance(body, dict):
        return False
    details = (body.get("data") or {}).get("details") or {}
    return any(
        isinstance(d, dict) and (d.get("data") or {}).get("status") in (401, 403)
        for d in details.values()
    )
