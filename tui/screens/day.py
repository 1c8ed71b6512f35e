"""One day: its posts in a table; approve the whole day at once."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from campaigns.store import Post
from campaigns.store.lifecycle import APPROVE, Status
from campaigns.timeutil import fmt_date
from tui.engine import Engine
from tui.screens.listing import ListingScreen
from tui.widgets.posts import PostTable

WEEKDAY_LONG = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


class DayScreen(ListingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "quay lại"),
        Binding("A", "approve_day", "duyệt ngày"),
    ]

    def __init__(self, engine: Engine, day: date) -> None:
        super().__init__(engine)
        self.day = day

    def body(self) -> ComposeResult:
        title = f"{WEEKDAY_LONG[self.day.weekday()]} {fmt_date(self.day)}"
        yield Static(Text(f"{title} — giờ {self.engine.tz_name}"), classes="title")
        yield PostTable(self.engine.calendar.tz)

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def fetch(self) -> list[Post]:
        posts = self.engine.posts_between(self.day, self.day)
        return [p for p in posts if p.status != Status.SUPERSEDED]

    def action_approve_day(self) -> None:
        ids = self.engine.ids_on_day(self.day, [Status.DRAFT])
        if not ids:
            self.notify(f"Ngày {fmt_date(self.day)} không còn bài nháp nào.")
            return
        result = self.engine.move(ids, APPROVE)
        self.notify(f"Đã duyệt {len(result.changed)} bài ngày {fmt_date(self.day)}.")
        self.reload()
