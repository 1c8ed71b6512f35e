"""What every screen shares: the navigation bar, the daemon banner, the footer, reloads."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from campaigns.errors import LoaError
from tui.engine import Engine
from tui.status import Snapshot
from tui.widgets.banner import DaemonBanner

AUTO = "Tự động đăng"  # the officer's name for the daemon (the "4" screen)
TABS = (("lich", "1 Lịch"), ("hang-doi", "2 Hàng đợi"), ("kenh", "3 Kênh"), ("daemon", f"4 {AUTO}"))


class DataChanged(Message):
    """The posts changed in the database (the app's poll saw a new stamp)."""


class NavBar(Static):
    def __init__(self, ward: str, current: str) -> None:
        super().__init__(classes="nav")
        self.ward = ward
        self.current = current

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """The tabs and "q thoát" always; the ward's name when the terminal is wide enough."""
        parts = []
        for mode, label in TABS:
            style = "reverse bold" if mode == self.current else "bold"
            parts.append(f"[{style}][@click=app.switch_mode('{mode}')] {label} [/][/]")
        report = "reverse bold" if self.current == "bao-cao" else "bold"
        parts.append(f"[{report}][@click=app.report] 5 Báo cáo [/][/]")
        parts.append("[b][@click=app.new_post] b Bài mới [/][/]")
        tabs = "".join(parts) + " [@click=app.quit]q thoát[/]"
        full = f"[b]Loa[/] · {escape(self.ward)} " + tabs
        fits = Text.from_markup(full).cell_len + 2 <= self.size.width  # 2: the padding
        self.update(full if fits or not self.size.width else "[b]Loa[/] " + tabs)


class LoaScreen(Screen[None]):
    MODE = ""  # the app mode this screen is the base of ("" for pushed screens)

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.seen: object = None  # the data stamp this screen last loaded

    def compose(self) -> ComposeResult:
        yield NavBar(self.engine.calendar.config.ward.name, self.MODE)
        yield DaemonBanner(classes="banner")
        yield from self.body()
        yield Footer(compact=True)

    def body(self) -> ComposeResult:
        yield from ()

    def reload(self) -> None:
        """Load this screen's data again (screens start a worker here)."""

    def take(self, snap: Snapshot | None, *, changed: bool) -> None:
        """The app hands down each poll's result."""
        self.query_one(DaemonBanner).snapshot = snap
        if changed and snap is not None and snap.stamp != self.seen:
            self.seen = snap.stamp
            self.reload()

    def on_screen_resume(self) -> None:
        snap: Snapshot | None = getattr(self.app, "snapshot", None)
        if self.is_mounted:
            self.take(snap, changed=True)

    def fail(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, LoaError) else f"Lỗi: {exc}"
        self.notify(message, severity="error", timeout=8)
