"""Plan-time checks shared by publishers: image format and size, text lengths."""

from __future__ import annotations

from publishers.base import Image

_SIGNATURES = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
    b"RIFF": "image/webp",
}
_NAMES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WebP"}


def sniff(data: bytes) -> str | None:
    """The image's real MIME type from its first bytes (ignoring what it claims)."""
    for signature, mime in _SIGNATURES.items():
        if data.startswith(signature):
            if mime == "image/webp" and data[8:12] != b"WEBP":
                return None
            return mime
    return None


def image_problems(image: Image, *, allowed: tuple[str, ...], max_bytes: int) -> list[str]:
    problems = []
    real = sniff(image.data)
    names = "/".join(_NAMES.get(m, m) for m in allowed)
    if real is None or real not in allowed:
        problems.append(f"ảnh '{image.filename}' phải là {names}")
    elif real != image.mime:
        problems.append(
            f"ảnh '{image.filename}' thực chất là {_NAMES[real]}, không phải {image.mime}"
        )
    if len(image.data) > max_bytes:
        problems.append(
            f"ảnh '{image.filename}' nặng {len(image.data) / 1_048_576:.1f} MB, "
            f"quá giới hạn {max_bytes / 1_048_576:.0f} MB của kênh; hãy giảm kích thước ảnh"
        )
    if not image.data:
        problems.append(f"ảnh '{image.filename}' rỗng")
    return problems


def length_problem(what: str, text: str | None, limit: int) -> str | None:
    if text is not None and len(text) > limit:
        return f"{what} dài {len(text)} ký tự, quá giới hạn {limit} ký tự của kênh; hãy rút gọn"
    return None
