"""Each screen at 80×24 and 120×40 (update with: pytest tests/tui --snapshot-update)."""

from __future__ import annotations

import pytest

from tests.tui.helpers import settle
from tui.screens.day import DayScreen
from tui.screens.post import PostScreen

SIZES = [(80, 24), (120, 40)]


def goto(keys: str = ""):
    async def before(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys.split())
            await settle(pilot)

    return before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", ["", "2", "3", "4"], ids=["lich", "hang-doi", "kenh", "daemon"])
def test_screens(snap_compare, make_app, size, keys):
    assert snap_compare(make_app(), terminal_size=size, run_before=goto(keys))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_day(snap_compare, make_app, size):
    from datetime import date

    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(DayScreen(pilot.app.engine, date(2026, 4, 1)))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


# textual-image 0.12 still calls Image.getdata, which Pillow 13 deprecates (removed in 14).
@pytest.mark.filterwarnings("ignore:Image.Image.getdata is deprecated:DeprecationWarning")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("role", ["failed", "published", "approved"])
def test_post(snap_compare, make_app, ids, size, role):
    async def before(pilot) -> None:
        await settle(pilot)
        mode = "halfcell" if role == "approved" else "off"  # one with the picture itself
        await pilot.app.push_screen(PostScreen(pilot.app.engine, ids[role], mode))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_report(snap_compare, make_app, size):
    async def before(pilot) -> None:
        await goto("5")(pilot)
        pilot.app.screen.query_one("#folder").value = "/home/can-bo/Bao-cao"  # not the cwd
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)
