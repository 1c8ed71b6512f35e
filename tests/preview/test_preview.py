from __future__ import annotations

import json
from datetime import date

from PIL import Image

from campaigns.cli import main
from campaigns.planning import desired_posts
from campaigns.preview import build_preview
from campaigns.render import stats
from tests.conftest import CALENDAR


def test_preview_writes_images_captions_sheets_and_index(cal, tmp_path) -> None:
    posts = desired_posts(cal, date(2026, 4, 1), date(2026, 4, 10))
    out = tmp_path / "xem-truoc"
    summary = build_preview(cal, posts, out, title="Thử")
    assert summary.posts == len(posts) > 0
    assert summary.drawn == summary.images
    entries = json.loads((out / "posts.json").read_text("utf-8"))
    assert len(entries) == len(posts)
    for e in entries:
        for img in e["images"]:
            assert (out / img["file"]).is_file()
        assert e["caption"] and not e["problems"]
    with Image.open(out / "contact" / "2026-04.jpg") as sheet:
        assert sheet.width > 1000
    index = (out / "index.html").read_text("utf-8")
    assert "Ngày Sức khỏe toàn dân" in index and "07/04/2026" in index
    assert index.count('<article class="post">') == len(posts)


def test_a_second_preview_of_the_same_range_draws_nothing(cal, tmp_path) -> None:
    posts = desired_posts(cal, date(2026, 4, 6), date(2026, 4, 8))
    build_preview(cal, posts, tmp_path / "a", title="Thử")
    before = stats.rendered
    again = build_preview(cal, posts, tmp_path / "a", title="Thử")
    assert again.drawn == 0 and stats.rendered == before
    other = build_preview(cal, posts, tmp_path / "b", title="Thử")
    assert other.drawn == 0


def test_a_narrower_range_prunes_old_images(cal, tmp_path) -> None:
    out = tmp_path / "p"
    build_preview(cal, desired_posts(cal, date(2026, 4, 1), date(2026, 4, 10)), out, title="Thử")
    build_preview(cal, desired_posts(cal, date(2026, 4, 7), date(2026, 4, 7)), out, title="Thử")
    files = list((out / "images").rglob("*.jpg"))
    assert files and all("20260407" in f.name for f in files)


def test_loa_preview_command(tmp_path, capsys) -> None:
    db = tmp_path / "none.db"
    code = main([
        "--calendar", str(CALENDAR), "--db", f"sqlite:///{db}", "preview",
        "--from", "07/04/2026", "--to", "07/04/2026", "--out", str(tmp_path / "o"),
        "--channel", "zalo",
    ])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and "khung giờ của lịch" in out and "zalo" in out
    assert not db.exists()  # a preview never creates a database
    assert (tmp_path / "o" / "index.html").is_file()


def test_loa_preview_refuses_an_unknown_channel(tmp_path, capsys) -> None:
    code = main([
        "--calendar", str(CALENDAR), "preview", "--from", "07/04/2026", "--to", "07/04/2026",
        "--out", str(tmp_path / "o"), "--channel", "tiktok",
    ])  # fmt: skip
    assert code == 2 and "tiktok" in capsys.readouterr().err


def test_the_preview_shows_each_posts_design(cal, tmp_path) -> None:
    posts = desired_posts(cal, date(2026, 4, 1), date(2026, 4, 10))
    build_preview(cal, posts, tmp_path / "p", title="Thử")
    entries = json.loads((tmp_path / "p" / "posts.json").read_text("utf-8"))
    assert [e["design"] for e in entries] == [p.design for p in posts]
    assert len({e["layout"] for e in entries}) >= 3
    index = (tmp_path / "p" / "index.html").read_text("utf-8")
    assert all(e["design_label"] in index for e in entries)
    assert len({e["design_label"] for e in entries}) >= 3


def test_loa_preview_layouts_draws_every_layout_in_every_format(tmp_path, capsys) -> None:
    out = tmp_path / "mau"
    code = main(["--calendar", str(CALENDAR), "preview", "--layouts", "--content", "s06",
                 "--out", str(out)])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0 and "s06" in printed and "[theme] photos" in printed
    names = {p.name for p in (out / "layouts").iterdir()}
    for layout in ("ap-phich", "bang-ron", "trich-dan", "ngay-le"):
        for fmt in ("facebook-portrait", "facebook-square", "zalo-cover", "website-featured"):
            assert f"s06.{layout}.{fmt}.jpg" in names
    assert "s06.jpg" in names
    code = main(["--calendar", str(CALENDAR), "preview", "--layouts", "--content", "bhyt-2026",
                 "--out", str(out)])  # fmt: skip
    assert code == 0
    names = {p.name for p in (out / "layouts").iterdir()}
    assert "bhyt-2026.so-lieu.zalo-cover.jpg" in names and not any("s06" in n for n in names)


def test_loa_preview_layouts_refuses_an_unknown_content(tmp_path, capsys) -> None:
    code = main(["--calendar", str(CALENDAR), "preview", "--layouts", "--content", "x9",
                 "--out", str(tmp_path / "o")])  # fmt: skip
    assert code == 2 and "x9" in capsys.readouterr().err


def test_workers_draw_the_same_images_and_count_them(cal, tmp_path, monkeypatch) -> None:
    from campaigns.preview import parallel

    monkeypatch.setattr(parallel, "MIN_IMAGES", 4)
    posts = desired_posts(cal, date(2026, 4, 6), date(2026, 4, 8))
    together = build_preview(cal, posts, tmp_path / "a", title="Thử", workers=2)
    assert together.drawn == together.images >= 4  # every image drawn, counted once
    again = build_preview(cal, posts, tmp_path / "b", title="Thử", workers=2)
    assert again.drawn == 0
    one = json.loads((tmp_path / "a" / "posts.json").read_text("utf-8"))
    two = json.loads((tmp_path / "b" / "posts.json").read_text("utf-8"))
    assert one == two


def test_contact_sheets_use_the_cell_size_copies_the_renderer_kept(cal, tmp_path) -> None:
    from campaigns.preview import sheet
    from campaigns.render import SHEET_THUMB, cache, render_post

    post, other = desired_posts(cal, date(2026, 4, 7), date(2026, 4, 7))[:2]
    assert not cache.thumb_of(render_post(cal, other).path).is_file()  # publishing needs none
    card = render_post(cal, post, thumb=True)
    small = cache.thumb_of(card.path)
    with Image.open(small) as im:  # made to fit a sheet's cell, keeping the card's shape
        assert im.width <= SHEET_THUMB[0] and im.height <= SHEET_THUMB[1]
        assert max(SHEET_THUMB[0] - im.width, SHEET_THUMB[1] - im.height) <= 1
        assert abs(im.width / im.height - card.width / card.height) < 0.01
    sheet._thumbnail.cache_clear()
    Image.new("RGB", (270, 338), "#FF0000").save(small, "JPEG")  # so the sheet shows red
    thumb = sheet._thumbnail(card.path)
    assert thumb.getpixel((thumb.width // 2, thumb.height // 2))[0] > 200
