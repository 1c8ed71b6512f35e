"""Zalo OA ``{"error": <non-zero>, "message"}`` bodies (sent with HTTP 200) -> publisher errors.

-216/-220/-124 token invalid or expired (the publisher refreshes once first), -32 rate
limit, -211 daily quota, -224 the OA's plan lacks the feature, anything else (-201
invalid parameter…) the post was refused. The OAuth host's refusals (-14014 invalid
refresh token, -14002 invalid app) become ``RefreshTokenError``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from publishers.errors import (
    AuthError,
    ConfigurationError,
    PublishError,
    RateLimitedError,
    RejectedError,
)

TOKEN_ERRORS = {-216, -220, -124}
INVALID_REFRESH = -14014  # OAuth v4: "Invalid refresh token" (used, expired or revoked)


def error_for(code: int, message: str, channel: str) -> PublishError:
    detail = f"{code}: {message}"
    if code in TOKEN_ERRORS:
        return AuthError(
            "Zalo không chấp nhận mã truy cập ngay cả sau khi làm mới: kết nối lại OA rồi "
            f"chạy 'loa channels set-token {channel}'.",
            detail=detail,
            channel=channel,
        )
    if code == -32:
        return RateLimitedError(60.0, detail=detail, channel=channel)
    if code == -211:
        return RateLimitedError(
            3600.0,
            channel=channel,
            detail=detail,
            message="OA đã dùng hết hạn mức gửi trong ngày; Loa sẽ thử lại sau.",
        )
    if code == -224:
        return ConfigurationError(
            "Gói dịch vụ của OA không có tính năng này (bài viết/gửi tin): nâng cấp gói OA "
            "hoặc tắt 'broadcast'.",
            detail=detail,
            channel=channel,
        )
    return RejectedError(
        f"Zalo không nhận bài (mã {code}): {message}. Kiểm tra nội dung và ảnh bìa.",
        detail=detail,
        channel=channel,
    )


class RefreshTokenError(AuthError):
    """Zalo will not refresh: the refresh token was lost in an interrupted refresh, or
    refused. ``still_works``: the access token in hand still publishes, until
    ``usable_until`` (aware UTC, None if unknown); reconnecting is needed either way."""

    def __init__(
        self,
        channel: str,
        *,
        code: int,
        interrupted: bool,
        still_works: bool,
        usable_until: datetime | None,
        left: timedelta | None,
        detail: str,
    ) -> None:
        self.code = code
        self.interrupted = interrupted
        self.cause = _cause(channel, code, interrupted)
        self.still_works = still_works
        self.usable_until = usable_until
        self.channel = channel
        super().__init__(self.explain(_roughly(left)), detail=detail, channel=channel)

    def explain(self, until: str | None) -> str:
        """The message, with ``until`` telling when the access token stops working
        (the engine passes "đến 08/04/2026 07:30 (UTC+7)"; the default is relative)."""
        command = f"loa channels set-token {self.channel}"
        if not self.still_works:
            return (
                f"{self.cause} Mã truy cập cũng đã hết hạn nên kênh không đăng được nữa: kết "
                f"nối lại OA rồi chạy '{command}'."
            )
        return (
            f"{self.cause} Mã truy cập hiện tại vẫn đăng bài được {until or 'tới khi hết hạn'}; "
            f"trước lúc đó hãy kết nối lại OA rồi chạy '{command}'."
        )


def _roughly(left: timedelta | None) -> str | None:
    if left is None:
        return None
    minutes = max(1, round(left.total_seconds() / 60))
    return f"thêm khoảng {round(minutes / 60)} giờ" if minutes >= 90 else f"thêm {minutes} phút"


def _cause(channel: str, code: int, interrupted: bool) -> str:
    if interrupted:
        return (
            f"Refresh token của kênh Zalo '{channel}' đã mất: một lần làm mới mã bị gián đoạn "
            "(Loa bị tắt, quá thời gian chờ hoặc mất kết nối) sau khi Zalo đã nhận nó."
        )
    if code == INVALID_REFRESH:
        return (
            f"Zalo không nhận refresh token của kênh '{channel}' nữa (đã dùng, hết hạn hoặc "
            "OA đã ngắt kết nối ứng dụng)."
        )
    return (
        f"Zalo không cấp lại mã truy cập cho kênh '{channel}' (mã lỗi {code}): kiểm tra "
        "app_id trong calendar.toml và secret_key."
    )
