"""What the officer writes that must work: a BOM from Notepad, paths relative to the
calendar (not the working directory), folders allowed in [paths], valid URLs; and the
warnings ``check`` gives for content a blackout trims."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaigns.config import load_calendar
from campaigns.errors import ConfigError, UserError
from publishers.settings import url_problem

ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_bom_at_the_start_of_the_calendar_is_accepted(make_cal, tmp_path: Path) -> None:
    cal = make_cal()
    cal.path.write_bytes(b"\xef\xbb\xbf" + cal.path.read_bytes())
    assert load_calendar(cal.path).unit == "kien-an"


def test_line_numbers_stay_right_after_a_bom(make_cal) -> None:
    cal = make_cal()
    text = cal.path.read_text("utf-8").replace('date = "7/4"', 'date = "31/4"')
    cal.path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s == 'date = "31/4"')
    with pytest.raises(ConfigError) as err:
        load_calendar(cal.path)
    assert f"calendar.toml:{line}: khóa 'peaks[1].date'" in err.value.message


def test_a_bom_at_the_start_of_a_campaign_file_is_accepted(make_cal) -> None:
    bundled = (ROOT / "campaigns" / "data" / "nq72.toml").read_bytes()
    cal = make_cal(
        files={"chien-dich/nq72.toml": b"\xef\xbb\xbf" + bundled},
        edit={'campaigns = ["nq72"]': 'campaigns = ["nq72"]\ncampaign_dirs = ["chien-dich"]'},
    )
    assert cal.campaigns["nq72"].path == cal.path.parent / "chien-dich" / "nq72.toml"


def test_the_outbox_folder_is_relative_to_the_calendar_not_the_working_directory(
    make_cal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cal = make_cal()
    folder = cal.channel("bang-tin").settings["folder"]  # type: ignore[union-attr]
    assert folder == str(cal.path.parent / "outbox")


def test_a_folder_listed_in_paths_allow_may_hold_files(make_cal, tmp_path: Path) -> None:
    from PIL import Image

    shared = tmp_path / "shared"
    shared.mkdir()
    Image.new("RGB", (32, 32), "#C8102E").save(shared / "logo.png")
    cal = make_cal(
        f'[paths]\nallow = ["../shared"]\n[theme]\nlogo = "{shared / "logo.png"}"\n',
        edit={'folder = "outbox"': f'folder = "{shared / "outbox"}"'},
    )
    assert cal.resolve(str(shared / "logo.png")) == shared / "logo.png"
    assert cal.channel("bang-tin").settings["folder"] == str(shared / "outbox")  # type: ignore[union-attr]


def test_a_link_inside_the_calendar_folder_is_fine(make_cal) -> None:
    from PIL import Image

    cal = make_cal()
    Image.new("RGB", (32, 32)).save(cal.path.parent / "logo-goc.png")
    (cal.path.parent / "logo.png").symlink_to(cal.path.parent / "logo-goc.png")
    text = cal.path.read_text("utf-8") + '\n[theme]\nlogo = "logo.png"\n'
    cal.path.write_text(text, "utf-8")
    assert load_calendar(cal.path).config.theme.logo == "logo.png"


def test_a_folder_swapped_for_a_link_after_loading_is_refused_when_used(make_cal) -> None:
    cal = make_cal(extra='[captions]\nfolder = "mau"\n', files={"mau/ghi-chu.txt": "x"})
    (cal.path.parent / "mau").rename(cal.path.parent / "mau-cu")
    (cal.path.parent / "mau").symlink_to("/etc")
    with pytest.raises(UserError) as err:
        cal.resolve("mau")
    assert "'mau' (tức '/etc') nằm ngoài thư mục của lịch" in err.value.message


def test_a_decompression_bomb_swapped_in_after_loading_is_a_clear_error(make_cal) -> None:
    from campaigns.render.theme import load_image
    from tests.config.test_bad_files import png_header

    logo = make_cal().path.parent / "logo.png"
    logo.write_bytes(png_header(60000, 60000))
    with pytest.raises(UserError) as err:
        load_image(logo)
    assert "ảnh quá lớn" in err.value.message


@pytest.mark.parametrize(
    "url",
    [
        "https://graph.facebook.com",
        "https://kienan.haiphong.gov.vn/",
        "https://phường-kiến-an.vn/wp",
        "http://127.0.0.1:8089",
        "http://localhost:9000/wp-json",
        "http://[::1]:8080",
        "https://[2001:db8::1]:8443",
    ],
)
def test_valid_base_urls(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://[::1", "IPv6"),
        ("https://example.com:abc", "cổng"),
        ("https://example.com:70000", "cổng"),
        ("https://example.com:0", "cổng"),
        ("https://", "thiếu tên máy chủ"),
        ("https://:443", "thiếu tên máy chủ"),
        ("kienan.gov.vn", "https://"),
        ("ftp://kienan.gov.vn", "https://"),
        ("http://kienan.gov.vn", "phải dùng https://"),
        ("https://kien an.gov.vn", "dấu cách"),
        ("https://kienan.gov.vn\t", "dấu cách"),
        ("https://a:b@kienan.gov.vn", "mật khẩu"),
        ("https://kienan.gov.vn/?a=1", "'?…'"),
        ("https://kienan.gov.vn/#x", "'?…'"),
        ("https://999.1.1.1", "không hợp lệ"),
        ("https://-kienan.gov.vn", "không hợp lệ"),
        ("https://kienan..gov.vn", "không hợp lệ"),
        ("", "chưa có địa chỉ"),
    ],
)
def test_invalid_base_urls_say_what_is_expected(url: str, expected: str) -> None:
    problem = url_problem(url)
    assert problem is not None and expected in problem
    assert "https://ten-mien.vn" in problem or "https://" in problem


def test_check_warns_when_a_blackout_trims_a_peak_window(run_cli, calendar_file: Path) -> None:
    text = calendar_file.read_text("utf-8").replace(
        'lunar_to = "6/1"', 'lunar_to = "9/1"'
    )  # mùng 9 Tết Bính Ngọ is 25/02/2026, the first day of a peak window
    calendar_file.write_text(text, "utf-8")
    result = run_cli("check")
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert (
        "Cảnh báo: Thời gian nghỉ 'Tết Nguyên đán' bỏ 1 ngày (25/02/2026 – 25/02/2026) "
        "của đợt cao điểm 'Ngày Thầy thuốc Việt Nam' (25/02/2026 – 27/02/2026)" in out
    )


def test_the_bundled_calendar_has_no_blackout_over_a_peak(run_cli) -> None:
    result = run_cli("check")
    assert result.code == 0
    assert "Thời gian nghỉ" not in result.out


def test_a_period_of_twenty_years_is_accepted(make_cal) -> None:
    cal = make_cal(edit={"end = 2030-12-31": "end = 2045-12-31"})
    assert cal.end.year == 2045


def test_what_a_publisher_refuses_in_any_post_is_refused_at_load(
    make_cal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check asks the publisher's own validate (one rule, in the publisher)."""
    from publishers.zalo import ZaloPublisher

    monkeypatch.setattr(ZaloPublisher, "validate", lambda self, request: ["Zalo từ chối"])
    with pytest.raises(ConfigError) as err:
        make_cal()
    assert "khóa 'channels[1].settings': Zalo từ chối" in err.value.message


