"""Image formats per channel: sizes, encodings and each platform's file-size limit.

Built-ins cover the channels the seeds name; ``[formats.<name>]`` in calendar.toml adds a
format or overrides a built-in, and a channel's ``formats = [...]`` chooses its list
(the first one is the post's image).
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.config.load import WardCalendar
from campaigns.errors import UserError


@dataclass(frozen=True)
class Format:
    name: str
    width: int
    height: int
    encoding: str  # jpeg | png
    max_bytes: int
    limit: str  # the platform limit checked, said in words

    @property
    def mime(self) -> str:
        return "image/png" if self.encoding == "png" else "image/jpeg"

    @property
    def ext(self) -> str:
        return "png" if self.encoding == "png" else "jpg"


MB = 1024 * 1024
BUILTIN: dict[str, Format] = {
    f.name: f
    for f in (
        Format("facebook-portrait", 1080, 1350, "jpeg", 4 * MB - 1, "Facebook: ảnh < 4 MB"),
        Format("facebook-square", 1080, 1080, "jpeg", 4 * MB - 1, "Facebook: ảnh < 4 MB"),
        Format("zalo-cover", 1280, 720, "jpeg", 1 * MB, "Zalo: ảnh bìa ≤ 1 MB"),
        Format("website-featured", 1200, 630, "jpeg", 2 * MB, "Website: ảnh đại diện ≤ 2 MB"),
    )
}
DEFAULTS: dict[str, tuple[str, ...]] = {
    "facebook": ("facebook-portrait", "facebook-square"),
    "zalo": ("zalo-cover",),
    "website": ("website-featured",),
    "outbox": ("facebook-portrait",),
}
FALLBACK = ("facebook-square",)


def all_formats(cal: WardCalendar) -> dict[str, Format]:
    out = dict(BUILTIN)
    for name, spec in cal.config.formats.items():
        limit = f"tự khai báo: ≤ {spec.max_kb} KB"
        out[name] = Format(name, spec.width, spec.height, spec.encoding, spec.max_kb * 1024, limit)
    return out


def formats_for(cal: WardCalendar, channel_name: str) -> list[Format]:
    """The image formats of a channel, its primary (post) image first."""
    channel = cal.channel(channel_name)
    if channel is None:
        raise UserError(f"Không có kênh tên '{channel_name}' trong calendar.toml.")
    names = channel.formats or list(DEFAULTS.get(channel.type, FALLBACK))
    known = all_formats(cal)
    return [known[n] for n in names if n in known]  # unknown names are refused at load


def find_format(cal: WardCalendar, name: str) -> Format:
    known = all_formats(cal)
    if name not in known:
        raise UserError(f"Không có khổ ảnh '{name}' (có: {', '.join(sorted(known))}).")
    return known[name]
