"""The officer's workflows, driven by keys and clicks through Pilot."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from textual.widgets import Input, Select, Static

from campaigns.store.lifecycle import LIVE
from tests.tui import sample
from tests.tui.helpers import settle
from tui.engine import Engine
from tui.screens.day import DayScreen
from tui.screens.post import PostScreen
from tui.screens.queue import QueueScreen
from tui.status import DaemonStatus
from tui.widgets.banner import DaemonBanner
from tui.widgets.month import MonthGrid
from tui.widgets.posts import PostTable

pytestmark = pytest.mark.anyio


def statuses(store, cal, day: date) -> list[str]:
    return sorted({p.status for p in sample.on_day(store, cal, day)})


async def open_post(pilot, post_id: int) -> PostScreen:
    app = pilot.app
    await app.push_screen(PostScreen(app.engine, post_id, "off"))
    await settle(pilot)
    assert isinstance(app.screen, PostScreen)
    return app.screen


async def test_approve_a_day_from_the_month(make_app, store, calendar):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one(MonthGrid)
        assert grid.cursor == date(2026, 4, 3)
        await pilot.press("right", "right")  # Sunday 5/4, inside the 7/4 peak window
        assert statuses(store, calendar, date(2026, 4, 5)) == ["draft"]
        await pilot.press("a")
        await settle(pilot)
        assert statuses(store, calendar, date(2026, 4, 5)) == ["approved"]
        assert statuses(store, calendar, date(2026, 4, 6)) == ["draft"]  # only that day


async def test_open_a_day_and_approve_it(make_app, store, calendar):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # 10/4
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        assert app.screen.table.row_count == 3
        await pilot.press("A")
        await settle(pilot)
        assert statuses(store, calendar, date(2026, 4, 10)) == ["approved"]
        await pilot.press("escape")
        assert app.screen.query_one(MonthGrid).cursor == date(2026, 4, 10)


async def test_month_moves_by_day_month_and_year(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one(MonthGrid)
        await pilot.press("pagedown")
        assert grid.cursor == date(2026, 5, 3)
        await pilot.press("right_square_bracket")
        assert grid.cursor == date(2027, 5, 3)
        await pilot.press("left", "up", "t")
        assert grid.cursor == date(2026, 4, 3)
        title = app.screen.query_one("#month-title", Static)
        assert "Ngày Sức khỏe toàn dân" in str(title.render())


async def test_queue_filters_and_bulk_approve(make_app, store, calendar):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.query_one("#f-channel", Select).value = "zalo"
        screen.query_one("#f-status", Select).value = "draft"
        await settle(pilot)
        table = screen.query_one(PostTable)
        assert table.row_count > 0
        assert {p.channel for p in table.posts.values()} == {"zalo"}
        assert {p.status for p in table.posts.values()} == {"draft"}
        first, second = table.order[:2]
        table.focus()
        await pilot.press("space", "space", "a")
        await settle(pilot)
        assert store.get(calendar.unit, first).status == "approved"
        assert store.get(calendar.unit, second).status == "approved"
        assert first not in table.posts  # the filter shows drafts only


async def test_queue_date_range(make_app, calendar):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#f-from", Input).value = "06/04/2026"
        to = screen.query_one("#f-to", Input)
        to.value = "06/04/2026"
        to.focus()
        await pilot.press("enter")
        await settle(pilot)
        posts = screen.query_one(PostTable).posts.values()
        assert len(posts) == 6  # the 7/4 peak window: two slots a day on three channels
        assert {p.due_at.astimezone(calendar.tz).date() for p in posts} == {date(2026, 4, 6)}


async def test_reschedule_shows_the_zone_and_moves_the_post(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        assert "Asia/Ho_Chi_Minh" in str(screen.query_one("#zone", Static).render())
        when = screen.query_one("#when", Input)
        when.value = "06/04/2026 09:15"
        when.focus()
        await pilot.press("enter")
        await settle(pilot)
        post = store.get(calendar.unit, ids["approved"])
        assert post.due_at == datetime(2026, 4, 6, 2, 15, tzinfo=UTC)
        reasons = [t.reason for t in store.history(calendar.unit, ids["approved"])]
        assert any("06/04/2026 09:15 (UTC+7)" in r for r in reasons)


async def test_bad_time_is_refused_in_vietnamese(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        when = screen.query_one("#when", Input)
        when.value = "mai nhé"
        when.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert any("không phải ngày" in n.message for n in app._notifications)
        assert store.get(calendar.unit, ids["approved"]).due_at.date() == date(2026, 4, 4)


async def test_a_past_time_is_refused_with_the_reason(make_app, store, calendar, ids):
    before = store.get(calendar.unit, ids["approved"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        when = screen.query_one("#when", Input)
        when.value = "01/01/2020 07:30"
        when.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert any(
            "Giờ mới 01/01/2020 07:30 đã qua; chọn một giờ sau bây giờ (03/04/2026 08:00"
            in n.message
            for n in app._notifications
        )
    after = store.get(calendar.unit, ids["approved"])
    assert (after.due_at, after.status) == (before.due_at, before.status)


async def test_cancel_a_post(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_post(pilot, ids["approved"])
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("k")  # thought better of it
        await settle(pilot)
        assert store.get(calendar.unit, ids["approved"]).status == "approved"
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert store.get(calendar.unit, ids["approved"]).status == "cancelled"
        head = str(app.screen.query_one("#post-head", Static).render())
        assert "đã hủy" in head


def fake_publisher(engine: Engine, post):
    """A local fake platform: it 'posts' at once and returns a link."""
    url = f"http://127.0.0.1/fake/{post.channel}/{post.id}"
    engine.store.move(
        engine.unit, [post.id], LIVE, actor="tui:test",
        values={"url": url, "external_id": str(post.id)},
    )  # fmt: skip
    return engine.post(post.id)


async def test_publish_now_shows_the_link(make_app, store, calendar, ids):
    app = make_app(publisher=fake_publisher)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        await pilot.press("p")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        link = screen.query_one("#post-link", Static)
        assert link.display
        assert f"http://127.0.0.1/fake/facebook/{ids['approved']}" in str(link.render())
        assert store.get(calendar.unit, ids["approved"]).status == "published"


async def test_publish_now_that_cannot_happen_says_why(calendar, store, ids):
    """Without the daemon installed: 'Chưa có …'; with it but no token: how to set one."""
    from tui.app import create_app

    app = create_app(calendar, store, clock=sample.clock, poll_seconds=None, image_mode="off")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_post(pilot, ids["approved"])
        await pilot.press("p", "c")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("Chưa có" in m or "loa channels set-token facebook" in m for m in said)
        assert store.get(calendar.unit, ids["approved"]).status != "published"


async def test_failed_post_tells_why_and_what_to_do(make_app, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one("#f-status", Select).value = "failed"
        app.screen.query_one("#f-from", Input).value = ""
        await settle(pilot)
        table = app.screen.query_one(PostTable)
        assert table.order == [ids["failed"]]
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        error = app.screen.query_one("#post-error", Static)
        text = str(error.render())
        assert "mã đã hết hạn" in text
        assert "loa channels set-token zalo" in text


async def test_retry_a_failed_post(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_post(pilot, ids["failed"])
        await pilot.press("r")
        await settle(pilot)
        assert store.get(calendar.unit, ids["failed"]).status == "approved"


async def test_banner_when_no_daemon_and_posts_are_due(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one(DaemonBanner)
        assert banner.display
        assert "3 bài đã duyệt" in str(banner.render())
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.query_one(DaemonBanner).display


async def test_no_banner_when_the_daemon_beats(make_app):
    def alive(engine: Engine) -> DaemonStatus:
        return DaemonStatus(True, True, last_beat=engine.now(), host="may-phuong")

    app = make_app(heartbeat=alive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(DaemonBanner).display


async def test_refreshes_when_the_daemon_changes_the_database(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one(PostTable)
        before = len(table.order)
        fake_publisher(app.engine, store.get(calendar.unit, ids["approved"]))  # "the daemon"
        app.poll()
        await settle(pilot)
        assert len(table.order) == before - 1


async def test_command_palette_speaks_vietnamese(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"hang doi")  # no diacritics typed
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_mouse_click_selects_then_opens_a_day(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#d9")  # the grid starts on Monday 30/3: cell 9 is Wednesday 8/4
        grid = app.screen.query_one(MonthGrid)
        assert grid.cursor == date(2026, 4, 8)
        await pilot.click("#d9")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)


async def test_edit_a_caption_past_the_limit_and_see_the_error(make_app, store, calendar):
    zalo = next(p for p in sample.on_day(store, calendar, date(2026, 4, 4)) if p.channel == "zalo")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, zalo.id)
        title = screen.query_one("#cap-title", Input)
        counter = screen.query_one("#count-title", Static)
        assert "/150 ký tự" in str(counter.render())
        title.value = "Tuyên truyền " * 13  # 169 characters once trimmed
        await pilot.pause()
        assert "168/150 ký tự — thừa 18" in str(counter.render())
        problems = str(screen.query_one("#caption-problems", Static).render())
        assert "tiêu đề bài viết Zalo dài 168 ký tự, tối đa 150: cần cắt bớt 18 ký tự" in problems
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Chưa lưu" in n.message for n in app._notifications)
        assert store.get(calendar.unit, zalo.id).caption is None

        title.value = "Ngày Sức khỏe toàn dân 7/4: khám sức khỏe miễn phí"
        await pilot.pause()
        assert "✔" in str(screen.query_one("#caption-problems", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = store.get(calendar.unit, zalo.id)
        assert saved.caption == {"title": "Ngày Sức khỏe toàn dân 7/4: khám sức khỏe miễn phí"}
        assert saved.edited
        assert "(đã sửa tay)" in str(screen.query(".field-label").first().render())


async def test_choose_a_fact_card_instead_of_the_slogan(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        post = store.get(calendar.unit, ids["approved"])
        fact = next(c for c, kind, _ in app.engine.content_choices(post) if kind == "fact")
        screen.query_one("#content", Select).value = fact
        await settle(pilot)
        changed = store.get(calendar.unit, ids["approved"])
        assert (changed.content_id, changed.kind, changed.status) == (fact, "fact", "draft")
        assert "nháp" in str(screen.query_one("#post-head", Static).render())


async def test_the_report_screen_opens_from_every_screen(make_app):
    from tui.screens.report import ReportScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "5")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)


async def test_check_a_channel_shows_who_it_is(make_app):
    from datetime import timedelta

    from tui.engine import ChannelCheck

    def checker(engine: Engine, name: str) -> ChannelCheck:
        expires = engine.now() + timedelta(days=20)
        return ChannelCheck(f"Trang {name} phường Kiến An (id 1)", expires, ("Mã: EAAB…7xQ",))

    app = make_app(checker=checker)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "down", "c")
        await settle(pilot)
        detail = str(app.screen.query_one("#channel-detail", Static).render())
        assert "Kết nối với: Trang zalo phường Kiến An (id 1)" in detail
        assert "loa channels set-token zalo" in detail
        table = app.screen.query_one("#channels")
        assert "23/04/2026" in table.get_row("zalo")


async def test_a_channel_check_failure_is_shown_not_hidden(make_app):
    from campaigns.errors import UserError

    def checker(engine: Engine, name: str):
        raise UserError("Zalo từ chối mã truy cập: hãy chạy 'loa channels set-token zalo'.")

    app = make_app(checker=checker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "down", "c")
        await settle(pilot)
        detail = str(app.screen.query_one("#channel-detail", Static).render())
        assert "✘ Zalo từ chối mã truy cập" in detail


async def test_bulk_cancel_asks_first(make_app, store, calendar):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one(PostTable)
        chosen = table.order[:3]
        table.focus()
        await pilot.press("space", "space", "space", "x")
        await settle(pilot)
        await pilot.press("tab", *"hoãn sự kiện", "enter")  # a reason, for every post's history
        await settle(pilot)
        assert {store.get(calendar.unit, i).status for i in chosen} == {"cancelled"}
        assert {store.history(calendar.unit, i)[-1].reason for i in chosen} == {"hoãn sự kiện"}
        assert not set(chosen) & set(table.order)  # cancelled posts leave the queue


async def test_a_refresh_does_not_overwrite_a_time_being_typed(make_app, store, calendar, ids):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        when = screen.query_one("#when", Input)
        when.value = "06/04/2026 09"
        other = next(
            p for p in sample.on_day(store, calendar, date(2026, 4, 4)) if p.id != ids["approved"]
        )
        fake_publisher(app.engine, other)  # the daemon works meanwhile
        app.poll()
        await settle(pilot)
        assert when.value == "06/04/2026 09"


async def test_platform_text_with_brackets_is_shown_as_is(make_app, store, calendar, ids):
    from campaigns.store.lifecycle import CLAIM, FAIL

    store.move(calendar.unit, [ids["approved"]], CLAIM, actor="daemon:[test]")
    store.move(
        calendar.unit, [ids["approved"]], FAIL, actor="daemon:[test]",
        reason="[facebook] lỗi [/b] lạ",
        values={"error": "[facebook] (#100) Invalid [b]parameter[/b]", "error_kind": "rejected"},
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        text = str(screen.query_one("#post-error", Static).render())
        assert "[facebook] (#100) Invalid [b]parameter[/b]" in text
        assert "Sửa chú thích, lưu (Ctrl+S) rồi nhấn 'Đăng lại' (r)" in text
        await pilot.press("3")
        await settle(pilot)
        detail = str(app.screen.query_one("#channel-detail", Static).render())
        assert "[facebook] (#100) Invalid [b]parameter[/b]" in detail


async def test_month_shows_peaks_and_each_channels_status(make_app):
    from tui.widgets.month import DayCell

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        cells = {c.day: c for c in app.screen.query(DayCell)}
        peak_day = cells[date(2026, 4, 7)]
        assert peak_day.has_class("-peak")
        assert "★" in str(peak_day.render())
        assert "Ngày Sức khỏe" in str(cells[date(2026, 4, 8)].render())
        first = str(cells[date(2026, 4, 1)].render())
        assert "facebook ✔" in first and "zalo ✘" in first and "website !" in first
        assert cells[date(2026, 4, 1)].has_class("-bad")
        assert "●●" in str(cells[date(2026, 4, 4)].render())  # two approved posts a channel
        await pilot.press("pageup", "pageup")  # February: Tết, and Ngày Thầy thuốc 27/2
        await settle(pilot)
        cells = {c.day: c for c in app.screen.query(DayCell)}
        assert "Tết Nguyên đán" in str(cells[date(2026, 2, 17)].render())
        assert cells[date(2026, 2, 27)].has_class("-peak")


async def test_paused_channels_are_said_on_daemon_and_kenh(make_app, monkeypatch):
    from datetime import timedelta

    from tui.status import ChannelNote

    def notes(engine: Engine) -> dict[str, ChannelNote]:
        until = engine.now() + timedelta(minutes=30)
        return {
            "zalo": ChannelNote(paused=True, reason="Mã Zalo đã bị thu hồi."),
            "facebook": ChannelNote(blocked_until=until, warning="Mã hết hạn sau 3 ngày."),
        }

    monkeypatch.setattr(Engine, "channel_notes", notes)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        beat = str(app.screen.query_one("#heartbeat", Static).render())
        assert "⏸ zalo: tạm dừng — Mã Zalo đã bị thu hồi." in beat
        assert "⏳ facebook: nền tảng giới hạn, chờ đến 03/04/2026 08:30" in beat
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#channels")
        assert str(table.get_row("zalo")[0]).startswith("⏸")
        assert "Mã hết hạn sau 3 ngày" in str(app.screen.query_one("#channel-detail").render())


async def test_an_open_list_says_how_to_close_it_in_vietnamese(make_app):
    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one("#f-channel", Select).focus()
        await pilot.press("enter")
        await settle(pilot)
        said = [key.description for key in app.screen.query(FooterKey)]
        assert "đóng danh sách" in said
        assert not [d for d in said if "Dismiss" in d]


async def test_the_daemon_has_a_vietnamese_name_and_the_legend_every_symbol(make_app):
    from tui.screens.base import NavBar
    from tui.widgets.labels import SYMBOLS

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        nav = str(app.screen.query_one(NavBar).render())
        assert "4 Tự động đăng" in nav and "Daemon" not in nav
        assert "Tự động đăng" in [c.title for c in app.get_system_commands(app.screen)]
        line = str(app.screen.query_one("#day-line", Static).render())
        for status, (sym, _) in SYMBOLS.items():
            if sym and status != "publishing":  # a post is publishing for seconds only
                assert f"{sym} " in line, status
        await pilot.press("4")
        await settle(pilot)
        assert "Tự động đăng không chạy" in str(app.screen.query_one("#heartbeat").render())


async def test_rescheduling_to_the_same_time_changes_nothing(make_app, store, calendar, ids):
    before = store.history(calendar.unit, ids["approved"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_post(pilot, ids["approved"])
        screen.query_one("#when", Input).focus()
        await pilot.press("enter")  # the time as shown, unchanged
        await settle(pilot)
        assert any("trùng giờ cũ nên không dời" in n.message for n in app._notifications)
    assert store.history(calendar.unit, ids["approved"]) == before
