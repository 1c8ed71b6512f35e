"""``loa posts add``: what the officer types becomes a post, or one clear line and
nothing written."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs
import pytest
from PIL import Image

from campaigns.errors import UserError
from campaigns.store import Store
from campaigns.store.lifecycle import Status
from campaigns.timeutil import fmt_local
from tests.config.test_bad_files import png_header

TZ_NAME = "Asia/Ho_Chi_Minh"


def later(days: int = 2) -> str:
    from zoneinfo import ZoneInfo

    when = datetime.now(UTC) + timedelta(days=days)
    return fmt_local(when, ZoneInfo(TZ_NAME))


def photos() -> Path:
    return Path(platformdirs.user_data_dir("loa")) / "photos"


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "anh.jpg"
    Image.new("RGB", (2400, 1600), (200, 60, 40)).save(path, "JPEG")
    return path


def test_a_post_is_added_in_nfc_with_its_photo_fitted_to_the_channel(
    run_cli, db_url: str, photo: Path
) -> None:
    text = unicodedata.normalize("NFD", "Phường Kiến An chúc mừng năm mới")
    r = run_cli("posts", "add", "--channel", "website", "--at", later(), "--text", text,
                "--image", str(photo), "--image", str(photo))  # fmt: skip
    assert r.code == 0, r.err
    assert "Đã thêm bài số 1" in r.out
    assert "chỉ đăng ảnh đầu tiên" not in r.out  # the website sends every photo
    post = Store.open(db_url).get("kien-an", 1)
    assert post.text == unicodedata.normalize("NFC", text) and post.status == Status.DRAFT
    with Image.open((post.images or [])[0]) as im:
        assert im.size == (945, 630)  # within website-featured's 1200×630
    assert photo.is_file()  # the original is left where it was


def test_json_prints_the_new_number_and_show_gives_the_link(run_cli) -> None:
    link = "https://kienan.example.vn/tin/1"
    r = run_cli("posts", "add", "--channel", "facebook", "--at", later(), "--text", "Chào",
                "--link", link, "--json")  # fmt: skip
    assert r.code == 0 and json.loads(r.out) == {"id": 1}
    assert f"Liên kết kèm bài: {link}" in run_cli("posts", "show", "1").out
    shown = json.loads(run_cli("posts", "show", "1", "--json").out)
    assert (shown["kind"], shown["link"], shown["images"]) == ("own", link, [])


def _bad(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    (tmp_path / "note.jpg").write_text("không phải ảnh", "utf-8")
    (tmp_path / "bom.png").write_bytes(png_header(60000, 60000))
    ok = ["--at", later(), "--text", "Nội dung"]
    return {
        "unknown channel": (["--channel", "tiktok", *ok], "Không có kênh 'tiktok'"),
        "disabled channel": (["--channel", "bang-tin", *ok], "Kênh 'bang-tin' đang tắt"),
        "missing file": (
            ["--channel", "facebook", *ok, "--image", str(tmp_path / "khong-co.jpg")],
            "không tìm thấy tệp",
        ),
        "not an image": (
            ["--channel", "facebook", *ok, "--image", str(tmp_path / "note.jpg")],
            "không phải tệp ảnh",
        ),
        "bomb": (
            ["--channel", "facebook", *ok, "--image", str(tmp_path / "bom.png")],
            "bom giải nén",
        ),
        "bad time": (
            ["--channel", "facebook", "--at", "31/02/2027 07:00", "--text", "Nội dung"],
            "31/02/2027",
        ),
        "past time": (
            ["--channel", "facebook", "--at", "01/01/2026 07:00", "--text", "Nội dung"],
            "đã qua",
        ),
        "empty text": (
            ["--channel", "facebook", "--at", later(), "--text", "  "],
            "Nội dung bài đang để trống",
        ),
        "too long": (
            ["--channel", "facebook", "--at", later(), "--text", "chữ " * 16_000],
            "tối đa 63206",
        ),
        "zalo without a photo": (["--channel", "zalo", *ok], "cần ít nhất một ảnh"),
        "not a link": (["--channel", "facebook", *ok, "--link", "kienan.vn"], "địa chỉ web"),
    }


CASES = [
    "unknown channel", "disabled channel", "missing file", "not an image", "bomb", "bad time",
    "past time", "empty text", "too long", "zalo without a photo", "not a link",
]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    case: str, run_cli, db_url: str, tmp_path: Path, photo: Path
) -> None:
    args, expected = _bad(tmp_path)[case]
    if case != "zalo without a photo" and "--image" not in args:
        args = [*args, "--image", str(photo)]  # a good photo beside the bad part
    r = run_cli("posts", "add", *args)
    assert r.code == 2, (r.out, r.err)
    line = r.err.strip()
    assert "\n" not in line and expected in line, line
    assert "Traceback" not in r.err and r.out == ""
    assert Store.open(db_url).counts("kien-an") == {}
    assert not photos().exists() or not any(photos().iterdir())


def test_an_own_post_cannot_take_a_campaign_item(run_cli, db_url: str) -> None:
    """Swapping in a slogan would drop the photos and hand the post to the planner."""
    from campaigns.store.edits import change_content

    assert (
        run_cli("posts", "add", "--channel", "facebook", "--at", later(), "--text", "Chào").code
        == 0
    )
    store = Store.open(db_url)
    with pytest.raises(UserError, match="bài riêng"):
        change_content(store, "kien-an", 1, "s01", "slogan", "Khẩu hiệu", actor="tui:lan")
    assert store.get("kien-an", 1).kind == "own"
