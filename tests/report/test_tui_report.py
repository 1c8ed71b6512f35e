"""The report screen, driven with Pilot: pick the period, generate, read the summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from textual.app import App
from textual.widgets import Input, Static

from campaigns.report.readers import Readers
from tests.report.seed import Seeded
from tui.screens.report import ReportScreen

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Host(App[None]):
    def __init__(self, screen: ReportScreen) -> None:
        super().__init__()
        self.report_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.report_screen)


def no_readers(cal) -> Readers:  # type: ignore[no-untyped-def]
    return Readers()


def make(seeded: Seeded, folder: Path) -> ReportScreen:
    return ReportScreen(
        seeded.cal, seeded.store, folder=folder, today=lambda: date(2026, 5, 15),
        readers=no_readers,
    )  # fmt: skip


def result_text(screen: ReportScreen) -> str:
    return str(screen.query_one("#result", Static).render())


async def test_generate_a_quarter(seeded: Seeded, tmp_path: Path) -> None:
    screen = make(seeded, tmp_path)
    async with Host(screen).run_test(size=(110, 40)) as pilot:
        assert screen.query_one("#quarter", Input).value == "2026-Q2"  # the current quarter
        await pilot.click("#generate")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = result_text(screen)
    assert "Báo cáo quý II năm 2026: 7 bài theo kế hoạch, 3 bài đã đăng" in text
    assert screen.outcome is not None
    path = tmp_path / "bao-cao-kien-an-2026-Q2.docx"
    assert screen.outcome.path == path and str(path) in text
    assert "BÁO CÁO" in [p.text for p in docx.Document(str(path)).paragraphs]


async def test_year_as_csv_and_a_bad_range(seeded: Seeded, tmp_path: Path) -> None:
    screen = make(seeded, tmp_path)
    async with Host(screen).run_test(size=(110, 40)) as pilot:
        await pilot.click("#kind-year")
        await pilot.pause()
        assert not screen.query_one("#row-year").has_class("hidden")
        assert screen.query_one("#row-quarter").has_class("hidden")
        screen.query_one("#format").value = "csv"  # type: ignore[attr-defined]
        await pilot.press("ctrl+g")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "bao-cao-kien-an-2026.csv").exists()
        assert "Báo cáo năm 2026: 9 bài" in result_text(screen)

        await pilot.click("#kind-range")
        await pilot.pause()
        screen.query_one("#start", Input).value = "30/06/2026"
        screen.query_one("#end", Input).value = "01/06/2026"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Kỳ báo cáo không hợp lệ" in result_text(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReportScreen)
