"""render_post: same input same bytes, NFD like NFC, cache hits draw nothing, limits,
and clear errors for a missing font or logo."""

from __future__ import annotations

import unicodedata

import pytest

from campaigns import render
from campaigns.errors import ConfigError, RuntimeFailure, UserError
from campaigns.render import fonts, formats_for, render_post
from tests.render.helpers import all_items, post_for, with_text


def _slogan(cal):
    return next(i for i in all_items(cal) if i.id == "s12")


def test_same_input_gives_identical_bytes(cal, tmp_path, monkeypatch) -> None:
    post = post_for(cal, _slogan(cal))
    first = render_post(cal, post).data
    monkeypatch.setenv("LOA_CACHE_DIR", str(tmp_path / "other"))
    second = render_post(cal, post)
    assert not second.cached
    assert second.data == first


def test_nfd_input_renders_exactly_like_nfc(cal, tmp_path, monkeypatch) -> None:
    post = post_for(cal, _slogan(cal))
    nfd = with_text(post, unicodedata.normalize("NFD", post.text))
    assert nfd.text != post.text
    a = render_post(cal, post)
    monkeypatch.setenv("LOA_CACHE_DIR", str(tmp_path / "other"))
    b = render_post(cal, nfd)
    assert a.key == b.key and a.data == b.data


def test_a_cache_hit_renders_nothing(cal, monkeypatch) -> None:
    post = post_for(cal, _slogan(cal), channel="zalo")
    first = render_post(cal, post)
    assert not first.cached

    def boom(*args, **kwargs):
        raise AssertionError("drew a cached card")

    monkeypatch.setattr(render, "draw", boom)
    second = render_post(cal, post)
    assert second.cached and second.path == first.path and second.data == first.data


@pytest.mark.parametrize("channel", ["facebook", "zalo", "website"])
def test_every_format_stays_within_its_platform_limit(cal, channel) -> None:
    fact = next(i for i in all_items(cal) if i.kind == "fact")
    for fmt in formats_for(cal, channel):
        r = render_post(cal, post_for(cal, fact, channel=channel), fmt.name)
        assert (r.width, r.height) == (fmt.width, fmt.height)
        assert r.size == len(r.data) <= fmt.max_bytes
        assert r.limit and r.mime == "image/jpeg" and r.data[:3] == b"\xff\xd8\xff"


def test_channel_formats_default_by_type(cal) -> None:
    assert [f.name for f in formats_for(cal, "facebook")] == [
        "facebook-portrait",
        "facebook-square",
    ]
    assert [f.name for f in formats_for(cal, "zalo")] == ["zalo-cover"]
    assert [(f.width, f.height) for f in formats_for(cal, "website")] == [(1200, 630)]


def test_custom_format_and_channel_list(make_cal) -> None:
    extra = '[formats.story]\nwidth = 1080\nheight = 1920\nencoding = "png"\nmax_kb = 8000\n'
    channel = 'name = "facebook"\ntype = "facebook"'
    cal = make_cal(extra, edit={channel: channel + '\nformats = ["story", "facebook-square"]'})
    assert [f.name for f in formats_for(cal, "facebook")] == ["story", "facebook-square"]
    r = render_post(cal, post_for(cal, _slogan(cal)))
    assert (r.format, r.mime, r.width, r.height) == ("story", "image/png", 1080, 1920)
    assert r.data[:8] == b"\x89PNG\r\n\x1a\n" and "8000 KB" in r.limit


def test_unknown_format_name_is_a_located_error(make_cal) -> None:
    channel = 'name = "zalo"\ntype = "zalo"'
    with pytest.raises(ConfigError) as err:
        make_cal(edit={channel: channel + '\nformats = ["zalo-bia"]'})
    assert "khổ ảnh 'zalo-bia'" in err.value.message
    assert "channels[1].formats[0]" in err.value.message


def test_a_missing_logo_is_a_clear_error(make_cal) -> None:
    with pytest.raises(ConfigError) as err:
        make_cal('[theme]\nlogo = "logo-phuong.png"\n')
    assert "không tìm thấy tệp ảnh 'logo-phuong.png'" in err.value.message


def test_a_logo_removed_after_loading_is_a_clear_error(make_cal, tmp_path) -> None:
    from PIL import Image

    logo = tmp_path / "ward" / "logo.png"  # inside the calendar's folder (make_cal's)
    logo.parent.mkdir(exist_ok=True)
    Image.new("RGBA", (64, 64), "#C8102E").save(logo)
    cal = make_cal(f'[theme]\nlogo = "{logo}"\n')
    post = post_for(cal, _slogan(cal))
    assert render_post(cal, post).size > 0
    logo.unlink()
    with pytest.raises(UserError) as err:
        render_post(cal, with_text(post, "Khác"))
    assert "logo.png" in err.value.message


def test_a_missing_font_is_a_clear_error(cal, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(fonts, "asset", lambda *parts: tmp_path.joinpath(*parts))
    fonts.font.cache_clear()
    fonts.fonts_digest.cache_clear()
    try:
        with pytest.raises(RuntimeFailure) as err:
            render_post(cal, post_for(cal, _slogan(cal)))
        assert "Thiếu tệp phông chữ" in err.value.message
    finally:
        fonts.font.cache_clear()
        fonts.fonts_digest.cache_clear()


def test_layout_engine_is_detected() -> None:
    assert fonts.layout_name() in {"raqm", "basic"}


def test_without_raqm_the_basic_layout_is_used_with_a_warning(monkeypatch, caplog) -> None:
    from PIL import ImageFont

    monkeypatch.setattr(fonts.features, "check", lambda name: False)
    fonts.layout_engine.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="loa.render"):
            assert fonts.layout_engine() == ImageFont.Layout.BASIC
        assert "raqm" in caplog.text
        assert fonts.layout_name() == "basic"
    finally:
        fonts.layout_engine.cache_clear()


def test_a_stored_post_row_renders_and_captions_like_a_planned_post(cal) -> None:
    from datetime import UTC, datetime

    from campaigns.captions import compose
    from campaigns.store.models import Post

    p = post_for(cal, _slogan(cal), channel="zalo")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    row = Post(
        id=1,
        unit=cal.unit,
        campaign=p.campaign,
        channel=p.channel,
        slot_key=p.slot_key,
        slot_at=p.slot_at,
        content_id=p.content_id,
        kind=p.kind,
        text=p.text,
        peak=None,
        event=None,
        due_at=p.slot_at,
        caption={"title": "Tiêu đề do cán bộ sửa"},
        created_at=now,
        created_by="test",
        updated_at=now,
    )
    assert render_post(cal, row).key == render_post(cal, p).key
    assert compose(cal, row).title == "Tiêu đề do cán bộ sửa"
