"""Render benchmark: ms per image per layout and format against raw Pillow, and a year's
preview.

    python bench/render.py [--rounds N]

The baseline draws the same background (from the same cache: the gradient, or the photo
cropped and shaded) and the same lines of text at the same positions (taken from Loa's
layout, so it does no measuring) and encodes the image the same way (JPEG, same quality,
4:4:4). Loa's figure is a full cold ``render_card``: fitting, drawing the layout's shapes,
encoding within the platform limit and writing the cache, with the caches a preview has:
the layout caches are emptied before each layout × format run, so every card's message is
segmented and fitted cold while the header and footer, the same on every card, are fitted
once (as the baseline's background is drawn once). Aim: ratio <= 1.3.
The year preview runs cold (empty cache, new folder) then warm (same again). Aim: warm < 1 s.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from campaigns.config.load import load_calendar  # noqa: E402
from campaigns.planning import DesiredPost, desired_posts  # noqa: E402
from campaigns.render import fit as fitmod  # noqa: E402
from campaigns.render import render_card, words  # noqa: E402
from campaigns.render.cards import background  # noqa: E402
from campaigns.render.content import card_for  # noqa: E402
from campaigns.render.designs import GRADIENT, LAYOUTS, PHOTO  # noqa: E402
from campaigns.render.encode import encode  # noqa: E402
from campaigns.render.fonts import font, layout_name  # noqa: E402
from campaigns.render.formats import BUILTIN  # noqa: E402
from campaigns.render.layouts import draw, photo, styled  # noqa: E402
from campaigns.render.theme import stamp, theme_of  # noqa: E402
from tests.render.helpers import make_photo  # noqa: E402


def baseline(card, fmt, theme) -> float:
    """Raw Pillow: the same background and text, positions known in advance."""
    card, theme = styled(card, theme)
    blocks = draw(card, fmt.width, fmt.height, theme).blocks  # layout, not timed
    start = time.perf_counter()
    if card.layout == PHOTO:
        ground = photo._ground(fmt.width, fmt.height, theme.photo, *stamp(theme.photo), theme.focus)
        shade = Image.new("RGB", (fmt.width, fmt.height), theme.background_end)
        mask = photo._scrim(fmt.width, fmt.height, fmt.height // 2, round(0.22 * fmt.height))
        im = Image.composite(shade, ground, mask)
    else:
        im = background(fmt.width, fmt.height, theme)
    d = ImageDraw.Draw(im)
    for b in blocks:
        f = font(b.weight, b.size)
        for line, xy in zip(b.lines, b.baselines, strict=True):
            d.text(xy, line, font=f, fill=theme.text, anchor=b.anchor)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, subsampling=0)
    return time.perf_counter() - start


def cold() -> None:
    """Forget every measure, layout and word segmentation (the segmenter stays loaded)."""
    for cached in (
        fitmod._fit,
        fitmod._lines_needed,
        fitmod._balanced,
        words.units,
        words.word_gaps,
    ):
        cached.cache_clear()


def loa(card, fmt, theme) -> float:
    start = time.perf_counter()
    render_card(card, fmt, theme)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="loa-bench-"))
    os.environ["LOA_CACHE_DIR"] = str(tmp / "cache")
    cal = load_calendar(ROOT / "calendar.toml")
    theme = replace(theme_of(cal), photos=make_photo(tmp / "anh" / "le.jpg").parent)
    items = [(cid, i) for cid, pool in cal.pools.items() for i in pool.items]
    at = desired_posts(cal, date(2026, 4, 1), date(2026, 4, 1))[0].slot_at
    cards = [
        card_for(cal, DesiredPost("b", at, "facebook", cid, i.id, i.kind, i.text, None, None))
        for cid, i in items
    ]
    encode(Image.new("RGB", (64, 64)), BUILTIN["zalo-cover"])  # load the JPEG codec
    print(
        f"Pillow {Image.__version__}, layout {layout_name()}, {len(cards)} cards × "
        f"{args.rounds} rounds per format"
    )
    print(f"{'layout':<11}{'format':<20}{'size':>11}{'loa ms':>9}{'pillow ms':>11}{'ratio':>7}")
    peak = "Ngày Sức khỏe toàn dân"
    peaks = [replace(c, kind="peak", day="7/4", title=peak) for c in cards if c.kind == "slogan"]
    for layout, info in LAYOUTS.items():
        ground = "le.jpg" if layout == PHOTO else GRADIENT
        mine = [replace(c, layout=layout, background=ground)
                for c in (*cards, *peaks) if c.kind in info.kinds][: len(cards)]  # fmt: skip
        for name, fmt in BUILTIN.items():
            ours, raw = [], []
            for r in range(args.rounds):
                os.environ["LOA_CACHE_DIR"] = str(tmp / f"cache-{layout}-{name}-{r}")
                cold()  # each card's message is fitted cold; its header and footer once
                for card in mine:  # Loa first: the baseline's untimed layout warms the fit
                    ours.append(loa(card, fmt, theme))
                    raw.append(baseline(card, fmt, theme))
            o, b = statistics.median(ours) * 1000, statistics.median(raw) * 1000
            print(
                f"{layout:<11}{name:<20}{fmt.width:>5}×{fmt.height:<5}{o:>9.1f}{b:>11.1f}"
                f"{o / b:>7.2f}"
            )

    from campaigns.preview import build_preview
    from campaigns.preview.parallel import default_workers

    os.environ["LOA_CACHE_DIR"] = str(tmp / "cache-year")
    cold()
    posts = desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))
    out = tmp / "preview"
    for label in ("cold", "warm"):
        start = time.perf_counter()
        posts = desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))
        summary = build_preview(cal, posts, out, title="bench", workers=default_workers())
        took = time.perf_counter() - start
        print(
            f"year preview 2026 {label}: {took:.2f} s ({summary.posts} posts, "
            f"{summary.images} images, {summary.drawn} drawn, {summary.sheets} sheets)"
        )


if __name__ == "__main__":
    main()
