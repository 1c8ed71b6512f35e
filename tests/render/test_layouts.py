"""Every layout in every format: Vietnamese words stay whole, text stays on the card, the
design's background and photo are the ones drawn, and a design that cannot be drawn falls
back to the poster."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import ImageStat

from campaigns.render import designs, render_card
from campaigns.render.content import card_for
from campaigns.render.formats import BUILTIN
from campaigns.render.layouts import draw, styled
from campaigns.render.theme import theme_of
from tests.render.helpers import all_items, make_photo, post_for
from tests.render.test_words import bad_breaks

PEAK = "Ngày Sức khỏe toàn dân"
ANNIVERSARY = "Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2027)"


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anh")
    make_photo(folder / "le-mit-tinh.jpg")
    make_photo(folder / "tram-y-te.png", size=(900, 1400), seed=1)
    return folder


def every_card(cal) -> list:
    out = [card_for(cal, post_for(cal, item)) for item in all_items(cal)]
    slogans = [i for i in all_items(cal) if i.kind == "slogan"]
    for item in slogans[:4]:
        out.append(card_for(cal, post_for(cal, item, kind="peak", peak=PEAK)))
    out.append(replace(out[-1], title=ANNIVERSARY, day="3/2"))
    return out


@pytest.mark.parametrize("layout", sorted(designs.LAYOUTS))
@pytest.mark.parametrize("fmt", sorted(BUILTIN))
def test_every_layout_keeps_words_whole_and_text_on_the_card(cal, photos, layout, fmt) -> None:
    theme = replace(theme_of(cal), photos=photos)
    f = BUILTIN[fmt]
    background = "le-mit-tinh.jpg" if layout == designs.PHOTO else "nen-sang"
    bad, outside, drawn = {}, [], 0
    for card in every_card(cal):
        if card.kind not in designs.LAYOUTS[layout].kinds:
            continue
        c, t = styled(replace(card, layout=layout, background=background), theme)
        assert c.layout == layout
        result = draw(c, f.width, f.height, t)
        drawn += 1
        for block in result.blocks:
            if breaks := bad_breaks(block.lines):
                bad[" / ".join(block.lines)] = breaks
            x0, y0, x1, y1 = block.ink
            if x0 < 0 or y0 < 0 or x1 > f.width or y1 > f.height:
                outside.append(block.lines)
        if layout != designs.POSTER:  # the poster's long anniversary titles shrink, as before
            assert not any(b.shrunk for b in result.main), [b.lines for b in result.main]
    assert drawn
    assert not bad, bad
    assert not outside, outside


def test_the_anniversary_card_shows_its_years_and_day(cal) -> None:
    card = replace(every_card(cal)[-1], layout=designs.DAY)
    c, t = styled(card, theme_of(cal))
    lines = [line for b in draw(c, 1080, 1350, t).blocks for line in b.lines]
    assert "KỶ NIỆM 97 NĂM" in lines
    assert "3" in lines and "THÁNG 2" in lines


def test_backgrounds_change_the_image(cal) -> None:
    item = next(i for i in all_items(cal) if i.id == "s03")
    card = card_for(cal, post_for(cal, item))
    f = BUILTIN["facebook-square"]
    keys = {
        render_card(replace(card, background=b), f, theme_of(cal)).key for b in designs.BACKGROUNDS
    }
    assert len(keys) == len(designs.BACKGROUNDS)


def test_the_photo_is_cropped_around_its_focus(cal, photos) -> None:
    item = next(i for i in all_items(cal) if i.id == "s03")
    card = replace(card_for(cal, post_for(cal, item)), layout=designs.PHOTO,
                   background="le-mit-tinh.jpg")  # fmt: skip
    f = BUILTIN["facebook-portrait"]  # a tall crop of a wide photo: the focus decides

    def red_at(focus_x: float) -> float:
        theme = replace(theme_of(cal), photos=photos,
                        photo_focus=(("le-mit-tinh.jpg", focus_x, 0.4),))  # fmt: skip
        c, t = styled(card, theme)
        im = draw(c, f.width, f.height, t).image
        # the red mark is at 30% of the photo's width: kept near the middle only when focused
        strip = im.crop((f.width // 2 - 60, 400, f.width // 2 + 60, 600))
        return ImageStat.Stat(strip).mean[0] - ImageStat.Stat(strip).mean[1]

    assert red_at(0.3) > red_at(0.5) + 40


def test_a_missing_photo_or_a_wrong_kind_falls_back_to_the_poster(cal, photos) -> None:
    fact = next(i for i in all_items(cal) if i.kind == "fact")
    slogan = next(i for i in all_items(cal) if i.kind == "slogan")
    theme = replace(theme_of(cal), photos=photos)
    gone = replace(card_for(cal, post_for(cal, slogan)), layout=designs.PHOTO, background="x.jpg")
    assert styled(gone, theme)[0].layout == designs.POSTER
    outside = replace(gone, background="../calendar.toml")
    assert styled(outside, theme)[0].layout == designs.POSTER
    number_slogan = replace(card_for(cal, post_for(cal, slogan)), layout=designs.NUMBER)
    assert styled(number_slogan, theme)[0].layout == designs.POSTER
    number_fact = replace(card_for(cal, post_for(cal, fact)), layout=designs.NUMBER)
    assert styled(number_fact, theme)[0].layout == designs.NUMBER


def test_the_banner_is_red_and_gold_whatever_the_preset(cal) -> None:
    item = next(i for i in all_items(cal) if i.id == "s03")
    card = replace(card_for(cal, post_for(cal, item)), layout=designs.BANNER)
    _, t = styled(card, theme_of(cal))
    assert (t.background, t.accent) == ("#C8102E", "#FFD54A")


@pytest.mark.parametrize("preset", ["suc-khoe", "dang", "moi-truong"])
def test_every_background_keeps_the_presets_contrast(cal, preset) -> None:
    """Each background rearranges the preset's checked pairs: text stays AA on its ground
    (both gradient ends), large accent figures at least 3:1, the leaf's month legible."""
    from campaigns.config.themes import PRESETS, contrast, luminance, rgb_of
    from campaigns.render.layouts.day import legible_on
    from campaigns.render.layouts.grounds import ground, red_and_gold

    def ratio(a: str, b: str) -> float:
        return contrast(luminance(rgb_of(a)), luminance(rgb_of(b)))

    base = replace(theme_of(cal), **PRESETS[preset])
    for theme in (base, red_and_gold(base)):
        for name in designs.BACKGROUNDS:
            t = ground(theme, name)
            for end in (t.background, t.background_end):
                assert ratio(t.text, end) >= 4.5, (name, t.text, end)
                assert ratio(t.accent, end) >= 3.0, (name, t.accent, end)
            assert ratio(t.footer_text, t.footer_background) >= 4.5, name
            month = legible_on(t.accent, t.footer_text, t.footer_background, t.text)
            assert ratio(month, t.accent) >= 3.0, (name, month, t.accent)


