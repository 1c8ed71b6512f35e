"""The officer sees a post that may already be live, and settles it; drafts are never
offered "publish now"; a cancelled post can be restored."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update
from textual.widgets import Button, Input, Static

from campaigns.store.lifecycle import CANCEL, Status
from campaigns.store.models import POST_TABLE
from tests.tui.helpers import settle
from tests.tui.sample import on_day
from tests.tui.test_workflows import open_post

pytestmark = pytest.mark.anyio


def flag(store, post_id: int) -> None:
    with store.session() as s, s.begin():
        s.execute(update(POST_TABLE).where(POST_TABLE.c.id == post_id).values(maybe_live=True))


async def test_a_post_that_may_be_live_says_so_and_takes_its_link(make_app, store, calendar, ids):
    pid = ids["approved"]
    flag(store, pid)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, pid)
        box = screen.query_one("#maybe-live")
        assert box.display
        assert "Có thể đã đăng — đang kiểm tra" in str(
            screen.query_one("#maybe-live-note", Static).render()
        )
        assert "có thể đã đăng" in str(screen.query_one("#post-head", Static).render())
        await pilot.press("l")
        await settle(pilot)
        app.screen.query_one("#answer", Input).value = "https://www.facebook.com/100_77"
        await pilot.press("enter")
        await settle(pilot)
        post = store.get(calendar.unit, pid)
        assert post.status == Status.PUBLISHED and post.url.endswith("100_77")
        assert not post.maybe_live and not screen.query_one("#maybe-live").display
        assert store.history(calendar.unit, pid)[-1].actor == "tui:test"


async def test_the_officer_confirms_a_failed_post_is_not_live(make_app, store, calendar, ids):
    pid = ids["failed"]
    flag(store, pid)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, pid)
        assert "cần kiểm tra" in str(screen.query_one("#maybe-live-note", Static).render())
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        post = store.get(calendar.unit, pid)
        assert post.status == Status.FAILED and not post.maybe_live
        assert "chưa lên kênh" in store.history(calendar.unit, pid)[-1].reason


async def test_publish_now_is_not_offered_for_a_draft(make_app, store, calendar):
    draft = next(p for p in on_day(store, calendar, date(2026, 4, 6)) if p.status == Status.DRAFT)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, draft.id)
        assert screen.query_one("#act-publish", Button).disabled
        await pilot.press("p")
        await settle(pilot)
        assert app.screen is screen  # no "publish now?" question
        assert any("chưa được duyệt" in n.message for n in app._notifications)


async def test_restore_a_cancelled_post(make_app, store, calendar, ids):
    pid = ids["approved"]
    store.move(calendar.unit, [pid], CANCEL, actor="test")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, pid)
        assert screen.query_one("#act-restore", Button).display
        await pilot.press("u")
        await settle(pilot)
        assert store.get(calendar.unit, pid).status == Status.DRAFT
        assert not screen.query_one("#act-restore", Button).display
