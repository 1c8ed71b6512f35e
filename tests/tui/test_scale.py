"""10,000 posts: the queue opens and scrolls (speed is measured by bench/tui.py, not here)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from tests.tui import sample
from tests.tui.helpers import settle
from tui.app import create_app
from tui.widgets.posts import PostTable

pytestmark = pytest.mark.anyio


@pytest.fixture
def big_store(tmp_path, calendar):
    store = sample.open_store(tmp_path / "big.db")
    sample.bulk(store, calendar, 10_000)
    yield store
    store.engine.dispose()


async def test_queue_opens_and_scrolls_with_10000_posts(big_store, calendar):
    app = create_app(calendar, big_store, clock=sample.clock, poll_seconds=None,
                     image_mode="off")  # fmt: skip
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#f-from", Input).value = ""
        screen.query_one("#f-status", Select).value = "all"
        await settle(pilot)
        table = screen.query_one(PostTable)
        assert table.row_count == 10_000
        table.focus()
        await pilot.press("pagedown", "pagedown", "end")
        await pilot.pause()
        assert table.cursor_row == 9_999
        assert table.scroll_offset.y > 9_000
        await pilot.press("home")
        assert table.cursor_row == 0
        assert table.scroll_offset.y == 0
