"""Reviewed reference images, compared with a tolerance (FreeType/Pillow builds may differ
by a few grey levels at glyph edges). Regenerate after a reviewed design change with
``LOA_UPDATE_REFERENCE=1 pytest tests/render/test_reference.py`` and look at them."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from campaigns.render import render_post
from tests.render.helpers import all_items, post_for

REFERENCE = Path(__file__).parent / "reference"
CASES = [
    ("slogan-s03-facebook-portrait", "s03", "facebook", "facebook-portrait", None),
    ("fact-bhyt-2026-website-featured", "bhyt-2026", "website", "website-featured", None),
    ("peak-7-4-zalo-cover", "s09", "zalo", "zalo-cover", "Ngày Sức khỏe toàn dân"),
]
TOLERANCE = 2.5  # mean absolute difference per channel, 0-255


@pytest.mark.parametrize(
    ("name", "item_id", "channel", "fmt", "peak"), CASES, ids=[c[0] for c in CASES]
)
def test_matches_the_reviewed_reference(cal, name, item_id, channel, fmt, peak) -> None:
    item = next(i for i in all_items(cal) if i.id == item_id)
    post = post_for(cal, item, channel=channel, kind="peak" if peak else None, peak=peak)
    rendered = render_post(cal, post, fmt)
    image = Image.open(io.BytesIO(rendered.data)).convert("RGB")
    small = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    path = REFERENCE / f"{name}.png"
    if os.environ.get("LOA_UPDATE_REFERENCE"):
        small.save(path, optimize=True)
    with Image.open(path) as ref:
        reference = ref.convert("RGB")
    assert reference.size == small.size
    diff = ImageStat.Stat(ImageChops.difference(small, reference)).mean
    assert max(diff) <= TOLERANCE, f"{name}: mean difference {diff}"
