"""Is a logo or background named in calendar.toml an image Loa can draw? Checked at load,
before anything decodes it: size on disk, Pillow's pixel limit (a decompression bomb is a
small file of billions of pixels), and ``verify``. Pillow is imported only when needed."""

from __future__ import annotations

import re
import stat
import warnings
from pathlib import Path

MAX_IMAGE_MB = 20
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


def list_photos(folder: Path) -> tuple[str, ...]:
    """The names of the JPEG and PNG files directly in ``folder``, sorted (none when it is
    not a folder); hidden files are left out."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return ()
    return tuple(sorted(
        p.name for p in entries
        if p.suffix.lower() in PHOTO_SUFFIXES and not p.name.startswith(".") and p.is_file()
    ))  # fmt: skip


def image_problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot be used as an image (Vietnamese), or None."""
    try:
        st = path.stat()
    except OSError:
        return "không tìm thấy tệp"
    if not stat.S_ISREG(st.st_mode):
        return "không phải một tệp ảnh thông thường"
    if st.st_size == 0:
        return "tệp rỗng, không phải ảnh"
    if st.st_size > MAX_IMAGE_MB * 1024 * 1024:
        return (
            f"tệp nặng {st.st_size / 1_048_576:.0f} MB, tối đa {MAX_IMAGE_MB} MB: "
            "hãy thu nhỏ ảnh (logo vài trăm điểm ảnh mỗi chiều là đủ)"
        )
    from PIL import Image, UnidentifiedImageError

    limit = Image.MAX_IMAGE_PIXELS or 0
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that: both refused.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                w, h = im.size
                if limit and w * h > limit:
                    return _too_big(f"{w}×{h} = {_n(w * h)}", limit)
                im.verify()  # checks the data without decoding it into memory
    except Image.DecompressionBombError as exc:
        m = re.search(r"\((\d+) pixels\)", str(exc))
        return _too_big(_n(int(m.group(1))) if m else "?", limit)
    except UnidentifiedImageError:
        return "không phải tệp ảnh (cần PNG hoặc JPEG)"
    except Exception as exc:  # a hostile file may break the decoder in any way
        return f"ảnh bị hỏng, không đọc được ({type(exc).__name__}): hãy lưu lại ảnh"
    return None


def _too_big(pixels: str, limit: int) -> str:
    return (
        f"ảnh quá lớn ({pixels} điểm ảnh, tối đa {_n(limit)}): có thể là tệp độc hại "
        "(bom giải nén); hãy dùng ảnh nhỏ hơn"
    )


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")
