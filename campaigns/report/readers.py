"""Where engagement comes from: each enabled channel whose publisher can give it
(``capabilities.engagement``; today Facebook Pages) gets a reader that calls the
publisher's ``engagement(external_id)``, with the channel's secrets from the engine's
store (``loa channels set-token``, or ``LOA_SECRET_<CHANNEL>_<FIELD>``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from campaigns.config.load import WardCalendar
from campaigns.report.engagement import Counts, Reader, ReadFailed
from campaigns.secrets import SecretStore
from campaigns.store.models import Post
from publishers import registry
from publishers.base import Publisher, Secrets
from publishers.errors import BrokenPublisherError, PublishError, UnknownPublisherError


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
    store = secrets or SecretStore()
    for ch in cal.channels:
        try:
            cls = registry.load(ch.type)
        except (UnknownPublisherError, BrokenPublisherError):
            continue  # not installed or broken: ``loa check`` reports it
        if not cls.capabilities.engagement:
            continue
        if not all(store.get(ch.name, s.key) for s in cls.secrets if s.required):
            out.notes.append(
                f"Kênh '{ch.name}': chưa có mã truy cập, không cập nhật được số liệu tương tác "
                f"(chạy 'loa channels set-token {ch.name}')."
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
