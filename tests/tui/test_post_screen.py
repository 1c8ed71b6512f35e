"""The post screen: leaving with unsaved edits, failed posts, the card, cancelling, links,
and the database kept off the UI thread."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from campaigns.store.lifecycle import CLAIM, FAIL, LIVE, MARK_LIVE, Status
from tests.tui.helpers import settle
from tests.tui.test_workflows import open_post
from tui import viewer
from tui.engine import Engine
from tui.screens.advice import ADVICE, UNKNOWN
from tui.screens.confirm import Choice, ConfirmReason
from tui.screens.post import PostScreen
from tui.widgets.preview import Preview

pytestmark = pytest.mark.anyio

TITLE = "Ngày Sức khỏe toàn dân 7/4: khám sức khỏe miễn phí"


def zalo_post(store, calendar) -> int:
    from datetime import date

    from tests.tui import sample

    day = sample.on_day(store, calendar, date(2026, 4, 4))
    found = next(p for p in day if p.channel == "zalo")
    assert found.id is not None
    return found.id


async def test_esc_asks_before_dropping_an_unsaved_caption(make_app, store, calendar):
    post_id = zalo_post(store, calendar)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, post_id)
        screen.query_one("#cap-title", Input).value = TITLE
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert "chưa lưu" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("o")  # ở lại
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#cap-title", Input).value == TITLE
        await pilot.press("escape", "l")  # lưu rồi rời
        await settle(pilot)
        assert not isinstance(app.screen, PostScreen)
    assert store.get(calendar.unit, post_id).caption == {"title": TITLE}


async def test_esc_may_discard_and_leaves_at_once_without_edits(make_app, store, calendar):
    post_id = zalo_post(store, calendar)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_post(pilot, post_id)
        await pilot.press("escape")  # nothing edited: no question
        await settle(pilot)
        assert not isinstance(app.screen, (PostScreen, Choice))
        screen = await open_post(pilot, post_id)
        screen.query_one("#cap-title", Input).value = TITLE
        await pilot.press("escape", "b")  # bỏ thay đổi
        await settle(pilot)
        assert not isinstance(app.screen, (PostScreen, Choice))
    assert store.get(calendar.unit, post_id).caption is None


def keys_in(text: str) -> set[str]:
    return set(re.findall(r"\(([a-z])\)", text))


def test_every_advice_names_keys_that_work_on_a_failed_post():
    """What the advice tells the officer to press is what the post screen allows."""
    from campaigns.store.lifecycle import (
        APPROVE,
        CANCEL,
        CONFIRM_NOT_LIVE,
        PUBLISH_NOW,
        RETRY,
        TO_DRAFT,
    )  # fmt: skip

    rules = {"a": APPROVE, "d": TO_DRAFT, "x": CANCEL, "r": RETRY, "p": PUBLISH_NOW,
             "l": MARK_LIVE, "n": CONFIRM_NOT_LIVE}  # fmt: skip
    for kind, text in [*ADVICE.items(), ("?", UNKNOWN)]:
        # "(bài về nháp) rồi 'Duyệt' (a)": a key for after the change the advice names
        first = text.split("(bài về nháp)")[0]
        for key in keys_in(first):
            assert rules[key].allows(Status.FAILED), (kind, key)


async def test_a_rejected_post_is_fixed_and_sent_again_as_the_advice_says(
    make_app, store, calendar
):
    post_id = zalo_post(store, calendar)
    store.move(calendar.unit, [post_id], CLAIM, actor="daemon:t")
    store.move(calendar.unit, [post_id], FAIL, actor="daemon:t", reason="quá dài",
               values={"error": "Tiêu đề quá dài", "error_kind": "rejected"})  # fmt: skip
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, post_id)
        advice = str(screen.query_one("#post-error", Static).render())
        assert "'Đăng lại' (r)" in advice
        await pilot.press("a")  # what the old advice said: "duyệt lại"
        await settle(pilot)
        assert any("nhấn 'Đăng lại' (r)" in n.message for n in app._notifications)
        screen.query_one("#cap-title", Input).value = TITLE
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
    post = store.get(calendar.unit, post_id)
    assert (post.status, post.caption) == (Status.APPROVED, {"title": TITLE})


async def test_o_opens_the_card_at_full_size(make_app, ids, tmp_path, monkeypatch):
    monkeypatch.setenv("LOA_CACHE_DIR", str(tmp_path / "cache"))
    opened: list[Path] = []
    monkeypatch.setattr(viewer, "open_file", lambda path: opened.append(path) or True)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_post(pilot, ids["approved"])
        await pilot.press("o")
        await settle(pilot)
    path = tmp_path / "cache" / "xem-anh" / f"bai-{ids['approved']}.jpg"
    assert opened == [path]
    assert path.read_bytes()[:2] == b"\xff\xd8"  # a JPEG: the card itself
    assert any("cỡ thật" in n.message for n in app._notifications)


async def test_without_a_viewer_o_says_where_the_card_is(make_app, ids, tmp_path, monkeypatch):
    monkeypatch.setenv("LOA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(viewer.shutil, "which", lambda name: None)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_post(pilot, ids["approved"])
        await pilot.press("o")
        await settle(pilot)
    path = tmp_path / "cache" / "xem-anh" / f"bai-{ids['approved']}.jpg"
    assert path.exists()
    assert any("Không thấy trình xem ảnh" in n.message and str(path) in n.message
               for n in app._notifications)  # fmt: skip


async def test_the_card_is_bigger_on_a_tall_terminal(make_app, ids):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        assert screen.query_one(Preview).size.height >= 28


async def test_cancel_shows_the_post_and_keeps_the_reason(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_post(pilot, ids["approved"])
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReason)
        question = str(app.screen.query_one("#question", Static).render())
        assert f"Hủy bài số {ids['approved']} · facebook · 04/04/2026 07:30 (UTC+7)" in question
        assert "«Mỗi người dân khỏe mạnh" in question
        await pilot.press("tab")  # to the reason
        await pilot.press(*"trùng lịch họp", "enter")
        await settle(pilot)
        table = app.screen.query_one("#history", DataTable)
        assert "trùng lịch họp" in str(table.get_row_at(table.row_count - 1)[-1])
    post = store.get(calendar.unit, ids["approved"])
    assert post.status == Status.CANCELLED
    assert store.history(calendar.unit, ids["approved"])[-1].reason == "trùng lịch họp"


async def test_a_long_link_is_shown_whole_at_80_columns(make_app, store, calendar, ids):
    url = "file:///home/can-bo/.local/share/loa/outbox/website/2026-04-04/bai-57-mot-hai.html"
    store.move(calendar.unit, [ids["approved"]], LIVE, actor="t", values={"url": url})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        link = screen.query_one("#post-link", Static)
        assert link.size.height >= 2  # folded, not cut at the edge
        assert link.render().plain.endswith(url)


async def test_the_database_is_read_and_written_off_the_ui_thread(make_app, ids, monkeypatch):
    on_ui: list[str] = []
    for name in ("post", "history", "move", "reschedule", "edit_caption", "change_content"):
        method = getattr(Engine, name)

        def spy(self, *args, _name=name, _method=method, **kw):
            if threading.current_thread() is threading.main_thread():
                on_ui.append(_name)
            return _method(self, *args, **kw)

        monkeypatch.setattr(Engine, name, spy)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        when = screen.query_one("#when", Input)
        when.value = "06/04/2026 09:15"
        when.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen.action_move("to_draft")  # what "d" does
        await settle(pilot)
        assert screen.post is not None and screen.post.status == Status.DRAFT
    assert on_ui == []


async def test_a_published_post_caption_is_no_longer_editable(make_app, ids):
    from tests.tui.test_workflows import fake_publisher

    app = make_app(publisher=fake_publisher)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        assert screen.query("#save-caption")
        await pilot.press("p", "c")
        await settle(pilot)
        assert not screen.query("#save-caption")
