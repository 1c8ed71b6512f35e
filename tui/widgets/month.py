"""The month grid: six weeks of day cells, a cursor moved by keys or the mouse.

Attributes down: the screen sets ``days`` (what each day holds). Messages up: the grid
posts ``MonthGrid.Moved`` when the cursor leaves the shown month and ``MonthGrid.Open``
when the officer opens a day.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from campaigns.config.model import WEEKDAY_NAMES
from tui.widgets.labels import SYMBOLS, clip, short_channel


@dataclass
class DayInfo:
    peak: str | None = None
    peak_day: bool = False
    blackout: str | None = None
    statuses: dict[str, list[str]] = field(default_factory=dict)  # channel -> statuses


def grid_start(month: date) -> date:
    first = month.replace(day=1)
    return first - timedelta(days=first.weekday())


def grid_days(month: date) -> list[date]:
    start = grid_start(month)
    return [start + timedelta(days=i) for i in range(42)]


def add_months(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


class DayCell(Widget):
    class Clicked(Message):
        def __init__(self, day: date) -> None:
            self.day = day
            super().__init__()

    def __init__(self, index: int) -> None:
        super().__init__(id=f"d{index}", classes="day")
        self.day = date(2000, 1, 1)
        self.info = DayInfo()
        self.channels: list[str] = []

    def show(self, day: date, info: DayInfo, channels: list[str], *, month: int) -> None:
        self.day, self.info, self.channels = day, info, channels
        self.set_class(day.month != month, "-other")
        self.set_class(info.peak is not None, "-peak")
        self.set_class(info.blackout is not None, "-blackout")
        self.set_class(any("failed" in s or "missed" in s for s in info.statuses.values()), "-bad")
        self.refresh()

    def render(self) -> Text:
        width, height = max(self.size.width, 1), max(self.size.height, 1)
        head = Text(f"{self.day.day:>2}", style="bold")
        if self.info.peak_day:
            head.append(" ★", style="bold #ffd24d")
        lines = [head]
        chans = [c for c in self.channels if self.info.statuses.get(c)]
        note = self.info.blackout or self.info.peak
        room = height - 1  # the posts come first; the peak's colour already marks its days
        if chans and room >= len(chans) + (1 if note else 0):
            lines += [self._channel(ch, named=width >= 14) for ch in chans]
        elif chans and room >= 1:
            line = Text(" ").join(self._channel(ch, named=False) for ch in chans)
            if line.cell_len > width:  # too many posts to draw: one symbol per channel
                line = Text(" ").join(self._channel(ch, named=False, short=True) for ch in chans)
            lines.append(line)
        if note and len(lines) < height:
            room = height - len(lines)
            wrapped = textwrap.wrap(note, width) or [note]
            if len(wrapped) > room:  # what does not fit ends with an ellipsis
                wrapped = [*wrapped[: room - 1], clip(" ".join(wrapped[room - 1 :]), width)]
            lines += [Text(line, style="italic") for line in wrapped]
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines[:height])

    def _channel(self, channel: str, *, named: bool, short: bool = False) -> Text:
        statuses = self.info.statuses.get(channel, [])
        if short:
            statuses = list(dict.fromkeys(statuses))
        label = clip(channel, 9) + " " if named else short_channel(channel)
        out = Text(label, style="dim")
        for status in statuses:
            sym, style = SYMBOLS.get(status, ("?", ""))
            out.append(sym, style=style)
        return out

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.day))


class MonthGrid(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "← ngày", show=False),
        Binding("right", "move(1)", "ngày →", show=False),
        Binding("up", "move(-7)", "tuần trước", show=False),
        Binding("down", "move(7)", "tuần sau", show=False),
        Binding("pageup", "month(-1)", "tháng trước"),
        Binding("pagedown", "month(1)", "tháng sau"),
        Binding("left_square_bracket", "month(-12)", "năm trước", show=False),
        Binding("right_square_bracket", "month(12)", "năm sau", show=False),
        Binding("t", "today", "hôm nay", show=False),
        Binding("enter", "open", "mở ngày"),
    ]

    cursor: reactive[date] = reactive(date(2026, 1, 1), init=False)

    class Moved(Message):
        """The cursor moved; with ``new_month`` the screen loads that month's posts."""

        def __init__(self, cursor: date, new_month: bool) -> None:
            self.cursor = cursor
            self.new_month = new_month
            super().__init__()

    class Open(Message):
        def __init__(self, day: date) -> None:
            self.day = day
            super().__init__()

    def __init__(
        self, cursor: date, channels: list[str], today: date, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(MonthGrid.cursor, cursor)
        self.channels = channels
        self.today = today
        self.days: dict[date, DayInfo] = {}

    def compose(self) -> ComposeResult:
        with Grid(id="month-grid"):
            for name in WEEKDAY_NAMES:
                yield Static(name, classes="weekday")
            for i in range(42):
                yield DayCell(i)

    def on_mount(self) -> None:
        self.paint()

    def set_days(self, days: dict[date, DayInfo]) -> None:
        self.days = days
        self.paint()

    def paint(self) -> None:
        for cell, day in zip(self.query(DayCell), grid_days(self.cursor), strict=True):
            cell.show(day, self.days.get(day, DayInfo()), self.channels, month=self.cursor.month)
            cell.set_class(day == self.cursor, "-cursor")
            cell.set_class(day == self.today, "-today")

    def watch_cursor(self, old: date, new: date) -> None:
        new_month = (old.year, old.month) != (new.year, new.month)
        if new_month:
            self.days = {}
        self.paint()
        self.post_message(self.Moved(new, new_month))

    def action_move(self, days: int) -> None:
        self.cursor = self.cursor + timedelta(days=days)

    def action_month(self, months: int) -> None:
        self.cursor = add_months(self.cursor, months)

    def action_today(self) -> None:
        self.cursor = self.today

    def action_open(self) -> None:
        self.post_message(self.Open(self.cursor))

    def on_day_cell_clicked(self, message: DayCell.Clicked) -> None:
        message.stop()
        if message.day == self.cursor:
            self.post_message(self.Open(message.day))
        else:
            self.cursor = message.day
        self.focus()
