"""Lịch: the month at a glance, peaks highlighted, each day's posts per channel."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from campaigns.config.dates import dated_blackouts
from campaigns.planning.slots import peak_windows
from campaigns.store.lifecycle import APPROVE, Status
from campaigns.timeutil import fmt_date
from tui.screens.base import LoaScreen
from tui.screens.day import DayScreen
from tui.widgets.labels import legend
from tui.widgets.month import DayInfo, MonthGrid, grid_days

WEEKDAY_LONG = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


class CalendarScreen(LoaScreen):
    MODE = "lich"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("a", "approve_day", "duyệt ngày")]

    def body(self) -> ComposeResult:
        yield Static(id="month-title", classes="title")
        yield MonthGrid(
            self.engine.today(), self.engine.channel_names(), self.engine.today(), id="month"
        )
        yield Static(id="day-line", classes="status-line")

    def on_mount(self) -> None:
        self.query_one(MonthGrid).focus()

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    def reload(self) -> None:
        self._title()
        cursor = self.grid.cursor
        self.run_worker(lambda: self._load(cursor), thread=True, exclusive=True, group="month")

    def _load(self, cursor: date) -> None:
        days = grid_days(cursor)
        first, last = days[0], days[-1]
        info: dict[date, DayInfo] = {}
        cal = self.engine.calendar
        for w in peak_windows(cal, first, last):
            for d in days:
                if w.first <= d <= w.last:
                    info.setdefault(d, DayInfo()).peak = w.peak.name
                    info[d].peak_day = info[d].peak_day or d == w.day
        for b in dated_blackouts(cal.config, first, last):
            for d in days:
                if b.start <= d <= b.end:
                    info.setdefault(d, DayInfo()).blackout = b.blackout.name
        for post in self.engine.posts_between(first, last):
            if post.status == Status.SUPERSEDED:
                continue
            d = post.due_at.astimezone(cal.tz).date()
            info.setdefault(d, DayInfo()).statuses.setdefault(post.channel, []).append(post.status)
        self.app.call_from_thread(self._show, cursor, info)

    def _show(self, cursor: date, info: dict[date, DayInfo]) -> None:
        if (cursor.year, cursor.month) == (self.grid.cursor.year, self.grid.cursor.month):
            self.grid.set_days(info)
            self._day_line()

    def _title(self) -> None:
        cursor = self.grid.cursor
        first, last = grid_days(cursor)[0], grid_days(cursor)[-1]
        text = Text(f"Tháng {cursor.month}/{cursor.year}", style="bold")
        peaks = [
            w
            for w in peak_windows(self.engine.calendar, first, last)
            if w.first.month == cursor.month or w.last.month == cursor.month
        ]
        for w in peaks:
            text.append("  ★ ", style="#ffd24d")
            span = f"{w.first.day}/{w.first.month}–{w.last.day}/{w.last.month}"
            text.append(f"{w.peak.name} ({span})", style="#ffd24d")
        self.query_one("#month-title", Static).update(text)

    def _day_line(self) -> None:
        day = self.grid.cursor
        info = self.grid.days.get(day, DayInfo())
        count = sum(len(s) for s in info.statuses.values())
        drafts = sum(s.count(Status.DRAFT) for s in info.statuses.values())
        text = Text(f"{WEEKDAY_LONG[day.weekday()]} {fmt_date(day)}: ", style="bold")
        text.append(f"{count} bài" + (f", {drafts} nháp" if drafts else ""))
        if info.peak:
            text.append(f" · {info.peak}", style="#ffd24d")
        if info.blackout:
            text.append(f" · nghỉ đăng: {info.blackout}", style="italic")
        text.append("\n")
        text.append_text(legend())
        text.append("  · [ ] năm · t hôm nay", style="dim")
        self.query_one("#day-line", Static).update(text)

    def on_month_grid_moved(self, message: MonthGrid.Moved) -> None:
        if message.new_month:
            self.reload()
        self._day_line()

    def on_month_grid_open(self, message: MonthGrid.Open) -> None:
        self.app.push_screen(DayScreen(self.engine, message.day))

    def action_approve_day(self) -> None:
        day = self.grid.cursor
        ids = self.engine.ids_on_day(day, [Status.DRAFT])
        if not ids:
            self.notify(f"Ngày {fmt_date(day)} không có bài nháp nào để duyệt.")
            return
        result = self.engine.move(ids, APPROVE)
        self.notify(f"Đã duyệt {len(result.changed)} bài ngày {fmt_date(day)}.")
        self.reload()
