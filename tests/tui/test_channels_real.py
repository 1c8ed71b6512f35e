"""Kênh against a local fake Graph API: the real check path (publishers + secret store)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from campaigns.config import load_calendar
from tests.fakes import FakeGraph
from tests.tui import sample
from tests.tui.conftest import no_daemon
from tests.tui.helpers import settle
from tui.app import create_app

pytestmark = pytest.mark.anyio


@pytest.fixture
def graph(tmp_path, monkeypatch):
    with FakeGraph() as fake:
        text = sample.CALENDAR.read_text(encoding="utf-8")
        text = text.replace('page_id = "100000000000001"', f'page_id = "{fake.page_id}"')
        text = text.replace('base_url = "https://graph.facebook.com"', f'base_url = "{fake.url}"')
        (tmp_path / "calendar.toml").write_text(text, encoding="utf-8")
        monkeypatch.setenv("LOA_SECRET_FACEBOOK_PAGE_TOKEN", fake.page_token)
        yield fake, load_calendar(tmp_path / "calendar.toml")


async def test_check_facebook_against_a_local_graph(graph, store):
    fake, cal = graph
    app = create_app(cal, store, clock=sample.clock, heartbeat=no_daemon, poll_seconds=None,
                     image_mode="off")  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "c")
        await settle(pilot)
        detail = str(app.screen.query_one("#channel-detail", Static).render())
    assert "Kết nối với: Phường Kiến An" in detail
    assert fake.page_token not in detail


async def test_zalo_without_a_token_says_how_to_set_it(graph, store):
    _, cal = graph
    app = create_app(cal, store, clock=sample.clock, heartbeat=no_daemon, poll_seconds=None,
                     image_mode="off")  # fmt: skip
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "down", "c")
        await settle(pilot)
        detail = str(app.screen.query_one("#channel-detail", Static).render())
    assert "✘" in detail and "loa channels set-token zalo" in detail
