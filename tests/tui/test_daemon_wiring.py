"""The TUI on the daemon's engine: the heartbeat banner and publish-now through the real
publish path against the local fake Graph API."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from campaigns.config import load_calendar
from campaigns.daemon import beat
from tests.fakes import FakeGraph
from tests.tui import sample
from tests.tui.helpers import settle
from tui.app import create_app
from tui.screens.post import PostScreen
from tui.widgets.banner import DaemonBanner

pytestmark = pytest.mark.anyio


@pytest.fixture
def graph_cal(tmp_path, monkeypatch):
    with FakeGraph() as fake:
        text = sample.CALENDAR.read_text(encoding="utf-8")
        text = text.replace('page_id = "100000000000001"', f'page_id = "{fake.page_id}"')
        text = text.replace('base_url = "https://graph.facebook.com"', f'base_url = "{fake.url}"')
        (tmp_path / "calendar.toml").write_text(text, encoding="utf-8")
        monkeypatch.setenv("LOA_SECRET_FACEBOOK_PAGE_TOKEN", fake.page_token)
        yield fake, load_calendar(tmp_path / "calendar.toml")


async def test_publish_now_through_the_real_path_shows_the_link(graph_cal, store, ids):
    fake, cal = graph_cal
    app = create_app(cal, store, clock=sample.clock, poll_seconds=None, image_mode="off")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(PostScreen(app.engine, ids["approved"], "off"))
        await settle(pilot)
        await pilot.press("p", "c")
        await settle(pilot)
        post = store.get(cal.unit, ids["approved"])
        link = str(app.screen.query_one("#post-link", Static).render())
    assert post.status == "published", post.error
    assert post.url and post.url in link
    assert fake.page_token not in link


async def test_the_banner_goes_when_a_daemon_beats(store, calendar):
    app = create_app(calendar, store, clock=sample.clock, poll_seconds=None, image_mode="off")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(DaemonBanner).display
        heart = beat.Heartbeat(store, calendar.unit, "may-phuong:1:test")
        heart.start()
        app.poll()
        await settle(pilot)
        assert not app.screen.query_one(DaemonBanner).display
        await pilot.press("4")
        await settle(pilot)
        text = str(app.screen.query_one("#heartbeat", Static).render())
    assert "Tự động đăng đang chạy" in text


def test_a_silent_daemon_is_not_said_to_be_publishing(store, calendar):
    from datetime import timedelta

    from tui import wiring
    from tui.engine import Engine

    heart = beat.Heartbeat(store, calendar.unit, "may-phuong:1:test")
    heart.start()
    heart.beat(None, 1, force=True)  # its last word: one post in flight
    later = sample.clock() + timedelta(hours=1)  # then silence
    engine = Engine(calendar, store, clock=lambda: later)
    store.clock = engine.clock
    status = wiring.heartbeat(engine)
    assert not status.running
    assert "đang đăng" not in status.note
