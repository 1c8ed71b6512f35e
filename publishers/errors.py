"""What can go wrong when publishing, as kinds the engine acts on.

    PublishError                    -- anything expected; ``kind`` says what to do
    ├── TransientError   transient  -- retry later (network, 5xx, platform hiccup)
    │   └── RateLimitedError
    │                  rate_limited -- retry after ``retry_after`` seconds (the platform's wait)
    ├── AuthError        auth       -- reconnect the channel (token expired, revoked, wrong
    │                                  kind, missing permission); never retried
    ├── RejectedError    rejected   -- the post itself is wrong (too long, bad image, policy);
    │                                  fix the post, retrying the same one cannot help
    ├── DuplicateError   duplicate  -- already live: take ``external_id``/``url`` if known,
    │                                  otherwise ask ``find_existing``
    └── ConfigurationError config   -- the channel's settings or secrets are wrong or missing

Every error carries ``message``: one Vietnamese sentence (NFC) telling the officer what
happened and what to do, and ``detail``: the platform's own words (English, for logs).
Neither ever contains a secret: both are scrubbed here (``publishers.redact``), the one
place where a platform's text becomes Loa's, since platforms quote credentials back.
``TransientError.maybe_live`` is true when the request was sent but the answer was
lost, so the post may be live: reconcile before retrying.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from publishers.redact import scrub


class ErrorKind(StrEnum):
    TRANSIENT = "transient"
    RATE_LIMITED = "rate_limited"
    AUTH = "auth"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    CONFIG = "config"


class PublishError(Exception):
    """Base class: an expected failure with a message for the officer."""

    kind: ErrorKind = ErrorKind.TRANSIENT
    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        detail: str = "",
        channel: str = "",
        retry_after: float | None = None,
    ) -> None:
        self.message = scrub(unicodedata.normalize("NFC", message))
        self.detail = scrub(detail)
        self.channel = channel
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        prefix = f"[{self.channel}] " if self.channel else ""
        return prefix + self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind.value!r}, message={self.message!r})"


class TransientError(PublishError):
    kind = ErrorKind.TRANSIENT
    retryable = True

    def __init__(
        self,
        message: str = "Mạng hoặc máy chủ của nền tảng đang trục trặc; Loa sẽ tự thử lại.",
        *,
        detail: str = "",
        channel: str = "",
        retry_after: float | None = None,
        maybe_live: bool = False,
    ) -> None:
        super().__init__(message, detail=detail, channel=channel, retry_after=retry_after)
        self.maybe_live = maybe_live


class RateLimitedError(TransientError):
    kind = ErrorKind.RATE_LIMITED

    def __init__(
        self,
        retry_after: float,
        *,
        message: str = "",
        detail: str = "",
        channel: str = "",
    ) -> None:
        minutes = max(1, round(retry_after / 60))
        text = message or (
            f"Nền tảng tạm giới hạn số lần đăng; Loa sẽ thử lại sau khoảng {minutes} phút."
        )
        super().__init__(text, detail=detail, channel=channel, retry_after=retry_after)


class AuthError(PublishError):
    kind = ErrorKind.AUTH


class RejectedError(PublishError):
    kind = ErrorKind.REJECTED

    def __init__(
        self, message: str, *, detail: str = "", channel: str = "", problems: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, detail=detail, channel=channel)
        self.problems = problems or (self.message,)


class DuplicateError(PublishError):
    kind = ErrorKind.DUPLICATE

    def __init__(
        self,
        message: str = "Bài này đã có trên kênh; Loa dùng lại bài đã đăng, không đăng lại.",
        *,
        external_id: str | None = None,
        url: str | None = None,
        scheduled: bool = False,
        detail: str = "",
        channel: str = "",
    ) -> None:
        super().__init__(message, detail=detail, channel=channel)
        self.external_id = external_id
        self.url = url
        self.scheduled = scheduled  # the existing post is natively scheduled, not yet shown


class ConfigurationError(PublishError):
    kind = ErrorKind.CONFIG


class UnknownPublisherError(LookupError):
    """No publisher of this type is installed (lists the installed ones)."""

    def __init__(self, type_name: str, installed: list[str]) -> None:
        self.type_name = type_name
        self.installed = installed
        self.message = (
            f"không có loại kênh '{type_name}' (đã cài: {', '.join(installed) or 'không có'})"
        )
        super().__init__(self.message)


class BrokenPublisherError(ImportError):
    """A publisher plugin is installed but cannot be imported."""

    def __init__(self, type_name: str, reason: str) -> None:
        self.type_name = type_name
        self.message = f"không nạp được loại kênh '{type_name}': {reason}"
        super().__init__(self.message)
