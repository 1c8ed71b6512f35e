"""Broken calendars a static file cannot hold: symbolic links, images (a decompression
bomb, a huge file), caption templates, other encodings. Like the corpus in tests/data/bad:
exit 2, one located Vietnamese line, no traceback, no database."""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
BASE = """campaigns = ["nq72"]

[ward]
id = "xa-mau"
name = "Xã Mẫu"
province = "Tỉnh Mẫu"
issuing_unit = "Đảng ủy xã Mẫu"

[[slots]]
time = "07:30"
weekdays = ["T2"]

[[channels]]
name = "bang-tin"
type = "outbox"
[channels.settings]
folder = "outbox"
"""


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels in a few dozen bytes (no pixel data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


# name -> builder(folder) returning (calendar text, file named in the message or None for
# the calendar, line, key or None, expected text)
Case = Callable[[Path], tuple[str, str | None, int, str | None, str]]
CASES: dict[str, Case] = {}


def case(fn: Case) -> Case:
    CASES[fn.__name__] = fn
    return fn


def _ward(extra: str) -> str:
    return BASE.replace(
        'issuing_unit = "Đảng ủy xã Mẫu"\n', f'issuing_unit = "Đảng ủy xã Mẫu"\n{extra}\n'
    )


@case
def logo_symlink_to_etc_passwd(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "logo.png").symlink_to("/etc/passwd")
    text = _ward('logo = "logo.png"')
    return text, None, line_of(text, "logo"), "ward.logo", "(tức '/etc/passwd') nằm ngoài"


@case
def logo_symlink_loop(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "logo.png").symlink_to(d / "logo.png")
    text = _ward('logo = "logo.png"')
    return text, None, line_of(text, "logo"), "ward.logo", "vòng lặp liên kết"


@case
def logo_decompression_bomb(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "logo.png").write_bytes(png_header(60000, 60000))
    text = _ward('logo = "logo.png"')
    return text, None, line_of(text, "logo"), "ward.logo", "ảnh quá lớn (3.600.000.000 điểm ảnh"


@case
def background_above_pillow_limit(d: Path) -> tuple[str, str | None, int, str | None, str]:
    # above Image.MAX_IMAGE_PIXELS but below twice it: Pillow only warns, Loa refuses
    (d / "nen.png").write_bytes(png_header(10000, 10000))
    text = BASE + '\n[theme]\nbackground_image = "nen.png"\n'
    return text, None, line_of(text, "background_image"), "theme.background_image", "10000×10000"


@case
def logo_huge_file(d: Path) -> tuple[str, str | None, int, str | None, str]:
    with (d / "logo.png").open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written
    text = _ward('logo = "logo.png"')
    return text, None, line_of(text, "logo"), "ward.logo", "tệp nặng 21 MB, tối đa 20 MB"


@case
def logo_truncated_png(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "logo.png").write_bytes(png_header(64, 64)[:-12] + b"\x00\x00\x00\x05IDATxx")
    text = _ward('logo = "logo.png"')
    return text, None, line_of(text, "logo"), "ward.logo", "ảnh bị hỏng"


@case
def caption_template_symlink_to_etc_passwd(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "mau" / "facebook").mkdir(parents=True)
    (d / "mau" / "facebook" / "text.txt").symlink_to("/etc/passwd")
    text = BASE + '\n[captions]\nfolder = "mau"\n'
    expect = "facebook/text.txt: là liên kết tới '/etc/passwd', ngoài thư mục mẫu"
    return text, None, line_of(text, 'folder = "mau'), "captions.folder", expect


@case
def caption_template_not_utf8(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "mau" / "facebook").mkdir(parents=True)
    (d / "mau" / "facebook" / "text.txt").write_bytes(b"{{ post.text }}\n\nX\xe3 M\xe2u\n")
    text = BASE + '\n[captions]\nfolder = "mau"\n'
    expect = "facebook/text.txt, dòng 3: tệp phải mã hóa UTF-8"
    return text, None, line_of(text, 'folder = "mau'), "captions.folder", expect


@case
def caption_template_includes_itself(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "mau" / "outbox").mkdir(parents=True)
    (d / "mau" / "outbox" / "text.txt").write_text(
        '{{ post.text }}\n{% include "outbox/text.txt" %}\n', "utf-8"
    )
    text = BASE + '\n[captions]\nfolder = "mau"\n'
    # found when a sample post is rendered: the message names the template and its line
    return text, "mau/outbox/text.txt", 2, None, "mẫu gọi lại chính nó mãi không dừng"


@case
def caption_template_nested_too_deeply(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "mau" / "outbox").mkdir(parents=True)
    (d / "mau" / "outbox" / "text.txt").write_text("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}")
    text = BASE + '\n[captions]\nfolder = "mau"\n'
    expect = "outbox/text.txt, dòng 1: sai cú pháp (lồng nhau quá sâu"
    return text, None, line_of(text, 'folder = "mau'), "captions.folder", expect


@case
def caption_template_symlink_loop(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "mau" / "outbox").mkdir(parents=True)
    (d / "mau" / "outbox" / "text.txt").symlink_to(d / "mau" / "outbox" / "text.txt")
    text = BASE + '\n[captions]\nfolder = "mau"\n'
    expect = "mau/outbox/text.txt: là liên kết hỏng hoặc trỏ vòng về chính nó"
    return text, None, line_of(text, 'folder = "mau'), "captions.folder", expect


@case
def caption_template_too_large(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "mau" / "outbox").mkdir(parents=True)
    with (d / "mau" / "outbox" / "text.txt").open("wb") as fh:
        fh.truncate(1024 * 1024 + 1)  # sparse
    text = BASE + '\n[captions]\nfolder = "mau"\n'
    expect = "mau/outbox/text.txt: tệp lớn quá 1024 KB"
    return text, None, line_of(text, 'folder = "mau'), "captions.folder", expect


@case
def campaign_dir_symlink_loop(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "chien-dich").symlink_to(d / "chien-dich")
    text = BASE.replace(
        'campaigns = ["nq72"]', 'campaigns = ["nq72"]\ncampaign_dirs = ["chien-dich"]'
    )
    return text, None, 2, "campaign_dirs[0]", "là một vòng lặp liên kết"


@case
def campaign_dir_symlink_to_outside(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "chien-dich").symlink_to("/usr/share")
    text = BASE.replace(
        'campaigns = ["nq72"]', 'campaigns = ["nq72"]\ncampaign_dirs = ["chien-dich"]'
    )
    return text, None, 2, "campaign_dirs[0]", "(tức '/usr/share') nằm ngoài thư mục của lịch"


@case
def campaign_file_symlink_to_outside(d: Path) -> tuple[str, str | None, int, str | None, str]:
    outside = d.parent / f"{d.name}-elsewhere"
    outside.mkdir()
    shutil.copy(BAD / "campaigns" / "dup.toml", outside / "dup.toml")
    (d / "chien-dich").mkdir()
    (d / "chien-dich" / "dup.toml").symlink_to(outside / "dup.toml")
    text = BASE.replace(
        'campaigns = ["nq72"]', 'campaigns = ["dup"]\ncampaign_dirs = ["chien-dich"]'
    )
    return text, None, 1, "campaigns[0]", "ngoài thư mục của lịch"


@case
def outbox_folder_symlink_to_outside(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "outbox").symlink_to("/var/tmp")
    text = BASE
    return text, None, line_of(text, "folder"), "channels[0].settings.folder", "(tức '/var/tmp')"


@case
def allowed_folder_symlink_loop(d: Path) -> tuple[str, str | None, int, str | None, str]:
    (d / "chung").symlink_to(d / "chung")
    text = BASE + '\n[paths]\nallow = ["chung"]\n'
    return text, None, line_of(text, "allow"), "paths.allow[0]", "vòng lặp liên kết"


@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_bad_case_is_refused_with_a_located_message(
    name: str, tmp_path: Path, run_cli
) -> None:
    folder = tmp_path / "ward"
    folder.mkdir()
    text, where, line, key, expect = CASES[name](folder)
    calendar = folder / "calendar.toml"
    calendar.write_text(text, "utf-8")
    db_file = tmp_path / "must-not-exist.db"

    for command in ("check", "plan"):
        result = run_cli(command, calendar=calendar, db=f"sqlite:///{db_file}")

        assert result.code == 2, result.err
        assert "Traceback" not in result.err and "không mong đợi" not in result.err
        message = " ".join(result.err.split())
        if where is None:
            assert f"{calendar}:{line}:" in message, message
        else:
            assert f"{folder / where}, dòng {line}:" in message, message
        if key is not None:
            assert f"khóa '{key}'" in message, message
        assert expect in message, message
        assert not db_file.exists()


def test_a_utf16_calendar_is_refused_with_what_to_do(tmp_path: Path, run_cli) -> None:
    calendar = tmp_path / "calendar.toml"
    calendar.write_bytes(BASE.encode("utf-16"))  # Notepad's "Unicode", with its BOM
    result = run_cli("check", calendar=calendar)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{calendar}:1: tệp đang mã hóa UTF-16" in result.err
    assert "lưu lại với mã hóa UTF-8" in result.err


def test_a_utf16_calendar_without_bom_is_refused(tmp_path: Path, run_cli) -> None:
    calendar = tmp_path / "calendar.toml"
    calendar.write_bytes(BASE.encode("utf-16-le"))
    result = run_cli("check", calendar=calendar)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{calendar}:1: tệp chứa ký tự NUL" in result.err
