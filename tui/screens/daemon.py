"""Daemon: its heartbeat, its last tick, the next posts due and the recent errors."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from campaigns.store import Post
from campaigns.timeutil import fmt_local
from tui.screens.base import AUTO, LoaScreen
from tui.status import ChannelNote, DaemonStatus
from tui.widgets.labels import clip
from tui.widgets.posts import PostTable
from tui.widgets.preview import ImageMode


class DaemonScreen(LoaScreen):
    MODE = "daemon"

    def body(self) -> ComposeResult:
        yield Static(id="heartbeat", classes="detail")
        yield Static("Bài sắp đến giờ đăng (đã duyệt)", classes="section")
        yield PostTable(self.engine.calendar.tz, id="next-due")
        yield Static("Lỗi gần đây", classes="section")
        yield DataTable(id="errors", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#errors", DataTable).add_columns("Giờ", "Kênh", "Bài", "Lỗi")

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="daemon")
    def load(self) -> None:
        status = self.engine.daemon()
        due = self.engine.next_due(20)
        failed = self.engine.recent_failures(20)
        notes = self.engine.channel_notes()
        self.app.call_from_thread(self.show, status, due, failed, notes)

    def show(
        self,
        status: DaemonStatus,
        due: list[Post],
        failed: list[Post],
        notes: dict[str, ChannelNote] | None = None,
    ) -> None:
        tz = self.engine.calendar.tz
        text = Text()
        if status.running:
            text.append(f"● {AUTO} đang chạy", style="bold green")
            if status.host:
                text.append(f" trên {status.host}")
        else:
            text.append(f"✘ {AUTO} không chạy (lệnh 'loa daemon')", style="bold red")
        text.append("\n")
        beat = fmt_local(status.last_beat, tz, with_zone=True) if status.last_beat else "chưa có"
        tick = fmt_local(status.last_tick, tz, with_zone=True) if status.last_tick else "chưa có"
        text.append(f"Nhịp tim gần nhất: {beat} · Lần quét gần nhất: {tick}")
        if status.note:
            text.append(f"\n{status.note}", style="italic")
        for channel, note in sorted((notes or {}).items()):
            if note.paused:
                text.append(f"\n⏸ {channel}: tạm dừng — {note.reason or 'lỗi mã hoặc cấu hình'}",
                            style="bold red")  # fmt: skip
            elif note.blocked_until:
                until = fmt_local(note.blocked_until, tz)
                text.append(f"\n⏳ {channel}: nền tảng giới hạn, chờ đến {until}", style="yellow")
            if note.warning:
                text.append(f"\n⚠ {channel}: {note.warning}", style="yellow")
        self.query_one("#heartbeat", Static).update(text)
        self.query_one("#next-due", PostTable).show(due)
        table = self.query_one("#errors", DataTable)
        table.clear()
        for p in failed:
            reason = p.error or ("quá giờ, chưa đăng" if p.status == "missed" else "không rõ lỗi")
            table.add_row(fmt_local(p.due_at, tz), p.channel, f"số {p.id}", Text(clip(reason, 60)),
                          key=str(p.id))  # fmt: skip

    def on_post_table_open(self, message: PostTable.Open) -> None:
        self.open(message.post_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open(int(event.row_key.value))

    def open(self, post_id: int) -> None:
        from tui.screens.post import PostScreen

        mode: ImageMode = getattr(self.app, "image_mode", "auto")
        self.app.push_screen(PostScreen(self.engine, post_id, mode))
