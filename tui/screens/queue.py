"""Hàng đợi: every post as a table, filtered by channel, status and dates; bulk approve."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from campaigns.store import Post
from campaigns.store.lifecycle import LABELS, Status
from campaigns.timeutil import fmt_date, parse_date
from tui.engine import QueueFilter
from tui.screens.listing import ListingScreen
from tui.widgets.posts import PostTable

ACTIVE = ("draft", "approved", "publishing", "failed", "missed")
STATUS_CHOICES = [("đang chờ (chưa xong)", "active"), ("mọi trạng thái", "all")] + [
    (label, status) for status, label in LABELS.items()
]


class QueueScreen(ListingScreen):
    MODE = "hang-doi"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filters", "lọc"),
        Binding("escape", "table", "bảng", show=False),
    ]

    def body(self) -> ComposeResult:
        channels = [(name, name) for name in self.engine.channel_names()]
        with Horizontal(id="filters"):
            yield Select(channels, prompt="mọi kênh", id="f-channel", compact=True)
            yield Select(STATUS_CHOICES, value="active", allow_blank=False, id="f-status",
                         compact=True)  # fmt: skip
            yield Input(placeholder="từ ngày dd/mm/yyyy", id="f-from", compact=True)
            yield Input(placeholder="đến ngày", id="f-to", compact=True)
        yield PostTable(self.engine.calendar.tz)
        yield Static(id="queue-count", classes="status-line")

    def on_mount(self) -> None:
        today = self.engine.today()
        self.query_one("#f-from", Input).value = fmt_date(today)
        self.table.focus()

    def current_filter(self) -> QueueFilter:
        channel = self.query_one("#f-channel", Select).value
        status = self.query_one("#f-status", Select).value
        statuses: tuple[str, ...] | None = (
            ACTIVE if status == "active" else None if status == "all" else (str(status),)
        )
        return QueueFilter(
            channel=channel if isinstance(channel, str) else None,
            statuses=statuses,
            start=self._date("#f-from"),
            end=self._date("#f-to"),
        )

    def _date(self, selector: str) -> date | None:
        field = self.query_one(selector, Input)
        text = field.value.strip()
        field.set_class(False, "-invalid")
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            field.set_class(True, "-invalid")
            self.notify(str(exc), severity="warning")
            return None

    def reload(self, wanted: QueueFilter | None = None) -> None:
        self.filter = wanted or self.current_filter()
        super().reload()

    def fetch(self) -> list[Post]:
        return [p for p in self.engine.queue(self.filter) if p.status != Status.SUPERSEDED]

    def shown(self, posts: list[Post]) -> None:
        super().shown(posts)
        f = self.filter
        where = f"kênh {f.channel}" if f.channel else "mọi kênh"
        self.query_one("#queue-count", Static).update(
            f"{len(posts)} bài · {where} · giờ {self.engine.tz_name} · Enter mở bài"
        )

    @on(Select.Changed)
    @on(Input.Submitted)
    @on(Input.Blurred)
    def _filters_changed(self) -> None:
        if not self.is_mounted:
            return
        wanted = self.current_filter()
        if wanted != getattr(self, "filter", None):
            self.reload(wanted)

    def action_filters(self) -> None:
        self.query_one("#f-channel", Select).focus()

    def action_table(self) -> None:
        self.table.focus()
