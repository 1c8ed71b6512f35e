"""Bài mới: the officer writes a post with photos from a folder, for one or more channels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from textual.widgets import Input, SelectionList, Static, TextArea

from campaigns.store.models import OWN
from tests.tui.helpers import settle
from tui.screens.new_post import NewPostScreen
from tui.screens.post import PostScreen

pytestmark = pytest.mark.anyio
TEXT = "Chiều 5/4, phường tổ chức khám sức khỏe miễn phí cho người cao tuổi."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    photos = tmp_path / "anh"
    photos.mkdir()
    Image.new("RGB", (1600, 1200), (200, 40, 40)).save(photos / "b-truoc.jpg", "JPEG")
    Image.new("RGB", (1200, 900), (40, 120, 200)).save(photos / "a-sau.png", "PNG")
    (photos / "ghi-chu.txt").write_text("không phải ảnh", encoding="utf-8")
    return photos


async def _fill(pilot, folder: Path, channels: list[str], photos: list[str]) -> NewPostScreen:
    await pilot.press("b")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, NewPostScreen)
    screen.query_one("#np-text", TextArea).text = TEXT
    screen.query_one("#np-when", Input).value = "05/04/2026 07:30"
    screen.query_one("#np-folder", Input).value = str(folder)
    await pilot.click("#np-open")
    await settle(pilot)
    listed = screen.query_one("#np-photos", SelectionList)
    assert [listed.get_option_at_index(i).prompt.plain for i in range(listed.option_count)] == [
        "a-sau.png", "b-truoc.jpg"
    ]  # fmt: skip
    for name in photos:  # selection order is posting order
        listed.select(str(folder / name))
    for name in channels:
        screen.query_one("#np-channels", SelectionList).select(name)
    return screen


async def test_an_own_post_with_two_photos_on_two_channels(make_app, store, calendar, folder):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _fill(pilot, folder, ["facebook", "zalo"], ["b-truoc.jpg", "a-sau.png"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PostScreen)  # the first new post opens for review
        opened = app.screen.post
    added = [p for p in store.posts(calendar.unit) if p.kind == OWN]
    assert sorted(p.channel for p in added) == ["facebook", "zalo"]
    assert opened.id == min(p.id for p in added if p.id is not None)
    for post in added:
        assert post.text == TEXT and post.status == "draft" and len(post.images or []) == 2
        with Image.open(post.images[0]) as first:  # b-truoc: the order the officer chose
            assert first.size[0] > first.size[1] and first.convert("RGB").getpixel((5, 5))[0] > 150


async def test_nothing_is_added_when_one_channel_refuses(make_app, store, calendar, folder):
    """All or none: the website needs no photo, but a Zalo article does; none chosen."""
    app = make_app()
    before = len(store.posts(calendar.unit))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _fill(pilot, folder, ["website", "zalo"], [])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        shown = str(screen.query_one("#np-result", Static).render())
        assert "Chưa thêm được bài" in shown and "cần ít nhất một ảnh" in shown
    assert len(store.posts(calendar.unit)) == before


async def test_no_channel_and_a_missing_folder_say_so(make_app, store, calendar, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewPostScreen)
        screen.query_one("#np-folder", Input).value = str(tmp_path / "không-có")
        await pilot.click("#np-open")
        await settle(pilot)
        assert "Không có thư mục ảnh" in str(screen.query_one("#np-result", Static).render())
        screen.query_one("#np-text", TextArea).text = TEXT
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Chọn ít nhất một kênh" in str(screen.query_one("#np-result", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NewPostScreen)
