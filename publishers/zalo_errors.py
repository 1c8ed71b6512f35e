"""Zalo OA ``{"error": <non-zero>, "message"}`` bodies (sent with HTTP 200) -> publisher errors.

-216/-220/-124 token invalid or expired (the publisher refreshes once first), -32 rate
limit, -211 daily quota, -224 the OA's plan lacks the feature, anything else (-201
invalid parameter…) the post was refused.
"""

from __future__ import annotations

from publishers.errors import (
    AuthError,
    ConfigurationError,
    PublishError,
    RateLimitedError,
    RejectedError,
)

TOKEN_ERRORS = {-216, -220, -124}


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
