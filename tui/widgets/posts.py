"""A table of posts: time in the ward's zone, channel, kind, text, status; marks for bulk work.

Attributes down: ``show(posts)``. Messages up: ``PostTable.Open`` when a row is chosen.
Rows are keyed by post id, so marks survive a reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from campaigns.store import Post
from campaigns.timeutil import fmt_local
from tui.widgets.labels import clip, kind_label, status_text

MARK = Text("✓", style="bold #4ea1ff")
FIXED = 62  # width taken by every column but the text


class PostTable(DataTable[str | Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "chọn"),
        Binding("asterisk", "mark_all", "chọn hết"),
    ]

    class Open(Message):
        def __init__(self, post_id: int) -> None:
            self.post_id = post_id
            super().__init__()

    def __init__(self, tz: ZoneInfo, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.tz = tz
        self.marked: set[int] = set()
        self.posts: dict[int, Post] = {}
        self.order: list[int] = []

    def on_mount(self) -> None:
        self.add_column("", key="mark", width=1)
        self.add_column("Giờ", key="time", width=16)
        self.add_column("Kênh", key="channel", width=9)
        self.add_column("Loại", key="kind", width=9)
        self.add_column("Nội dung", key="text")
        self.add_column("Trạng thái", key="status", width=11)

    def show(self, posts: Sequence[Post], width: int | None = None) -> None:
        """Replace the rows, keeping the cursor on the same post when it is still there."""
        text_width = max(14, (width or self.size.width or 80) - FIXED)
        current = self.current_id()
        self.posts = {p.id: p for p in posts if p.id is not None}
        self.order = list(self.posts)
        self.marked &= set(self.posts)
        self.clear()
        self.add_rows(
            (
                MARK if p.id in self.marked else "",
                fmt_local(p.due_at, self.tz),
                p.channel,
                clip(kind_label(p.kind), 9),
                clip(p.text, text_width),
                status_text(p.status),
            )
            for p in posts
        )
        if current in self.posts:
            self.move_cursor(row=self.order.index(current), animate=False)

    def current_id(self) -> int | None:
        if not self.order or not 0 <= self.cursor_row < len(self.order):
            return None
        return self.order[self.cursor_row]

    def chosen(self) -> list[int]:
        """The marked posts, or the one under the cursor when none is marked."""
        if self.marked:
            return [pid for pid in self.order if pid in self.marked]
        current = self.current_id()
        return [current] if current is not None else []

    def action_mark(self) -> None:
        pid = self.current_id()
        if pid is None:
            return
        self.marked ^= {pid}
        self.update_cell_at(Coordinate(self.cursor_row, 0), MARK if pid in self.marked else "")
        self.move_cursor(row=self.cursor_row + 1)

    def action_mark_all(self) -> None:
        self.marked = set() if self.marked >= set(self.posts) else set(self.posts)
        for i, pid in enumerate(self.order):
            self.update_cell_at(Coordinate(i, 0), MARK if pid in self.marked else "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        pid = self.current_id()
        if pid is not None:
            self.post_message(self.Open(pid))
