"""Write a dry-run preview of posts to a folder: images, captions, monthly contact sheets
and an index.html. Publishes nothing and needs no credentials.

Images come from the render cache and are hard-linked (or copied) into the folder, so a
second preview of the same range draws nothing and writes little.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from campaigns.captions import compose, validate
from campaigns.config.load import WardCalendar
from campaigns.errors import RuntimeFailure, UserError
from campaigns.failures import unwritable
from campaigns.preview.html import write_index
from campaigns.preview.parallel import draw_sheets, prerender
from campaigns.preview.sheet import Tile
from campaigns.render import formats_for, render_post, stats
from campaigns.render.content import PostLike, when
from campaigns.render.designs import BACKGROUNDS, LAYOUTS, parse
from campaigns.store.lifecycle import LABELS
from campaigns.store.models import KIND_LABELS, OWN
from campaigns.timeutil import fmt_date, fmt_local

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
OWNED = ("images", "contact")  # subfolders the preview owns and prunes


@dataclass
class Summary:
    posts: int = 0
    images: int = 0
    drawn: int = 0  # images rendered now (the rest came from the cache)
    sheets: int = 0
    per_channel: Counter[str] = field(default_factory=Counter)
    per_kind: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def build_preview(
    cal: WardCalendar,
    posts: Sequence[PostLike],
    out: Path,
    *,
    title: str,
    progress: Callable[[], None] | None = None,
    workers: int = 1,
) -> Summary:
    """``workers`` > 1: draw the missing images on that many processes first (only from a
    single-threaded program: see ``campaigns.preview.parallel``)."""
    summary = Summary()
    drawn_before = stats.rendered
    _prepare(out)
    drawn_before -= prerender(cal, posts, workers)
    written: set[Path] = set()
    entries: list[dict[str, Any]] = []
    months: dict[str, list[Tile]] = {}
    for post in posts:
        entry = _entry(cal, post, out, written, summary)
        entries.append(entry)
        if entry["images"]:
            first = entry["images"][0]
            label = f"{entry['day'][:5]} {entry['time']} · {entry['channel']} · {entry['layout']}"
            months.setdefault(entry["month"], []).append(Tile(first["cached"], first["key"], label))
        if progress is not None:
            progress()
    sheets = []
    ordered = sorted(months.items())
    jobs = [(f"Tháng {m[5:]}/{m[:4]} — {cal.config.ward.name}", tiles) for m, tiles in ordered]
    for (month, tiles), src in zip(ordered, draw_sheets(jobs, workers), strict=True):
        name = f"contact/{month}.jpg"
        _place(src, out / name, written)
        sheets.append({"month": f"{month[5:]}/{month[:4]}", "file": name, "count": len(tiles)})
    _prune(out, written)
    summary.sheets = len(sheets)
    summary.drawn = stats.rendered - drawn_before
    for e in entries:
        e.pop("month")
        for img in e["images"]:
            img.pop("cached")
    _write(out / "posts.json", json.dumps(entries, ensure_ascii=False, indent=1))
    write_index(out / "index.html", title=title, ward=cal.config.ward.name, entries=entries,
                sheets=sheets, warnings=summary.warnings)  # fmt: skip
    return summary


def _entry(
    cal: WardCalendar, post: PostLike, out: Path, written: set[Path], summary: Summary
) -> dict[str, Any]:
    at = when(post).astimezone(cal.tz)
    stamp = f"{fmt_local(at, cal.tz)} {post.channel}"
    summary.posts += 1
    summary.per_channel[post.channel] += 1
    summary.per_kind[post.kind] += 1
    stem = f"{at:%Y%m%d-%H%M}-{post.channel}-{post.content_id}"
    if post.kind == OWN:
        images = _own_images(cal, post, f"images/{at:%Y-%m}/{stem}", out, written, summary)
    else:
        images = _card_images(cal, post, f"images/{at:%Y-%m}/{stem}", out, written, summary)
    try:
        caption = compose(cal, post)
        fields, problems = caption.fields, validate(caption)
        ctype = caption.type
    except UserError as exc:
        fields, problems, ctype = {}, [exc.message], ""
    summary.warnings += [f"{stamp}: {p}" for p in problems]
    status = LABELS.get(str(getattr(post, "status", "")))
    return {
        "day": fmt_date(at.date()), "weekday": WEEKDAYS[at.weekday()], "time": f"{at:%H:%M}",
        "month": f"{at:%Y-%m}", "channel": post.channel, "type": ctype, "kind": post.kind,
        "kind_label": KIND_LABELS.get(post.kind, post.kind), "content_id": post.content_id,
        "peak": post.peak, "event": post.event, "status": status,
        "images": images, "caption": fields, "problems": problems,
        "design": design_of(post), "layout": design_of(post).partition("/")[0],
        "design_label": design_label(post),
    }  # fmt: skip


def design_of(post: PostLike) -> str:
    """The post's design as planned ("" for an own post, which shows its photos)."""
    return "" if post.kind == OWN else str(parse(getattr(post, "design", None)))


