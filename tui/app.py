"""The Loa TUI: four modes (Lịch, Hàng đợi, Kênh, Tự động đăng) and the post screen on top.

``create_app`` is the factory: the CLI builds it from the ward's calendar and database,
tests build it from a sample database with a fixed clock. A worker polls the database
(never on the UI thread) and hands each result down to the screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.screen import Screen

from campaigns.config import WardCalendar
from campaigns.store import Store
from tui.commands import LoaCommands
from tui.engine import Checker, Clock, Engine, Heartbeat, Publisher
from tui.screens.base import AUTO, LoaScreen
from tui.screens.calendar import CalendarScreen
from tui.screens.channels import ChannelsScreen
from tui.screens.daemon import DaemonScreen
from tui.screens.queue import QueueScreen
from tui.status import Snapshot
from tui.widgets.preview import ImageMode
from tui.words import vietnamese

SCREENS: dict[str, type[LoaScreen]] = {
    "lich": CalendarScreen,
    "hang-doi": QueueScreen,
    "kenh": ChannelsScreen,
    "daemon": DaemonScreen,
}


class LoaApp(App[None]):
    CSS_PATH = Path(__file__).parent / "loa.tcss"  # absolute: subclasses live elsewhere
    TITLE = "Loa"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {LoaCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('lich')", "Lịch", show=False),
        Binding("2", "switch_mode('hang-doi')", "Hàng đợi", show=False),
        Binding("3", "switch_mode('kenh')", "Kênh", show=False),
        Binding("4", "switch_mode('daemon')", AUTO, show=False),
        Binding("5", "report", "Báo cáo", show=False),
        Binding("b", "new_post", "Bài mới", show=False),
        Binding("ctrl+p", "command_palette", "lệnh", priority=True, show=False),
        Binding("q", "quit", "thoát", show=False),  # shown in the navigation bar
    ]

    def __init__(
        self, engine: Engine, *, poll_seconds: float | None = 3.0, image_mode: ImageMode = "auto"
    ) -> None:
        vietnamese()
        super().__init__()
        self.engine = engine
        self.poll_seconds = poll_seconds
        self.image_mode: ImageMode = image_mode
        self.snapshot: Snapshot | None = None
        if image_mode != "off":
            # textual-image asks the terminal what it supports when first imported; that
            # is only possible before Textual takes the terminal over.
            import textual_image.widget  # noqa: F401
        for mode, screen in SCREENS.items():
            self.add_mode(mode, self._maker(screen))

    def _maker(self, screen: type[LoaScreen]) -> type[Screen[None]]:
        engine = self.engine

        class Bound(screen):  # type: ignore[valid-type,misc]
            def __init__(self) -> None:
                super().__init__(engine)

        Bound.__name__ = screen.__name__
        return Bound

    def on_mount(self) -> None:
        self.title = f"Loa — {self.engine.calendar.config.ward.name}"
        self.switch_mode("lich")
        self.poll()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)

    # -- polling -----------------------------------------------------------------------

    def poll(self) -> None:
        self.run_worker(self._poll, thread=True, exclusive=True, group="poll", exit_on_error=False)

    def _poll(self) -> None:
        engine = self.engine
        snap = Snapshot(engine.stamp(), engine.daemon(), engine.approved_due(24))
        self.call_from_thread(self._apply, snap)

    def _apply(self, snap: Snapshot) -> None:
        changed = self.snapshot is None or snap.stamp != self.snapshot.stamp
        self.snapshot = snap
        for screen in self.screen_stack:
            if isinstance(screen, LoaScreen) and screen.is_mounted:
                screen.take(snap, changed=changed)

    # -- commands ----------------------------------------------------------------------

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Tìm lệnh…"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Lịch", "Xem lịch tháng (phím 1)", lambda: self.switch_mode("lich"))
        yield SystemCommand(
            "Hàng đợi", "Bảng mọi bài đăng, lọc và duyệt hàng loạt (phím 2)",
            lambda: self.switch_mode("hang-doi"),
        )  # fmt: skip
        yield SystemCommand("Kênh", "Kết nối các kênh (phím 3)", lambda: self.switch_mode("kenh"))
        yield SystemCommand(
            AUTO,
            "Loa tự đăng bài đã duyệt: nhịp tim, bài sắp đăng, lỗi (phím 4)",
            lambda: self.switch_mode("daemon"),
        )
        yield SystemCommand(
            "Báo cáo", "Lập báo cáo kết quả theo quý, năm hoặc khoảng ngày (phím 5)",
            self.action_report,
        )  # fmt: skip
        yield SystemCommand(
            "Bài mới", "Viết bài riêng: nội dung, ảnh, liên kết, kênh và giờ đăng (phím b)",
            self.action_new_post,
        )  # fmt: skip
        yield SystemCommand("Làm mới", "Đọc lại dữ liệu ngay", self.refresh_all)
        yield SystemCommand("Giao diện sáng/tối", "Đổi màu nền", self._toggle_dark)
        yield SystemCommand("Thoát", "Đóng Loa", self.exit)

    def action_report(self) -> None:
        from tui.screens.report import ReportScreen

        if not isinstance(self.screen, ReportScreen):
            engine = self.engine
            self.push_screen(ReportScreen(engine.calendar, engine.store, today=engine.today))

    def action_new_post(self) -> None:
        from tui.screens.new_post import NewPostScreen

        if not isinstance(self.screen, NewPostScreen):
            self.push_screen(NewPostScreen(self.engine), self._added)

    def _added(self, ids: list[int] | None) -> None:
        """Open the first new post: its preview, approval and publishing are there."""
        from tui.screens.post import PostScreen

        self.refresh_all()
        if ids:
            self.push_screen(PostScreen(self.engine, ids[0], self.image_mode))

    def refresh_all(self) -> None:
        self.snapshot = None
        self.poll()

    def _toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def create_app(
    calendar: WardCalendar,
    store: Store,
    *,
    clock: Clock | None = None,
    actor: str = "tui",
    publisher: Publisher | None = None,
    checker: Checker | None = None,
    heartbeat: Heartbeat | None = None,
    poll_seconds: float | None = 3.0,
    image_mode: ImageMode = "auto",
) -> LoaApp:
    engine = Engine(
        calendar, store, clock=clock or store.clock, actor=actor, publisher=publisher,
        checker=checker, heartbeat=heartbeat,
    )  # fmt: skip
    return LoaApp(engine, poll_seconds=poll_seconds, image_mode=image_mode)
