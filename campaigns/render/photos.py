"""The officer's own photos, made ready for a channel: checked like the calendar's images
(size, decompression bomb, a real JPEG or PNG), turned upright as the camera's EXIF
orientation says, shrunk to fit the channel's post format (never enlarged) and encoded
within its file-size limit, with no metadata left in."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps

from campaigns.config.images import image_problem
from campaigns.errors import UserError
from campaigns.render.encode import encode
from campaigns.render.formats import Format


def prepare_photo(path: Path, fmt: Format) -> bytes:
    """``path`` upright, within ``fmt``'s box, encoded as ``fmt`` says; ``UserError`` when
    the file is not an image Loa can use."""
    found = image_problem(path) or _upright(path)
    if isinstance(found, str):
        raise UserError(f"Ảnh '{path}': {found}.")
    keep_alpha = fmt.encoding == "png" and found.mode in ("RGBA", "LA", "P")
    photo = found.convert("RGBA" if keep_alpha else "RGB")
    photo.thumbnail((fmt.width, fmt.height), Image.Resampling.LANCZOS)
    data, _quality = encode(photo, fmt)
    return data


def _upright(path: Path) -> Image.Image | str:
    """The decoded photo turned as its EXIF orientation says, or why it cannot be."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                if im.format not in ("JPEG", "PNG"):
                    return "không phải ảnh PNG hoặc JPEG"
                upright = ImageOps.exif_transpose(im)
                upright.load()
                return upright
    except Exception as exc:  # a hostile file may break the decoder in any way
        return f"ảnh bị hỏng, không đọc được ({type(exc).__name__}): hãy lưu lại ảnh"
