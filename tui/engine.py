"""The TUI's only door to the engine: every read and write goes through ``Engine``.

The engine pieces still being built elsewhere (image rendering, caption composition,
channel checks, publish-now, the daemon's heartbeat) each sit behind one method here, so
wiring them is a one-place change. A piece that is not installed raises ``NotAvailable``
with a Vietnamese message the screens show as is: never a fake success.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from campaigns.config import WardCalendar
from campaigns.content.model import Fact
from campaigns.errors import UserError
from campaigns.store import MoveResult, Post, Store, Transition, edits
from campaigns.store.lifecycle import Move
from campaigns.store.models import OWN
from campaigns.timeutil import parse_when, utcnow
from tui.status import ChannelNote, DaemonStatus

if TYPE_CHECKING:
    from campaigns.own import OwnPost

Clock = Callable[[], datetime]


class NotAvailable(UserError):
    """A part of the engine this installation does not have yet."""


def optional(module: str, what: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise NotAvailable(f"Chưa có {what} trong bản cài này.") from None


@dataclass(frozen=True)
class QueueFilter:
    channel: str | None = None
    statuses: tuple[str, ...] | None = None
    start: date | None = None
    end: date | None = None  # inclusive


@dataclass(frozen=True)
class CaptionField:
    name: str
    label: str
    value: str
    limit: int | None
    single_line: bool
    edited: bool


@dataclass(frozen=True)
class CaptionView:
    channel_type: str
    fields: list[CaptionField]
    caption: Any = field(repr=False, default=None)  # campaigns.captions.Caption


@dataclass(frozen=True)
class ChannelCheck:
    identity: str
    expires: datetime | None
    notes: tuple[str, ...] = ()


Publisher = Callable[["Engine", Post], Post]
Checker = Callable[["Engine", str], ChannelCheck]
Heartbeat = Callable[["Engine"], DaemonStatus]


class Engine:
    def __init__(
        self,
        calendar: WardCalendar,
        store: Store,
        *,
        clock: Clock = utcnow,
        actor: str = "tui",
        publisher: Publisher | None = None,
        checker: Checker | None = None,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        self.calendar = calendar
        self.store = store
        self.clock = clock
        self.actor = actor
        self._publisher = publisher
        self._checker = checker
        self._heartbeat = heartbeat

    # -- basics -----------------------------------------------------------------------

    @property
    def unit(self) -> str:
        return self.calendar.unit

    @property
    def tz_name(self) -> str:
        return self.calendar.config.timezone

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().astimezone(self.calendar.tz).date()

    def bounds(self, first: date, last: date) -> tuple[datetime, datetime]:
        tz = self.calendar.tz
        start = datetime.combine(first, time(0), tzinfo=tz)
        return start, datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)

    def channel_names(self) -> list[str]:
        return [c.name for c in self.calendar.channels]

    # -- reading ----------------------------------------------------------------------

    def posts_between(self, first: date, last: date) -> list[Post]:
        start, end = self.bounds(first, last)
        return self.store.posts(self.unit, start=start, end=end)

    def queue(self, f: QueueFilter, limit: int | None = None) -> list[Post]:
        start = self.bounds(f.start, f.start)[0] if f.start else None
        end = self.bounds(f.end, f.end)[1] if f.end else None
        return self.store.posts(
            self.unit, start=start, end=end, channel=f.channel, statuses=f.statuses, limit=limit
        )

    def ids_on_day(self, day: date, statuses: Sequence[str]) -> list[int]:
        start, end = self.bounds(day, day)
        return self.store.ids_in_range(self.unit, start, end, statuses)

    def post(self, post_id: int) -> Post:
        return self.store.get(self.unit, post_id)

    def history(self, post_id: int) -> list[Transition]:
        return self.store.history(self.unit, post_id)

    def stamp(self) -> edits.Stamp:
        return edits.stamp(self.store, self.unit)

    def outcomes(self) -> dict[str, edits.ChannelOutcome]:
        return edits.channel_outcomes(self.store, self.unit)

    def approved_due(self, hours: int = 24) -> int:
        now = self.clock()
        return edits.approved_due(self.store, self.unit, now, now + timedelta(hours=hours))

    def next_due(self, limit: int) -> list[Post]:
        """Approved posts from an hour ago on (so the just-overdue ones show too)."""
        start = self.clock() - timedelta(hours=1)
        return self.store.posts(self.unit, start=start, statuses=["approved"], limit=limit)

    def recent_failures(self, limit: int) -> list[Post]:
        failed = self.store.posts(self.unit, statuses=["failed", "missed"])
        return sorted(failed, key=lambda p: p.updated_at, reverse=True)[:limit]

    def content_choices(self, post: Post) -> list[tuple[str, str, str]]:
        """(content id, kind, text) of every slogan and fact card of the post's campaign."""
        pool = self.calendar.pools.get(post.campaign)
        if pool is None:
            return []
        return [(item.id, item.kind, item.text) for item in pool.items]

    # -- writing ----------------------------------------------------------------------

    def move(self, ids: Sequence[int], rule: Move, reason: str = "") -> MoveResult:
        return self.store.move(self.unit, ids, rule, actor=self.actor, reason=reason)

    def reschedule(self, post_id: int, when_text: str) -> Post:
        try:
            when = parse_when(when_text, self.calendar.tz)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        return self.store.reschedule(
            self.unit, post_id, when, actor=self.actor, tz=self.calendar.tz
        )

    def mark_live(self, post_id: int, link: str) -> Post:
        link = link.strip()
        if not link.startswith(("https://", "http://")):
            raise UserError(f"'{link}' không phải địa chỉ web (cần bắt đầu bằng https://).")
        return self.store.mark_live(self.unit, post_id, link, actor=self.actor)

    def confirm_not_live(self, post_id: int) -> Post:
        return self.store.confirm_not_live(self.unit, post_id, actor=self.actor)

    def edit_caption(self, post_id: int, values: dict[str, str | None]) -> Post:
        return edits.edit_caption(self.store, self.unit, post_id, values, actor=self.actor)

    def change_content(self, post_id: int, content_id: str) -> Post:
        post = self.post(post_id)
        found = self.calendar.item(content_id)
        if found is None:
            raise UserError(f"Không có nội dung mã '{content_id}'.")
        item = found[1]
        kind = "fact" if isinstance(item, Fact) else "slogan"
        return edits.change_content(
            self.store, self.unit, post.id or post_id, content_id, kind, item.text,
            actor=self.actor,
        )  # fmt: skip

    def add_own(
        self,
        channels: Sequence[str],
        when_text: str,
        text: str,
        photos: Sequence[Path] = (),
        link: str | None = None,
    ) -> list[int]:
        """The officer's own post on each channel: all checked, then all added, or none.
        Slow (photos are prepared): call from a worker."""
        from campaigns.own import save_own_posts

        if not channels:
            raise UserError("Chọn ít nhất một kênh để đăng.")
        try:
            when = parse_when(when_text, self.calendar.tz)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        checked = [self._own(name, when, text, photos, link) for name in channels]
        return save_own_posts(self.store, checked, self.actor)

    def _own(
        self, channel: str, when: datetime, text: str, photos: Sequence[Path], link: str | None
    ) -> OwnPost:
        from campaigns.own import prepare_own_post

        return prepare_own_post(
            self.store, self.calendar, channel=channel, when=when, text=text, photos=photos,
            link=link or None, actor=self.actor,
        )  # fmt: skip

    # -- adapters to engine parts built elsewhere ------------------------------------

    def preview(self, post: Post) -> bytes:
        """The post's image (JPEG or PNG bytes). Slow: call from a worker."""
        if post.kind == OWN:  # the officer's own photos: the first is the post's image
            from campaigns.publishing.request import own_images

            photos = own_images(post)
            if not photos:
                raise UserError("Bài riêng này không có ảnh; chỉ đăng nội dung.")
            return photos[0].data
        render = optional("campaigns.render", "bộ vẽ ảnh (campaigns.render)")
        return bytes(render.render_post(self.calendar, post).data)

    def caption(self, post: Post) -> CaptionView:
        captions = optional("campaigns.captions", "bộ soạn chú thích (campaigns.captions)")
        rules = optional("campaigns.captions.validate", "bộ kiểm tra chú thích")
        templates = optional("campaigns.captions.templates", "mẫu chú thích")
        composed = captions.compose(self.calendar, post)
        single: set[str] = set(getattr(templates, "SINGLE_LINE", ()))
        out = []
        for name, value in composed.fields.items():
            label, limit = rules.LIMITS.get((composed.type, name), (name, None))
            out.append(
                CaptionField(
                    name, str(label), str(value), limit, name in single, name in composed.edited
                )
            )
        return CaptionView(str(composed.type), out, composed)

    def caption_problems(self, view: CaptionView, values: dict[str, str]) -> list[str]:
        captions = optional("campaigns.captions", "bộ kiểm tra chú thích")
        if view.caption is None:
            return []
        fields = {**view.caption.fields, **{k: v.strip() for k, v in values.items()}}
        caption = captions.Caption(
            view.caption.channel, view.caption.type, fields, view.caption.hashtags
        )
        return [str(p) for p in captions.validate(caption)]

    def check_channel(self, name: str) -> ChannelCheck:
        """Ask the platform who the channel is connected as. Slow: call from a worker."""
        if self._checker is not None:
            return self._checker(self, name)
        from tui import wiring

        return wiring.check_channel(self, name)

    def publish_now(self, post_id: int) -> Post:
        """Publish one post at once through its channel. Slow: call from a worker."""
        post = self.post(post_id)
        if self._publisher is not None:
            return self._publisher(self, post)
        from tui import wiring

        return wiring.publish_now(self, post)

    def channel_notes(self) -> dict[str, ChannelNote]:
        from tui import wiring

        return wiring.channel_notes(self)

    def daemon(self) -> DaemonStatus:
        if self._heartbeat is not None:
            return self._heartbeat(self)
        from tui import wiring

        return wiring.heartbeat(self)
