"""The plug every publisher fits: a small ABC, the request it takes and the receipt it gives.

A publisher is built from ``(channel name, settings mapping, secrets accessor)`` plus an
optional httpx transport (tests) and clock. ``publish`` is the only required method;
``validate`` runs at plan time, ``find_existing`` after a crash, ``check`` on connect.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol

import httpx

from publishers.errors import ConfigurationError, RejectedError
from publishers.settings import SecretField, Setting, resolve_settings

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class Image:
    data: bytes = field(repr=False)
    filename: str
    mime: str  # image/jpeg or image/png

    def __repr__(self) -> str:
        return f"Image({self.filename!r}, {self.mime}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class PublishRequest:
    """What to publish: plain values, no engine types.

    ``key`` is the post's idempotency key (stable across retries and crashes); ``marker``
    and ``slug`` derive from it so a publisher can recognise its own post on the platform.
    """

    key: str
    title: str
    caption: str
    html: str | None = None
    excerpt: str | None = None
    image: Image | None = None  # the post's (first) image
    # further photos, after ``image``: where the platform allows several (a Facebook
    # multi-photo post, the outbox) they go out too, elsewhere only ``image`` does
    more_images: tuple[Image, ...] = ()
    image_url: str | None = None  # an already public copy of the image, if any
    link: str | None = None
    scheduled_at: datetime | None = None  # aware; None = publish now
    tags: tuple[str, ...] = ()
    author: str | None = None  # the byline, where the platform has one (Zalo articles)
    # aware; the earliest time an earlier attempt may have made the post live, so
    # ``find_existing`` knows how far back to look (None: the platform's recent posts)
    since: datetime | None = None
    # what an earlier attempt noted for this post (``note``), e.g. the token of a Zalo
    # article created but not yet verified: ``find_existing`` asks about it first
    resume: str | None = None
    # keep a value durably for the next attempt, before the platform is asked to go on;
    # raises a ``PublishError`` when this attempt may not go on (its claim was lost)
    note: Callable[[str], None] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("title", "caption", "html", "excerpt", "author"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, nfc(value))
        for name in ("scheduled_at", "since"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")
        if self.more_images and self.image is None:
            raise ValueError("more_images needs a first image")

    @property
    def images(self) -> tuple[Image, ...]:
        """Every image of the post, in order."""
        return ((self.image,) if self.image is not None else ()) + self.more_images

    @property
    def marker(self) -> str:
        """A short tag (``loa`` + 10 hex digits) put in the post to find it again."""
        return "loa" + hashlib.sha256(self.key.encode()).hexdigest()[:10]

    @property
    def slug(self) -> str:
        """A deterministic ASCII slug, for platforms that look posts up by slug."""
        ascii_key = unicodedata.normalize("NFKD", self.key.replace("đ", "d").replace("Đ", "D"))
        ascii_key = ascii_key.encode("ascii", "ignore").decode().lower()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_key).strip("-")[:80]
        return f"{base}-{self.marker[3:]}" if base else self.marker


@dataclass(frozen=True, slots=True)
class Receipt:
    """Proof that a post is live (or natively scheduled) on a platform."""

    external_id: str
    url: str
    at: datetime
    scheduled: bool = False
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Engagement:
    """What a platform says about a live post at one moment; None: not given."""

    reactions: int | None
    comments: int | None
    shares: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the channel is connected as: for ``loa channels check``."""

    id: str
    name: str
    expires_at: datetime | None  # None = does not expire (may still be revoked)
    token_hint: str  # masked
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Capabilities:
    images: bool = True
    text_only: bool = True  # can publish without an image
    native_scheduling: bool = False
    needs_public_image_url: bool = False
    html_body: bool = False
    find_existing: bool = True
    engagement: bool = False  # engagement() gives reactions, comments, shares of a post
    several_images: bool = False  # publishes ``more_images`` too (else only ``image``)


class Secrets(Protocol):
    """Where a channel's secrets live; the engine implements it (a 0600 file, env vars).

    ``update`` runs ``change`` under an exclusive lock with the channel's current
    fields and durably stores what it returns (None: nothing to store; an empty value
    removes that field) before returning the resulting fields, so a rotated single-use
    token is never lost. It is re-entrant within a thread: ``change`` may call ``update``
    again (a write-ahead marker before a refresh leaves), and that inner write is
    durable when it returns, while the outer lock is still held.
    """

    def get(self, channel: str, field: str) -> str | None: ...

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]: ...


class MediaHost(Protocol):
    """Something that can give an image a public URL (e.g. the website's media library)."""

    def host_image(self, image: Image, key: str) -> str: ...


class Publisher(ABC):
    """Base class. Subclasses declare ``type_name``, ``settings``, ``secrets``, ``capabilities``."""

    type_name: ClassVar[str]
    label: ClassVar[str]  # Vietnamese, for lists and forms
    settings: ClassVar[tuple[Setting, ...]] = ()
    secrets: ClassVar[tuple[SecretField, ...]] = ()
    capabilities: ClassVar[Capabilities] = Capabilities()

    def __init__(
        self,
        name: str,
        settings: Mapping[str, Any],
        secrets: Secrets,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.name = name
        try:
            self.config = resolve_settings(type(self).settings, settings)
        except ValueError as exc:
            raise ConfigurationError(
                f"Cấu hình kênh '{name}' chưa đúng: {exc}. Sửa mục [channels.settings] "
                "trong calendar.toml.",
                channel=name,
            ) from None
        self._secrets = secrets
        self._transport = transport
        self._clock: Clock = clock or utcnow

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    # -- required -----------------------------------------------------------------------
    @abstractmethod
    def publish(self, request: PublishRequest) -> Receipt:
        """Make the post live; raise a ``PublishError`` subclass on failure."""

    # -- optional, with safe defaults -------------------------------------------------------
    def validate(self, request: PublishRequest) -> list[str]:
        """Vietnamese problems that would make the platform refuse this post (plan time)."""
        return []

    def find_existing(self, request: PublishRequest) -> Receipt | None:
        """The receipt of this post if it is already live, else None."""
        return None

    def check(self) -> Identity:
        """Connect and say who we are; raises AuthError/ConfigurationError if not usable."""
        return Identity(id=self.name, name=self.name, expires_at=None, token_hint="")

    def engagement(self, external_id: str) -> Engagement | None:
        """Reactions, comments and shares of a live post (``capabilities.engagement``);
        None where the platform gives none. Raises a ``PublishError`` subclass on failure."""
        return None

    def close(self) -> None:
        """Release the HTTP client."""
        return None

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers for subclasses ---------------------------------------------------------------
    def ensure_valid(self, request: PublishRequest) -> None:
        problems = self.validate(request)
        if problems:
            raise RejectedError("; ".join(problems), channel=self.name, problems=tuple(problems))

    def secret(self, field_name: str) -> str:
        value = self._secrets.get(self.name, field_name)
        if not value:
            raise ConfigurationError(
                f"Kênh '{self.name}' chưa có {field_name}: chạy "
                f"'loa channels set-token {self.name}' để nhập.",
                channel=self.name,
            )
        return value