def _photo_bytes() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "#336699").save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("extra", "files", "expected"),
    [
        ('[theme]\nphotos = "anh"\n', {}, "không có thư mục ảnh 'anh'"),
        ('[theme]\nphotos = "../ngoai"\n', {}, "theme.photos"),
        ('[theme]\nphotos = "anh"\n', {"anh/hong.jpg": b"not a photo"}, "hong.jpg"),
        (
            '[theme]\nphotos = "anh"\nphoto_focus = { "x.jpg" = [0.5, 0.5] }\n',
            {"anh/a.jpg": "PHOTO"},
            "không có ảnh 'x.jpg'",
        ),
        (
            '[theme]\nphotos = "anh"\nphoto_focus = { "a.jpg" = [1.5, 0.5] }\n',
            {"anh/a.jpg": "PHOTO"},
            "photo_focus",
        ),
    ],
)
def test_the_photo_folder_is_checked_at_load(make_cal, extra, files, expected) -> None:
    from campaigns.errors import ConfigError

    files = {k: _photo_bytes() if v == "PHOTO" else v for k, v in files.items()}
    with pytest.raises(ConfigError) as err:
        make_cal(extra, files=files)
    assert expected in err.value.message


def test_a_valid_photo_folder_loads_and_its_photos_are_listed(make_cal) -> None:
    cal = make_cal(
        '[theme]\nphotos = "anh"\nphoto_focus = { "b.jpg" = [0.2, 0.8] }\n',
        files={"anh/b.jpg": _photo_bytes(), "anh/a.png": _photo_bytes(), "anh/ghi-chu.txt": "x"},
    )
    assert designs.photo_names(cal) == ("a.png", "b.jpg")
    assert theme_of(cal).photo_focus == (("b.jpg", 0.2, 0.8),)
