"""A table of posts that stays fast with tens of thousands of rows.

Only the visible lines are ever rendered (Textual's line API), so 10,000 posts open and
scroll as quickly as 10. Columns: mark, time in the ward's zone, channel, kind, text,
status. Attributes down: ``show(posts)``. Messages up: ``PostTable.Open``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from campaigns.store import Post
from campaigns.timeutil import fmt_local
from tui.widgets.labels import kind_label, look, status_label

COLUMNS = (("", 1), ("Giờ", 16), ("Kênh", 9), ("Loại", 9), ("Nội dung", 0), ("Trạng thái", 16))
GAP = 2


class PostTable(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "lên", show=False),
        Binding("down", "cursor(1)", "xuống", show=False),
        Binding("pageup", "page(-1)", "trang trước", show=False),
        Binding("pagedown", "page(1)", "trang sau", show=False),
        Binding("home", "cursor(-1000000000)", "đầu", show=False),
        Binding("end", "cursor(1000000000)", "cuối", show=False),
        Binding("enter", "open", "mở bài", show=False),
        Binding("space", "mark", "chọn"),
        Binding("asterisk", "mark_all", "chọn hết"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "post-table--header", "post-table--cursor", "post-table--odd", "post-table--empty",
    }  # fmt: skip
    DEFAULT_CSS = """
    PostTable { height: 1fr; overflow-x: hidden; }
    PostTable > .post-table--header { text-style: bold; color: $accent; }
    PostTable > .post-table--cursor { background: $block-cursor-blurred-background; }
    PostTable:focus > .post-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    PostTable > .post-table--odd { background: $surface; }
    PostTable > .post-table--empty { color: $text-muted; text-style: italic; }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Open(Message):
        def __init__(self, post_id: int) -> None:
            self.post_id = post_id
            super().__init__()

    def __init__(self, tz: ZoneInfo, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tz = tz
        self.marked: set[int] = set()
        self.posts: dict[int, Post] = {}
        self.order: list[int] = []
        self._cells: dict[int, tuple[str, ...]] = {}  # formatted on first paint of a row

    # -- attributes down -----------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.order)

    def show(self, posts: Sequence[Post]) -> None:
        """Replace the rows, keeping the cursor on the same post when it is still there."""
        current = self.current_id()
        self.posts = {p.id: p for p in posts if p.id is not None}
        self.order = list(self.posts)
        self.marked &= set(self.posts)
        self._cells.clear()
        self.virtual_size = Size(0, len(self.order) + 1)
        row = self.order.index(current) if current in self.posts else 0
        self.cursor_row = min(row, max(len(self.order) - 1, 0))
        self.refresh()

    def current_id(self) -> int | None:
        if not 0 <= self.cursor_row < len(self.order):
            return None
        return self.order[self.cursor_row]

    def chosen(self) -> list[int]:
        """The marked posts, or the one under the cursor when none is marked."""
        if self.marked:
            return [pid for pid in self.order if pid in self.marked]
        current = self.current_id()
        return [current] if current is not None else []

    # -- drawing -------------------------------------------------------------------------

    def _widths(self) -> list[int]:
        fixed = sum(w for _, w in COLUMNS) + GAP * (len(COLUMNS) - 1)
        text = max(self.scrollable_content_region.width - fixed, 12)
        return [w or text for _, w in COLUMNS]

    def _row_cells(self, pid: int) -> tuple[str, ...]:
        cells = self._cells.get(pid)
        if cells is None:
            p = self.posts[pid]
            text = " ".join(p.text.split())
            cells = (
                fmt_local(p.due_at, self.tz), p.channel, kind_label(p.kind), text,
                status_label(p.status, p.maybe_live),
            )  # fmt: skip
            self._cells[pid] = cells
        return cells

    def _line(self, cells: Sequence[str], styles: Sequence[Style], base: Style) -> Strip:
        segments = []
        for i, (value, width, style) in enumerate(zip(cells, self._widths(), styles, strict=True)):
            if len(value) > width:
                value = value[: max(width - 1, 0)] + "…"
            segments.append(Segment(set_cell_size(value, width), base + style))
            if i < len(cells) - 1:
                segments.append(Segment(" " * GAP, base))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            header = self.get_component_rich_style("post-table--header")
            names = [name for name, _ in COLUMNS]
            return self._line(names, [Style()] * len(names), header).extend_cell_length(width)
        index = self.scroll_offset.y + y - 1
        base = self.rich_style
        if not self.order and y == 1:
            empty = self.get_component_rich_style("post-table--empty")
            return Strip([Segment(" Không có bài nào phù hợp.", empty)]).extend_cell_length(width)
        if index >= len(self.order):
            return Strip.blank(width, base)
        pid = self.order[index]
        time, channel, kind, text, status = self._row_cells(pid)
        post = self.posts[pid]
        sym, sym_style = look(post.status, post.maybe_live)
        mark = "✓" if pid in self.marked else " "
        if index == self.cursor_row:
            row_style = base + self.get_component_rich_style("post-table--cursor")
            status_style = Style()
        else:
            odd = self.get_component_rich_style("post-table--odd") if index % 2 else Style()
            row_style = base + odd
            status_style = Style.parse(sym_style) if sym_style else Style()
        plain = Style()
        styles = [Style(bold=True, color="#4ea1ff"), plain, plain, plain, plain, status_style]
        cells = (mark, time, channel, kind, text, f"{sym} {status}")
        return self._line(cells, styles, row_style).extend_cell_length(width, row_style)

    # -- moving --------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        clamped = min(max(new, 0), max(len(self.order) - 1, 0))
        if clamped != new:
            self.cursor_row = clamped
            return
        self._keep_visible(new)
        self.refresh()

    def _keep_visible(self, row: int) -> None:
        height = self.scrollable_content_region.height - 1  # below the header
        top = self.scroll_offset.y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif height > 0 and row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def action_cursor(self, delta: int) -> None:
        self.cursor_row = self.cursor_row + delta

    def action_page(self, direction: int) -> None:
        self.cursor_row = self.cursor_row + direction * max(self.size.height - 2, 1)

    def action_open(self) -> None:
        pid = self.current_id()
        if pid is not None:
            self.post_message(self.Open(pid))

    def action_mark(self) -> None:
        pid = self.current_id()
        if pid is None:
            return
        self.marked ^= {pid}
        self.cursor_row += 1

    def action_mark_all(self) -> None:
        self.marked = set() if self.marked >= set(self.posts) else set(self.posts)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        row = self.scroll_offset.y + event.y - 1
        if row >= len(self.order):
            return
        if row == self.cursor_row and event.chain >= 2:
            self.action_open()
        self.cursor_row = row
        self.focus()
