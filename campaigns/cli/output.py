"""Printing for the CLI: JSON rows for scripts, tables for people (times in the ward's zone).

Everything printed through here is scrubbed of secrets (``campaigns.secrets.scrub``): a
database written by an older Loa may hold a platform's answer quoting a credential.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import IO, Any, cast
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from campaigns.secrets import scrub
from campaigns.store.lifecycle import describe
from campaigns.store.models import KIND_LABELS, Post, Transition
from campaigns.timeutil import fmt_local


class _Scrubbed:
    """A text stream that masks secrets in everything written to it."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(scrub(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def scrubbed(stream: IO[str]) -> IO[str]:
    return cast(IO[str], _Scrubbed(stream))


def console() -> Console:
    # piped output is read by scripts and people alike: never squeeze it to 80 columns
    width = None if sys.stdout.isatty() else 200
    return Console(file=scrubbed(sys.stdout), highlight=False, soft_wrap=False, width=width)


def err_console() -> Console:
    return Console(file=scrubbed(sys.stderr), highlight=False, soft_wrap=True)


def print_json(value: Any) -> None:
    sys.stdout.write(scrub(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def post_json(post: Post, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "id": post.id,
        "due_at": post.due_at.astimezone(tz).isoformat(),
        "channel": post.channel,
        "status": post.status,
        "kind": post.kind,
        "text": post.text,
        "peak": post.peak,
        "event": post.event,
        "content_id": post.content_id,
        "campaign": post.campaign,
        "edited": post.edited,
        "external_id": post.external_id,
        "url": post.url,
        "error": post.error,
        "error_kind": post.error_kind,
        "maybe_live": post.maybe_live,
        "link": post.link,
        "images": list(post.images or []),
    }


def transition_json(t: Transition, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "post_id": t.post_id,
        "at": t.at.astimezone(tz).isoformat(),
        "actor": t.actor,
        "from": t.from_status,
        "to": t.to_status,
        "reason": t.reason,
    }


def zone_label(tz: ZoneInfo) -> str:
    return str(tz.key)


def posts_table(posts: Sequence[Post], tz: ZoneInfo) -> Table:
    table = Table(title=None, show_lines=False, header_style="bold")
    table.add_column("Số", justify="right", no_wrap=True, min_width=3)
    table.add_column(f"Thời gian ({zone_label(tz)})", no_wrap=True, min_width=16)
    table.add_column("Kênh", no_wrap=True, min_width=4)
    table.add_column("Loại", no_wrap=True, min_width=9)
    table.add_column("Nội dung", overflow="ellipsis", no_wrap=True, max_width=70)
    table.add_column("Trạng thái", min_width=10)
    for p in posts:
        extra = f" — {p.peak}" if p.kind == "peak" and p.peak else ""
        table.add_row(
            str(p.id),
            fmt_local(p.due_at, tz),
            p.channel,
            KIND_LABELS.get(p.kind, p.kind),
            p.text + extra,
            describe(p.status, p.maybe_live, short=True),
        )
    return table
