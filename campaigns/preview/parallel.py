"""Draw a preview's missing card images on several processes before it is assembled.

A year has some 800 different images (each post's design differs from the last), each
drawn and encoded in 10-30 ms; drawing is CPU-bound and FreeType calls are serialised, so
threads do not help but processes do. The workers are forked (they inherit the loaded
fonts, word segmenter and calendar, nothing is pickled but indexes) and write the shared
render cache, whose writes are atomic; the preview then finds every image in the cache.
Only where fork exists and only from a single-threaded caller (the CLI): forking a
threaded program (the TUI) could copy a lock held by another thread. The month's contact
sheets are drawn the same way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from campaigns.config.load import WardCalendar
from campaigns.preview.sheet import Tile, contact_sheet
from campaigns.render import formats_for, render_post
from campaigns.render.content import PostLike
from campaigns.store.models import OWN

MIN_IMAGES = 48  # below this, starting workers costs more than it saves
_job: tuple[WardCalendar, list[tuple[PostLike, str]]] | None = None
_sheets: list[tuple[str, Sequence[Tile]]] | None = None


def default_workers() -> int:
    return min(8, os.cpu_count() or 1)


def prerender(cal: WardCalendar, posts: Sequence[PostLike], workers: int) -> int:
    """Draw the posts' card images into the cache on ``workers`` processes; the number
    drawn (0 when it was not worth it or not possible)."""
    global _job
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    todo = [(p, f.name) for p in posts if p.kind != OWN for f in formats_for(cal, p.channel)]
    if len(todo) < MIN_IMAGES:
        return 0
    _job = (cal, todo)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            chunks = [range(i, len(todo), workers) for i in range(workers)]
            return sum(pool.map(_draw, chunks))
    finally:
        _job = None


def draw_sheets(jobs: Sequence[tuple[str, Sequence[Tile]]], workers: int) -> list[Path]:
    """Each month's contact sheet (title, tiles), on ``workers`` processes when there are
    several sheets and fork is available; the cached sheets' paths, in order."""
    global _sheets
    if workers < 2 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [contact_sheet(title, tiles) for title, tiles in jobs]
    _sheets = list(jobs)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
            return list(pool.map(_sheet, range(len(jobs))))
    finally:
        _sheets = None


def _sheet(index: int) -> Path:
    assert _sheets is not None
    return contact_sheet(*_sheets[index])


def _draw(indexes: range) -> int:
    assert _job is not None
    cal, todo = _job
    drawn = 0
    for i in indexes:
        post, fmt = todo[i]
        drawn += not render_post(cal, post, fmt, thumb=True).cached
    return drawn
