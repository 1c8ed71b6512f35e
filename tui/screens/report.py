"""The report screen: pick a quarter, a year or a range of days, generate the report in a
worker (refreshing engagement first, unless unticked), and see its summary and file path.

It needs only the ward's calendar and the store, so the app pushes it as
``ReportScreen(engine.calendar, engine.store, folder=…)``; tests build it the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.worker import get_current_worker

from campaigns.config import WardCalendar
from campaigns.errors import LoaError
from campaigns.report import Period, between, parse_quarter, quarter_of, year
from campaigns.report.service import Outcome, ReadersFactory, make_report, summary
from campaigns.store import Store
from campaigns.timeutil import fmt_date, parse_date
from tui.screens.base import NavBar

FORMATS = [("DOCX (để chỉnh sửa, ký)", "docx"), ("Markdown", "md"), ("CSV (số liệu)", "csv")]
KINDS = ("quarter", "year", "range")
NAV = "bao-cao"  # the navigation bar's name for this screen


class ReportScreen(Screen[None]):
    DEFAULT_CSS = """
    ReportScreen #form { height: 1fr; padding: 1 2; }
    ReportScreen .rp-row { height: auto; margin-bottom: 1; }
    ReportScreen .rp-row Label { width: 18; padding: 1 0; }
    ReportScreen Input { width: 24; }
    ReportScreen #folder { width: 1fr; }
    ReportScreen Select { width: 32; }
    ReportScreen #kind { width: auto; height: auto; }
    ReportScreen #summary { margin-top: 1; padding: 1; border: round $accent; height: auto; }
    ReportScreen .hidden { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "đóng"),
        Binding("ctrl+g", "generate", "lập báo cáo"),
    ]

    def __init__(
        self,
        calendar: WardCalendar,
        store: Store,
        *,
        folder: Path | None = None,
        today: Callable[[], date] | None = None,
        readers: ReadersFactory | None = None,
    ) -> None:
        super().__init__()
        self.calendar = calendar
        self.store = store
        self.folder = folder or Path.cwd()
        self.today = today or (lambda: datetime.now(calendar.tz).date())
        self.readers = readers
        self.outcome: Outcome | None = None

    def compose(self) -> ComposeResult:
        day = self.today()
        current = quarter_of(day)
        yield NavBar(self.calendar.config.ward.name, NAV)
        with VerticalScroll(id="form"):
            yield Static(f"[b]Báo cáo kết quả[/] — {self.calendar.config.ward.issuing_unit}")
            with RadioSet(id="kind"):
                yield RadioButton("Theo quý", value=True, id="kind-quarter")
                yield RadioButton("Cả năm", id="kind-year")
                yield RadioButton("Khoảng ngày", id="kind-range")
            with Horizontal(classes="rp-row", id="row-quarter"):
                yield Label("Quý (2026-Q2)")
                yield Input(current.short, id="quarter")
            with Horizontal(classes="rp-row hidden", id="row-year"):
                yield Label("Năm")
                yield Input(str(day.year), id="year", type="integer")
            with Horizontal(classes="rp-row hidden", id="row-range"):
                yield Label("Từ ngày — đến ngày")
                yield Input(fmt_date(current.start), id="start")
                yield Input(fmt_date(day), id="end")
            with Horizontal(classes="rp-row"):
                yield Label("Định dạng")
                yield Select(FORMATS, value="docx", allow_blank=False, id="format")
            with Horizontal(classes="rp-row"):
                yield Label("Thư mục lưu")
                yield Input(str(self.folder), id="folder")
            yield Checkbox("Cập nhật số liệu tương tác trước khi lập", value=True, id="refresh")
            yield Button("Lập báo cáo", variant="primary", id="generate")
            with Vertical(id="summary"):
                yield Static("Chọn kỳ báo cáo rồi bấm «Lập báo cáo».", id="result")
        yield Footer(compact=True)

    # -- the form --------------------------------------------------------------------

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        kind = KINDS[event.index]
        for k in KINDS:
            self.query_one(f"#row-{k}").set_class(k != kind, "hidden")

    @property
    def kind(self) -> str:
        index = self.query_one("#kind", RadioSet).pressed_index
        return KINDS[max(index, 0)]

    def period(self) -> Period:
        """The chosen period; ValueError with a Vietnamese reason when it is wrong."""
        if self.kind == "quarter":
            return parse_quarter(self.query_one("#quarter", Input).value)
        if self.kind == "year":
            text = self.query_one("#year", Input).value.strip()
            if not text.isdigit() or not 2000 <= int(text) <= 2100:
                raise ValueError(f"'{text}' không phải năm")
            return year(int(text))
        start = parse_date(self.query_one("#start", Input).value)
        end = parse_date(self.query_one("#end", Input).value)
        return between(start, end)

    def _show(self, text: str) -> None:
        self.query_one("#result", Static).update(text)

    # -- generating ------------------------------------------------------------------

    @on(Button.Pressed, "#generate")
    def action_generate(self) -> None:
        try:
            period = self.period()
        except ValueError as exc:
            self._show(f"[red]Kỳ báo cáo không hợp lệ:[/] {escape(str(exc))}.")
            return
        fmt = str(self.query_one("#format", Select).value)
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        refresh = self.query_one("#refresh", Checkbox).value
        self.query_one("#generate", Button).disabled = True
        self._show(f"Đang lập báo cáo {period.label}…")
        self.generate(period, fmt, folder, refresh)

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def generate(self, period: Period, fmt: str, folder: Path, refresh: bool) -> None:
        try:
            outcome = make_report(
                self.store, self.calendar, period, fmt, folder=folder,
                refresh_engagement=refresh, readers=self.readers,
            )  # fmt: skip
        except (LoaError, OSError) as exc:
            message = exc.message if isinstance(exc, LoaError) else str(exc)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._failed, message)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._done, outcome)

    def _done(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.query_one("#generate", Button).disabled = False
        lines = [escape(line) for line in summary(outcome.report)]
        lines += [f"[yellow]Lưu ý:[/] {escape(n)}" for n in outcome.notes]
        lines.append(f"[b]Đã ghi:[/] {escape(str(outcome.path))}")
        self._show("\n".join(lines))
        self.notify(f"Đã lập báo cáo {outcome.report.period.label}.", timeout=5)

    def _failed(self, message: str) -> None:
        self.query_one("#generate", Button).disabled = False
        self._show(f"[red]Không lập được báo cáo:[/] {escape(message)}")

    def action_close(self) -> None:
        self.dismiss(None)
