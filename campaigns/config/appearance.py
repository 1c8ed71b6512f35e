"""Checks of the appearance sections of calendar.toml: [ward] logo, [theme], [formats],
channel formats and [captions] (files inside the calendar's folders and readable images,
format names known, caption templates compile)."""

from __future__ import annotations

from campaigns.config.images import image_problem, list_photos
from campaigns.config.model import Calendar
from campaigns.config.paths import PathRefused, Roots
from campaigns.config.toml import TomlSource
from campaigns.errors import Problem

# Built-in image formats (campaigns.render.formats.BUILTIN); kept here as names only so the
# loader imports Pillow only to check an image the calendar names.
BUILTIN_FORMATS = ("facebook-portrait", "facebook-square", "zalo-cover", "website-featured")
IMAGE_KEYS = ("background_image", "logo")


def check_appearance(source: TomlSource, cal: Calendar, roots: Roots) -> list[Problem]:
    problems: list[Problem] = []
    images = [(("ward", "logo"), cal.ward.logo, "logo")]
    images += [(("theme", key), getattr(cal.theme, key), "ảnh") for key in IMAGE_KEYS]
    for loc, value, what in images:
        if value and (problem := _image(roots, value, what)):
            problems.append(source.problem(loc, problem))
    problems += _photos(source, cal, roots)
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
        try:
            full = roots.resolve(folder)
        except PathRefused as exc:
            problems.append(source.problem(("captions", "folder"), str(exc)))
        else:
            if not full.is_dir():
                message = f"không có thư mục '{folder}'"
                problems.append(source.problem(("captions", "folder"), message))
            else:
                from campaigns.captions.templates import syntax_problems

                for message in syntax_problems(str(full)):
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


def _photos(source: TomlSource, cal: Calendar, roots: Roots) -> list[Problem]:
    """[theme] photos: a folder inside the calendar's roots whose every photo is usable, and
    a focus only for a photo that is there."""
    folder = cal.theme.photos
    if not folder:
        if cal.theme.photo_focus:
            return [source.problem(("theme", "photo_focus"), "cần khai báo photos (thư mục ảnh)")]
        return []
    try:
        full = roots.resolve(folder)
    except PathRefused as exc:
        return [source.problem(("theme", "photos"), str(exc))]
    if not full.is_dir():
        return [source.problem(("theme", "photos"), f"không có thư mục ảnh '{folder}'")]
    names = list_photos(full)
    problems = []
    for name in names:
        if problem := _image(roots, f"{folder}/{name}", "ảnh"):
            problems.append(source.problem(("theme", "photos"), problem))
    for name in cal.theme.photo_focus:
        if name not in names:
            message = f"không có ảnh '{name}' trong thư mục '{folder}'"
            problems.append(source.problem(("theme", "photo_focus", name), message))
    return problems


def _image(roots: Roots, value: str, what: str) -> str | None:
    try:
        path = roots.resolve(value)
    except PathRefused as exc:
        return str(exc)
    if not path.exists():
        return f"không tìm thấy tệp {what} '{value}'"
    problem = image_problem(path)
    return f"tệp {what} '{value}': {problem}" if problem else None