def design_label(post: PostLike) -> str:
    if post.kind == OWN:
        return "ảnh của cán bộ"
    design = parse(getattr(post, "design", None))
    ground = BACKGROUNDS.get(design.background, f"ảnh {design.background}")
    return f"{LAYOUTS[design.layout].label} · {ground}"


def _card_images(
    cal: WardCalendar, post: PostLike, stem: str, out: Path, written: set[Path], summary: Summary
) -> list[dict[str, Any]]:
    """A planned post's card in each of its channel's formats."""
    stamp = f"{fmt_local(when(post), cal.tz)} {post.channel}"
    images = []
    for fmt in formats_for(cal, post.channel):
        r = render_post(cal, post, fmt.name, thumb=True)
        name = f"{stem}.{fmt.name}.{r.ext}"
        _place(r.path, out / name, written)
        summary.images += 1
        if r.shrunk:
            summary.warnings.append(
                f"{stamp}: chữ trên ảnh {fmt.name} phải thu nhỏ còn {r.text_size}px, "
                "dưới cỡ dễ đọc — nên rút gọn nội dung"
            )
        images.append({
            "format": fmt.name, "file": name, "width": r.width, "height": r.height,
            "kb": round(r.size / 1024), "limit": r.limit, "shrunk": r.shrunk,
            "key": r.key, "cached": r.path,
        })  # fmt: skip
    return images


def _own_images(
    cal: WardCalendar, post: PostLike, stem: str, out: Path, written: set[Path], summary: Summary
) -> list[dict[str, Any]]:
    """An own post's photos, as prepared for its channel when it was added."""
    fmt = formats_for(cal, post.channel)[0]
    number = getattr(post, "id", None)
    images = []
    for n, name in enumerate(getattr(post, "images", None) or [], 1):
        src = Path(name)
        try:
            data = src.read_bytes()
            with PILImage.open(io.BytesIO(data)) as im:
                width, height = im.size
        except (OSError, ValueError):
            summary.warnings.append(
                f"{post.channel}: không đọc được ảnh {n} của bài số {number} ({src})"
            )
            continue
        dest = f"{stem}-{number}.photo{n}{src.suffix.lower()}"
        _place(src, out / dest, written)
        summary.images += 1
        images.append({
            "format": fmt.name, "file": dest, "width": width, "height": height,
            "kb": round(len(data) / 1024), "limit": fmt.limit, "shrunk": False,
            "key": hashlib.sha256(data).hexdigest(), "cached": src,
        })  # fmt: skip
    return images


def _prepare(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(exc, f"thư mục '{out}'") from None


def _place(src: Path, dst: Path, written: set[Path]) -> None:
    """Hard-link a cached file into the preview (copy across file systems); skip if there."""
    written.add(dst)
    try:
        if dst.exists():
            if os.path.samefile(src, dst):
                return
            dst.unlink()
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
    except OSError as exc:
        raise unwritable(exc, f"tệp '{dst}'") from None


def _prune(out: Path, written: set[Path], owned: tuple[str, ...] = OWNED) -> None:
    """Remove images and sheets a previous preview left that this one did not produce."""
    for sub in owned:
        folder = out / sub
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.is_file() and path.read_bytes() == data:
            return
        path.write_bytes(data)
    except OSError as exc:
        raise RuntimeFailure(f"Không ghi được tệp '{path}': {exc.strerror}") from None
