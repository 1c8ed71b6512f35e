"""The TUI's engine door and the officer's edit functions it uses."""

from __future__ import annotations

import pytest

from campaigns.cli import build_parser
from campaigns.errors import UserError
from campaigns.store import edits
from campaigns.store.lifecycle import CANCEL
from tests.tui import sample
from tui.engine import Engine


@pytest.fixture
def engine(calendar, store) -> Engine:
    return Engine(calendar, store, clock=sample.clock, actor="tui:test")


def test_loa_tui_is_a_plugin_command():
    import tui.cli

    args = build_parser().parse_args(["tui", "--image", "halfcell"])
    assert args.func is tui.cli.run
    assert args.image == "halfcell"


def test_caption_override_is_saved_nfc_and_recorded(engine, ids):
    pid = ids["approved"]
    decomposed = "Sức khỏe".replace("ứ", "u\u031b\u0301")  # NFD input
    post = engine.edit_caption(pid, {"text": decomposed + " là vốn quý"})
    assert post.caption == {"text": "Sức khỏe là vốn quý"}
    assert post.edited and post.status == "approved"
    assert engine.history(pid)[-1].reason == "sửa chú thích: text"
    post = engine.edit_caption(pid, {"text": None})
    assert post.caption is None


def test_changing_the_card_sends_an_approved_post_back_to_draft(engine, ids):
    pid = ids["approved"]
    before = engine.post(pid)
    other = next(c for c, kind, _ in engine.content_choices(before) if kind == "fact")
    post = engine.change_content(pid, other)
    assert (post.content_id, post.kind, post.status) == (other, "fact", "draft")
    assert "đổi nội dung" in engine.history(pid)[-1].reason


def test_cancelled_posts_cannot_be_edited(engine, ids):
    pid = ids["approved"]
    engine.move([pid], CANCEL)
    with pytest.raises(UserError, match="không thể sửa chú thích"):
        engine.edit_caption(pid, {"text": "x"})


def test_stamp_changes_with_every_move(engine, ids):
    first = engine.stamp()
    engine.move([ids["approved"]], CANCEL)
    assert engine.stamp() != first


def test_channel_outcomes(engine):
    out = engine.outcomes()
    assert out["facebook"].last_published is not None
    assert out["zalo"].last_failed is not None
    assert "mã đã hết hạn" in (out["zalo"].last_error or "")


def test_missing_engine_parts_say_so_in_vietnamese(engine, ids):
    with pytest.raises(UserError, match=r"Chưa có|set-token"):  # no daemon, or no token here
        engine.publish_now(ids["approved"])
    with pytest.raises(UserError, match=r"Chưa có|set-token"):  # no secrets stored here
        engine.check_channel("facebook")
    assert not engine.daemon().running
    assert engine.approved_due(24) == 3
    assert edits.approved_due(engine.store, engine.unit, engine.now(), engine.now()) == 0


def test_an_own_post_previews_its_first_photo(engine, calendar, store, tmp_path) -> None:
    from datetime import timedelta
    from pathlib import Path

    from PIL import Image

    from campaigns.own import add_own_post

    photo = tmp_path / "anh.png"
    Image.new("RGB", (800, 600), (10, 120, 200)).save(photo, "PNG")
    pid = add_own_post(store, calendar, channel="facebook", when=store.clock() + timedelta(days=1),
                       text="Mời bà con", photos=[photo], actor="tui:test")  # fmt: skip
    post = store.get(calendar.unit, pid)
    assert engine.preview(post) == Path((post.images or [])[0]).read_bytes()
    text_only = add_own_post(store, calendar, channel="facebook", when=post.due_at,
                             text="Chỉ có chữ", actor="tui:test")  # fmt: skip
    with pytest.raises(UserError, match="không có ảnh"):
        engine.preview(store.get(calendar.unit, text_only))
