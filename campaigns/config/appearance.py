"""Checks of the appearance sections of calendar.toml: [theme], [formats], channel formats
and [captions] (files exist, format names known, caption templates compile)."""

from __future__ import annotations

from pathlib import Path

from campaigns.config.model import Calendar
from campaigns.config.toml import TomlSource
from campaigns.errors import Problem

# Built-in image formats (campaigns.render.formats.BUILTIN); kept here as names only so the
# loader does not import Pillow.
BUILTIN_FORMATS = ("facebook-portrait", "facebook-square", "zalo-cover", "website-featured")


def check_appearance(source: TomlSource, cal: Calendar, path: Path) -> list[Problem]:
    problems: list[Problem] = []
    base = path.parent
    for key in ("background_image", "logo"):
        value = getattr(cal.theme, key)
        if value and not (base / value).is_file():
            problems.append(source.problem(("theme", key), f"không tìm thấy tệp ảnh '{value}'"))
    known = set(BUILTIN_FORMATS) | set(cal.formats)
    for i, ch in enumerate(cal.channels):
        for j, name in enumerate(ch.formats or []):
            if name not in known:
                problems.append(
                    source.problem(
                        ("channels", i, "formats", j),
                        f"không có khổ ảnh '{name}' (có: {', '.join(sorted(known))}; "
                        "khai báo khổ riêng trong [formats.<tên>])",
                    )
                )
    folder = cal.captions.folder
    if folder:
        full = base / folder
        if not full.is_dir():
            problems.append(source.problem(("captions", "folder"), f"không có thư mục '{folder}'"))
        else:
            from campaigns.captions.templates import syntax_problems

            for message in syntax_problems(str(full.resolve())):
                problems.append(source.problem(("captions", "folder"), message))
    author = cal.captions.zalo_author
    if author is not None and len(author) > 50:
        problems.append(
            source.problem(
                ("captions", "zalo_author"),
                f"tác giả bài Zalo dài {len(author)} ký tự, tối đa 50: "
                f"cần cắt bớt {len(author) - 50} ký tự",
            )
        )
    return problems
