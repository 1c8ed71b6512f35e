"""The report screen inside the app: every field visible and typed into at 80×24."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from tests.tui.helpers import settle
from tui.screens.base import NavBar
from tui.screens.report import ReportScreen

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_field_fits_in_its_row(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        for name in ("quarter", "format", "folder"):
            field = screen.query_one(f"#{name}")
            row = field.parent
            assert row is not None
            assert row.region.height >= field.outer_size.height, name
            assert row.query_one(Label).region.height >= 1, name
        assert screen.query(NavBar), "the navigation bar stays on the report screen"


async def test_type_a_quarter(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        field = screen.query_one("#quarter", Input)
        field.focus()
        await pilot.press("ctrl+u", *"2026-Q1")  # ctrl+u: clear to the start of the line
        await pilot.pause()
        assert field.value == "2026-Q1"
        assert screen.period().label == "quý I năm 2026"