def test_a_disabled_zalo_channel_without_a_cover_host_is_accepted(make_cal) -> None:
    cal = make_cal(
        edit={
            'cover_channel = "website"        # ảnh bìa': "# ảnh bìa",
            'type = "zalo"\nenabled = true': 'type = "zalo"\nenabled = false',
        }
    )
    assert [c.name for c in cal.channels] == ["facebook", "website"]


def test_a_caption_template_with_a_bom_is_accepted(make_cal) -> None:
    from campaigns.captions import compose
    from campaigns.captions.samples import sample_posts

    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/facebook/text.txt": "\ufeff{{ post.text }} – {{ ward.name }}\n"},
    )
    post = next(p for p in sample_posts(cal) if p.channel == "facebook")
    assert compose(cal, post).text == f"{post.text} – Phường Kiến An"


def test_paths_are_relative_to_the_real_calendar_when_it_is_a_link(
    make_cal, tmp_path: Path
) -> None:
    from PIL import Image

    cal = make_cal()
    Image.new("RGB", (32, 32)).save(cal.path.parent / "logo.png")
    cal.path.write_text(cal.path.read_text("utf-8") + '\n[theme]\nlogo = "logo.png"\n', "utf-8")
    link = tmp_path / "elsewhere" / "calendar.toml"
    link.parent.mkdir()
    link.symlink_to(cal.path)
    linked = load_calendar(link)
    assert linked.path == cal.path
    assert linked.resolve("logo.png") == cal.path.parent / "logo.png"
