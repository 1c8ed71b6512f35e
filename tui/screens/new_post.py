"""Bài mới: the officer's own post — text, photos picked from a folder, an optional link,
one or more channels and a time. Everything is checked (and the photos prepared for each
channel) in a worker; the posts are added all at once or not at all, then the first one
opens on the post screen for its preview, approval and publishing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import ClassVar

import platformdirs
from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, SelectionList, Static, TextArea
from textual.worker import get_current_worker

from campaigns.errors import LoaError
from campaigns.own import MAX_PHOTOS, photo_note, photos_in
from campaigns.timeutil import fmt_local
from tui.engine import Engine

DEFAULT_HOUR = time(8, 0)


def default_folder() -> Path:
    """The user's pictures folder when there is one, else the home folder."""
    pictures = Path(platformdirs.user_pictures_dir())
    return pictures if pictures.is_dir() else Path.home()


class NewPostScreen(Screen[list[int] | None]):
    DEFAULT_CSS = """
    NewPostScreen { padding: 0 1; }
    NewPostScreen .np-row { height: auto; margin-bottom: 1; }
    NewPostScreen .np-row > Label { width: 14; padding: 1 0; }
    NewPostScreen #np-text { height: 5; width: 1fr; }
    NewPostScreen #np-count { width: 1fr; color: $text-muted; padding: 0 0 0 14; }
    NewPostScreen #np-channels { height: auto; max-height: 6; width: 1fr; }
    NewPostScreen #np-photos { height: 6; width: 1fr; }
    NewPostScreen #np-open { margin: 1 0 0 1; }
    NewPostScreen #np-when { width: 22; }
    NewPostScreen #np-zone { width: 1fr; padding: 1 1; color: $text-muted; }
    NewPostScreen #np-link, NewPostScreen #np-folder { width: 1fr; }
    NewPostScreen #np-result { height: auto; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "đóng"),
        Binding("ctrl+s", "add", "thêm bài"),
    ]

    def __init__(self, engine: Engine, folder: Path | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.folder = folder or default_folder()

    def compose(self) -> ComposeResult:
        engine = self.engine
        cal = engine.calendar
        tomorrow = engine.today() + timedelta(days=1)
        when = datetime.combine(tomorrow, DEFAULT_HOUR, tzinfo=cal.tz)
        channels = [(c.name, c.name) for c in cal.channels if c.enabled]
        with VerticalScroll(id="np-form"):
            yield Static(f"[b]Bài mới[/] — {escape(cal.config.ward.name)}", classes="title")
            with Horizontal(classes="np-row"):
                yield Label("Nội dung")
                yield TextArea(id="np-text", soft_wrap=True, show_line_numbers=False)
            yield Static("0 ký tự", id="np-count")
            with Horizontal(classes="np-row"):
                yield Label("Kênh")
                yield SelectionList[str](*channels, id="np-channels")
            with Horizontal(classes="np-row"):
                yield Label("Giờ đăng")
                yield Input(fmt_local(when, cal.tz), id="np-when", placeholder="07/04/2026 07:30")
                yield Static(f"giờ {escape(cal.config.timezone)}", id="np-zone")
            with Horizontal(classes="np-row"):
                yield Label("Liên kết")
                yield Input(id="np-link", placeholder="https://… (không bắt buộc)")
            with Horizontal(classes="np-row"):
                yield Label("Thư mục ảnh")
                yield Input(str(self.folder), id="np-folder")
                yield Button("Mở", id="np-open", compact=True)
            with Horizontal(classes="np-row"):
                yield Label("Ảnh")
                yield SelectionList[str](id="np-photos")
            yield Static(
                f"Chọn tối đa {MAX_PHOTOS} ảnh; ảnh được đăng theo thứ tự chọn.",
                id="np-photo-hint",
            )
            yield Button("Thêm bài (Ctrl+S)", variant="primary", id="np-add")
            yield Static(id="np-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#np-text", TextArea).focus()
        self._list_photos()

    # -- the form --------------------------------------------------------------------

    @on(TextArea.Changed, "#np-text")
    def _count(self, event: TextArea.Changed) -> None:
        self.query_one("#np-count", Static).update(f"{len(event.text_area.text)} ký tự")

    @on(Button.Pressed, "#np-open")
    @on(Input.Submitted, "#np-folder")
    def _list_photos(self) -> None:
        folder = Path(self.query_one("#np-folder", Input).value.strip() or ".").expanduser()
        photos = self.query_one("#np-photos", SelectionList)
        photos.clear_options()
        try:
            found = photos_in(folder)
        except LoaError as exc:
            self._show(f"[red]{escape(exc.message)}[/]")
            return
        self.folder = folder
        photos.add_options([(p.name, str(p)) for p in found])
        if not found:
            self._show(f"Thư mục {escape(str(folder))} không có ảnh JPEG hay PNG.")
        else:
            self._show("")

    def _show(self, text: str) -> None:
        self.query_one("#np-result", Static).update(text)

    # -- adding ----------------------------------------------------------------------

    @on(Button.Pressed, "#np-add")
    def action_add(self) -> None:
        channels = list(self.query_one("#np-channels", SelectionList).selected)
        photos = [Path(p) for p in self.query_one("#np-photos", SelectionList).selected]
        text = self.query_one("#np-text", TextArea).text
        when = self.query_one("#np-when", Input).value
        link = self.query_one("#np-link", Input).value.strip()
        self.query_one("#np-add", Button).disabled = True
        self._show("Đang kiểm tra và chuẩn bị ảnh…")
        self.add(channels, when, text, photos, link)

    @work(thread=True, exclusive=True, group="new-post", exit_on_error=False)
    def add(self, channels: list[str], when: str, text: str, photos: list[Path], link: str) -> None:
        try:
            ids = self.engine.add_own(channels, when, text, photos, link)
        except LoaError as exc:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._failed, exc.message)
            return
        notes = [n for c in channels if (n := photo_note(self.engine.calendar, c, len(photos)))]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._done, ids, notes)

    def _failed(self, message: str) -> None:
        self.query_one("#np-add", Button).disabled = False
        self._show(f"[red]Chưa thêm được bài:[/] {escape(message)}")

    def _done(self, ids: list[int], notes: list[str]) -> None:
        numbers = ", ".join(str(i) for i in ids)
        for note in notes:
            self.notify(note, severity="warning", timeout=8)
        self.notify(f"Đã thêm bài số {numbers}.", timeout=5)
        self.dismiss(ids)

    def action_close(self) -> None:
        self.dismiss(None)
