"""Where engagement comes from: each channel whose publisher can give it
(``capabilities.engagement``; today Facebook Pages) gets a reader that calls the
publisher's ``engagement(external_id)``.

Secrets: the engine's channel secrets are passed in when the caller has them; without
them, the Page token is read from ``LOA_FACEBOOK_TOKEN_<CHANNEL>`` (e.g.
``LOA_FACEBOOK_TOKEN_FACEBOOK``) or ``LOA_FACEBOOK_TOKEN``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from campaigns.config.load import WardCalendar
from campaigns.report.engagement import Counts, Reader, ReadFailed
from campaigns.store.models import Post
from publishers import registry
from publishers.base import Publisher, Secrets
from publishers.errors import BrokenPublisherError, PublishError, UnknownPublisherError

TOKEN_ENV = "LOA_FACEBOOK_TOKEN"


class EnvSecrets:
    """Read-only secrets from the environment (the Page token only)."""

    def get(self, channel: str, field: str) -> str | None:
        if field != "page_token":
            return None
        specific = f"{TOKEN_ENV}_{channel.upper().replace('-', '_')}"
        return os.environ.get(specific) or os.environ.get(TOKEN_ENV) or None

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        raise PublishError("không lưu được mã truy cập khi chỉ đọc từ biến môi trường")


@dataclass
class Readers:
    """Readers by channel name, the publishers behind them, and why some are missing."""

    by_channel: dict[str, Reader] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    publishers: list[Publisher] = field(default_factory=list)

    def close(self) -> None:
        for publisher in self.publishers:
            publisher.close()


def _reader(publisher: Publisher) -> Reader:
    def read(post: Post) -> Counts | None:
        if not post.external_id:
            raise ReadFailed("bài chưa có mã trên nền tảng")
        try:
            got = publisher.engagement(post.external_id)
        except PublishError as exc:
            raise ReadFailed(exc.message) from None
        if got is None:
            return None
        return Counts(got.reactions, got.comments, got.shares)

    return read


def readers_for(
    cal: WardCalendar,
    *,
    secrets: Secrets | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Readers:
    """One reader per enabled channel that gives engagement and has its token."""
    out = Readers()
    store = secrets or EnvSecrets()
    for ch in cal.channels:
        try:
            cls = registry.load(ch.type)
        except (UnknownPublisherError, BrokenPublisherError):
            continue  # not installed or broken: ``loa check`` reports it
        if not cls.capabilities.engagement:
            continue
        if not all(store.get(ch.name, s.key) for s in cls.secrets if s.required):
            out.notes.append(
                f"Kênh '{ch.name}': chưa có mã truy cập ({TOKEN_ENV}), "
                "không cập nhật được số liệu tương tác."
            )
            continue
        try:
            publisher = cls(ch.name, ch.settings, store, transport=transport)
        except PublishError as exc:
            out.notes.append(f"Kênh '{ch.name}': {exc.message}")
            continue
        out.publishers.append(publisher)
        out.by_channel[ch.name] = _reader(publisher)
    return out
