"""Kênh: each channel's identity, token expiry, last success and failure, a check button,
and how to set its token."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, DataTable, Static

from campaigns.errors import LoaError
from campaigns.store.edits import ChannelOutcome
from campaigns.timeutil import fmt_date, fmt_local
from tui.engine import ChannelCheck, Engine
from tui.screens.base import LoaScreen
from tui.status import ChannelNote
from tui.widgets.labels import clip

HOW_TO = {
    "facebook": "Cần mã truy cập của Trang (Page token), không phải của tài khoản cá nhân.",
    "zalo": "Cần access token và refresh token của Zalo OA (refresh token chỉ dùng được một "
    "lần; Loa tự lưu mã mới).",
    "website": "Tạo mật khẩu ứng dụng (Application Password) trong WordPress cho người dùng "
    "biên tập.",
    "outbox": "Không cần mã: bài được ghi ra thư mục để in hoặc chuyển tay.",
}


def short(moment: datetime, tz: ZoneInfo) -> str:
    """'03/04 08:00' (this table is about recent days; the full date is in the detail)."""
    return moment.astimezone(tz).strftime("%d/%m %H:%M")


COLUMNS = [
    ("Kênh", 14), ("Tài khoản", 20), ("Mã hết hạn", 10), ("Đăng gần nhất", 13),
    ("Lỗi gần nhất", 12),
]  # fmt: skip


class ChannelsScreen(LoaScreen):
    MODE = "kenh"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "check", "kiểm tra kênh")]

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.checks: dict[str, ChannelCheck | str] = {}
        self.outcomes: dict[str, ChannelOutcome] = {}
        self.notes: dict[str, ChannelNote] = {}

    def body(self) -> ComposeResult:
        yield Static("Kênh đăng bài", classes="title")
        yield DataTable(id="channels", cursor_type="row")
        yield Static(id="channel-detail", classes="detail")
        yield Button("Kiểm tra kết nối (c)", id="check", compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#channels", DataTable)
        # fixed widths: the layout must not jump when the rows arrive from the worker
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        table.focus()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="outcomes")
    def load(self) -> None:
        outcomes = self.engine.outcomes()
        notes = self.engine.channel_notes()
        self.app.call_from_thread(self.show, outcomes, notes)

    def show(
        self, outcomes: dict[str, ChannelOutcome], notes: dict[str, ChannelNote] | None = None
    ) -> None:
        self.outcomes = outcomes
        if notes is not None:
            self.notes = notes
        tz = self.engine.calendar.tz
        table = self.query_one("#channels", DataTable)
        row = table.cursor_row
        table.clear()
        for ch in self.engine.calendar.config.channels:
            out = outcomes.get(ch.name, ChannelOutcome(None, None, None))
            check = self.checks.get(ch.name)
            who = "chưa kiểm tra"
            expires = "—"
            if isinstance(check, ChannelCheck):
                who = check.identity
                expires = (
                    fmt_date(check.expires.astimezone(tz).date()) if check.expires else "không"
                )
            elif isinstance(check, str):
                who = "không kiểm tra được"
            note = self.notes.get(ch.name, ChannelNote())
            if expires == "—" and note.token_expires is not None:
                expires = fmt_date(note.token_expires.astimezone(tz).date())
            name = note.mark + (ch.name if ch.enabled else f"{ch.name} (tắt)")
            table.add_row(
                Text(name), Text(clip(who, COLUMNS[1][1])), expires,
                short(out.last_published, tz) if out.last_published else "chưa có",
                short(out.last_failed, tz) if out.last_failed else "không",
                key=ch.name,
            )  # fmt: skip
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.detail()

    def current(self) -> str | None:
        channels = self.engine.calendar.config.channels
        row = self.query_one("#channels", DataTable).cursor_row
        return channels[row].name if 0 <= row < len(channels) else None

    def detail(self) -> None:
        name = self.current()
        channel = self.engine.calendar.channel(name) if name else None
        if channel is None:
            return
        lines = [f"[b]{channel.name}[/] ({channel.type})"]
        check = self.checks.get(channel.name)
        if isinstance(check, ChannelCheck):
            lines.append(f"Kết nối với: {escape(check.identity)}")
            lines += [escape(n) for n in check.notes]
        elif isinstance(check, str):
            lines.append(f"[red]✘ {escape(check)}[/]")
        out = self.outcomes.get(channel.name)
        tz = self.engine.calendar.tz
        note = self.notes.get(channel.name)
        if note and note.paused:
            lines.append(
                f"[red]⏸ Tự động đăng tạm dừng kênh này:[/] {note.reason or 'lỗi mã hoặc cấu hình'}"
            )
        if note and note.blocked_until:
            lines.append(
                f"[yellow]⏳ Nền tảng giới hạn, chờ đến {fmt_local(note.blocked_until, tz)}[/]"
            )
        if note and note.warning:
            lines.append(f"[yellow]⚠ {escape(note.warning)}[/]")
        if out and out.last_published:
            lines.append(f"Đăng thành công gần nhất: {fmt_local(out.last_published, tz)}")
        if out and out.last_failed:
            lines.append(f"Lỗi gần nhất lúc {fmt_local(out.last_failed, tz)}")
        if out and out.last_error:
            lines.append(f"[red]Lỗi gần nhất:[/] {escape(out.last_error)}")
        lines.append(HOW_TO.get(channel.type, ""))
        if channel.type != "outbox":
            lines.append(f"Đặt mã: [b]loa channels set-token {channel.name}[/]")
        self.query_one("#channel-detail", Static).update("\n".join(lines))

    def on_data_table_row_highlighted(self) -> None:
        self.detail()

    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        name = self.current()
        if name:
            self.notify(f"Đang kiểm tra kênh {name}…")
            self.check(name)

    @work(thread=True, exclusive=True, group="check")
    def check(self, name: str) -> None:
        result: ChannelCheck | str
        try:
            result = self.engine.check_channel(name)
        except LoaError as exc:
            result = exc.message
        self.app.call_from_thread(self.checked, name, result)

    def checked(self, name: str, result: ChannelCheck | str) -> None:
        self.checks[name] = result
        if isinstance(result, str):
            self.notify(result, severity="error", timeout=8)
        else:
            self.notify(f"Kênh {name}: kết nối tốt ({result.identity}).")
        self.show(self.outcomes)
