"""Rendering from several threads at once (the TUI's preview worker, the daemon's lanes):
the same bytes as one thread, and cache writes that never collide or leave files behind."""

from __future__ import annotations

import errno
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import ImageFont

from campaigns.errors import RuntimeFailure
from campaigns.preview.sheet import Tile, contact_sheet
from campaigns.publishing import request_for
from campaigns.render import cache, fit, fonts, render_post
from campaigns.render.content import card_for
from campaigns.render.printing import PrintFormat, banner_format, render_print
from campaigns.render.theme import theme_of
from campaigns.store import Post
from tests.render.helpers import AT, all_items, post_for
from tui.engine import Engine

THREADS = 8


def _posts(cal) -> list[Post]:
    """Distinct cards (kinds, channels, formats), each repeated so threads draw it at once."""
    items = all_items(cal)
    picks = [
        next(i for i in items if i.kind == "fact"),
        *[i for i in items if i.kind == "slogan"][:3],
    ]
    channels = ["facebook", "zalo", "website", "facebook"]
    distinct = []
    for n, (item, channel) in enumerate(zip(picks, channels, strict=True)):
        campaign = cal.item(item.id)[0]
        distinct.append(
            Post(
                id=n + 1, unit=cal.unit, campaign=campaign, channel=channel,
                slot_key=f"{channel}|{n}", slot_at=AT, content_id=item.id, kind=item.kind,
                text=item.text, due_at=AT, created_at=AT, created_by="test", updated_at=AT,
            )
        )  # fmt: skip
    return distinct * 4


def _cold_caches() -> None:
    """Forget the measured widths and opened faces, so threads open and measure at once."""
    fonts.font.cache_clear()
    fit._ref_width.cache_clear()
    fit._lines_needed.cache_clear()


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_threads_render_the_same_bytes_as_one_thread(cal, store, tmp_path, monkeypatch) -> None:
    posts = _posts(cal)
    engine = Engine(cal, store, actor="tui:test")

    def draw(n: int) -> bytes:
        # half through the TUI's preview, half through the publisher's request
        post = posts[n]
        return engine.preview(post) if n % 2 else request_for(cal, post).image.data

    together = tmp_path / "together"
    monkeypatch.setenv("LOA_CACHE_DIR", str(together))
    _cold_caches()
    start = threading.Barrier(THREADS)

    def job(n: int) -> bytes:
        if n < THREADS:
            start.wait(timeout=60)
        return draw(n)

    with ThreadPoolExecutor(THREADS) as pool:
        concurrent = list(pool.map(job, range(len(posts))))

    monkeypatch.setenv("LOA_CACHE_DIR", str(tmp_path / "alone"))
    _cold_caches()
    alone = [draw(n) for n in range(len(posts))]

    assert concurrent == alone
    assert len(set(alone)) == len(posts) // 4
    assert _leftovers(together) == []


def test_every_freetype_call_holds_the_lock(cal, monkeypatch) -> None:
    """Cards, print, contact sheets and plain fitting open, measure and draw with a face
    only under ``fonts.FREETYPE`` (on a regular build the GIL already serialises them; on a
    free-threaded one it does not)."""
    outside: list[str] = []

    def checked(name):
        real = getattr(ImageFont.FreeTypeFont, name)

        def call(*args, **kwargs):
            if not fonts.FREETYPE._is_owned():
                outside.append(name)
            return real(*args, **kwargs)

        return call

    for name in ("__init__", "getlength", "getbbox", "getmask", "getmask2", "getmetrics"):
        monkeypatch.setattr(ImageFont.FreeTypeFont, name, checked(name))
    _cold_caches()
    item = next(i for i in all_items(cal) if i.kind == "slogan")
    card = card_for(cal, post_for(cal, item))
    rendered = render_post(cal, post_for(cal, item))
    render_print(card, PrintFormat("nhỏ", "nhỏ", 60, 80, 72), theme_of(cal))
    render_print(card, banner_format(1.0, 0.3, dpi=20), theme_of(cal))
    contact_sheet("Tháng 4/2026", [Tile(rendered.path, rendered.key, "07/04 · facebook")])
    fit.fit("Sức khỏe là vốn quý nhất", (0, 0, 300, 100), "bold", max_size=40, readable=12)
    assert not rendered.cached and fonts.font.cache_info().misses > 0
    assert outside == []


def test_simultaneous_writes_of_one_image_use_distinct_temporary_files(monkeypatch) -> None:
    writers = 4
    real_replace = os.replace
    names: list[str] = []
    everyone_wrote = threading.Barrier(writers)

    def replace(src, dst):
        if str(dst).endswith(".jpg"):  # hold each writer until all have written their file
            names.append(Path(src).name)
            everyone_wrote.wait(timeout=60)
        return real_replace(src, dst)

    monkeypatch.setattr(cache.os, "replace", replace)
    key = cache.key_of("same card")

    def write(n: int) -> Path:
        return cache.store(key, "jpg", b"\xff\xd8\xff same bytes", {"size": 14})

    with ThreadPoolExecutor(writers) as pool:
        paths = list(pool.map(write, range(writers)))

    assert len(set(names)) == writers, names
    assert paths[0].read_bytes() == b"\xff\xd8\xff same bytes"
    assert cache.read_meta(key) == {"size": 14}
    assert _leftovers(cache.cache_dir()) == []


def test_a_failed_write_leaves_no_temporary_file(monkeypatch) -> None:
    def full(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cache.os, "replace", full)
    with pytest.raises(RuntimeFailure, match="bộ đệm ảnh"):
        cache.store(cache.key_of("card"), "jpg", b"data", {"size": 4})
    assert cache.cache_dir().is_dir()
    assert _leftovers(cache.cache_dir()) == []
