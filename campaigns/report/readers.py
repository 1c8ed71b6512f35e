"""Where engagement comes from: one reader per channel that can give it.

Today only Facebook Pages give reactions, comments and shares. The reader calls the
Graph API through ``campaigns.report.graph`` with the Page token, read from the
environment variable ``LOA_FACEBOOK_TOKEN`` (or ``LOA_FACEBOOK_TOKEN_<CHANNEL>`` for one
channel, e.g. ``LOA_FACEBOOK_TOKEN_FACEBOOK``) until the channel secrets store exists.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from campaigns.config.load import WardCalendar
from campaigns.config.model import Channel
from campaigns.report import graph
from campaigns.report.engagement import Counts, Reader, ReadFailed
from campaigns.store.models import Post

TOKEN_ENV = "LOA_FACEBOOK_TOKEN"
TIMEOUT_S = 20.0


def token_for(channel: str) -> str | None:
    specific = f"{TOKEN_ENV}_{channel.upper().replace('-', '_')}"
    return os.environ.get(specific) or os.environ.get(TOKEN_ENV) or None


@dataclass
class Readers:
    """Readers by channel name, the HTTP clients behind them, and why some are missing."""

    by_channel: dict[str, Reader] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    clients: list[httpx.Client] = field(default_factory=list)

    def close(self) -> None:
        for client in self.clients:
            client.close()


def _facebook(ch: Channel, token: str, client: httpx.Client) -> Reader:
    version = str(ch.settings.get("api_version", graph.DEFAULT_VERSION))

    def read(post: Post) -> Counts | None:
        if not post.external_id:
            raise ReadFailed("bài chưa có mã trên Facebook")
        return graph.fetch(client, post.external_id, token, version)

    return read


def readers_for(
    cal: WardCalendar,
    *,
    transport: httpx.BaseTransport | None = None,
    token: Callable[[str], str | None] = token_for,
) -> Readers:
    out = Readers()
    for ch in cal.config.channels:
        if ch.type != "facebook":
            continue
        secret = token(ch.name)
        if not secret:
            out.notes.append(
                f"Kênh '{ch.name}': chưa có mã truy cập của Trang ({TOKEN_ENV}), "
                "không cập nhật được số liệu tương tác."
            )
            continue
        base = str(ch.settings.get("base_url", "https://graph.facebook.com"))
        client = httpx.Client(base_url=base, transport=transport, timeout=TIMEOUT_S)
        out.clients.append(client)
        out.by_channel[ch.name] = _facebook(ch, secret, client)
    return out
