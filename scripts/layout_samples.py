"""Draw the README's sample of each card layout into docs/layouts/ (PNG, small).

    python scripts/layout_samples.py

The photo layout uses a drawn stand-in for an officer's photo (a sunrise over fields), so the
samples need no image from outside the repository.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from campaigns.config.load import load_calendar  # noqa: E402
from campaigns.planning import DesiredPost  # noqa: E402
from campaigns.render import designs  # noqa: E402
from campaigns.render.content import card_for  # noqa: E402
from campaigns.render.layouts import draw, styled  # noqa: E402
from campaigns.render.theme import theme_of  # noqa: E402

OUT = ROOT / "docs" / "layouts"
SIZE = 1080  # drawn as facebook-square, saved at half size
ANNIVERSARY = "Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2027)"
SAMPLES = [  # layout, background, content, peak
    (designs.POSTER, "chuyen-mau", "s06", None),
    (designs.BANNER, "chuyen-mau", "s01", None),
    (designs.PHOTO, "canh-dong.jpg", "s03", None),
    (designs.NUMBER, "nen-sang", "bhyt-2026", None),
    (designs.QUOTE, "nen-nhan", "s06", None),
    (designs.DAY, "hoa-van", "s09", "Ngày Sức khỏe toàn dân"),
    (designs.DAY, "chuyen-mau", "s09", ANNIVERSARY),
]


def stand_in_photo(path: Path) -> None:
    """A sunrise over green fields with a house: something photo-like to crop."""
    w, h = 1600, 1100
    sky = Image.linear_gradient("L").resize((1, h)).resize((w, h))
    im = Image.composite(Image.new("RGB", (w, h), "#F6C177"), Image.new("RGB", (w, h), "#6FA8DC"),
                         sky)  # fmt: skip
    d = ImageDraw.Draw(im)
    d.ellipse((1000, 300, 1240, 540), fill="#FFE9A8")
    d.polygon([(0, 700), (500, 560), (1100, 680), (1600, 600), (1600, h), (0, h)], fill="#4E8F3A")
    d.polygon([(0, 860), (700, 760), (1600, 880), (1600, h), (0, h)], fill="#3B7A2C")
    d.rectangle((300, 600, 520, 760), fill="#E8DCC4")
    d.polygon([(280, 600), (410, 510), (540, 600)], fill="#B5452F")
    d.rectangle((390, 680, 440, 760), fill="#7A5230")
    im.save(path, "JPEG", quality=88)


def main() -> None:
    cal = load_calendar(ROOT / "calendar.toml")
    folder = Path(tempfile.mkdtemp(prefix="loa-samples-"))
    stand_in_photo(folder / "canh-dong.jpg")
    theme = replace(theme_of(cal), photos=folder, photo_focus=(("canh-dong.jpg", 0.3, 0.55),))
    OUT.mkdir(parents=True, exist_ok=True)
    for layout, background, content_id, peak in SAMPLES:
        found = cal.item(content_id)
        assert found is not None
        cid, item = found
        kind = "peak" if peak else item.kind
        post = DesiredPost("mau", cal_start(cal), "facebook", cid, item.id, kind, item.text,
                           peak, None, design=f"{layout}/{background}")  # fmt: skip
        card = card_for(cal, post)
        if peak == ANNIVERSARY:
            card = replace(card, day="3/2")
        card, t = styled(card, theme)
        image = draw(card, SIZE, SIZE, t).image.resize((SIZE // 2, SIZE // 2), Image.LANCZOS)
        name = f"{layout}{'-ky-niem' if peak == ANNIVERSARY else ''}.png"
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(OUT / name, optimize=True)
        print(OUT / name, (OUT / name).stat().st_size // 1024, "KB")


def cal_start(cal):  # any time: cards do not show it
    from datetime import UTC, datetime

    return datetime(cal.start.year, cal.start.month, cal.start.day, 1, tzinfo=UTC)


if __name__ == "__main__":
    main()
