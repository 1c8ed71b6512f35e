"""The officer's own posts: text, photos and a link written by hand for one channel and
time. They live in the same queue as planned posts (same approval, preview, daemon,
history and report) with kind ``own``, and the planner never reads or changes them.

Photos are prepared for the channel when the post is added (upright, resized, encoded
within its limit) and copied into Loa's data folder, private, so the post survives the
originals being moved; ``images`` holds the copies' paths in order.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from campaigns.captions.compose import compose
from campaigns.captions.validate import validate
from campaigns.config.images import list_photos
from campaigns.config.load import WardCalendar
from campaigns.errors import UserError
from campaigns.private import private_dir, private_opener
from campaigns.render.formats import formats_for
from campaigns.render.photos import prepare_photo
from campaigns.store.lifecycle import Status
from campaigns.store.models import OWN, Post
from campaigns.store.posts import Store, record, refuse_past
from campaigns.text import nfc
from publishers.registry import load

MAX_PHOTOS = 10
CONTENT_ID = "own"  # every own post's content id: the planner's items never use it


def photo_note(cal: WardCalendar, channel: str, count: int) -> str | None:
    """What the officer should know when a channel shows only the first of the photos."""
    found = cal.channel(channel)
    if count < 2 or found is None or load(found.type).capabilities.several_images:
        return None
    return (
        f"Lưu ý: kênh '{channel}' chỉ đăng ảnh đầu tiên; {count - 1} ảnh còn lại không được đăng."
    )


MAX_LISTED = 500  # a folder of a whole phone's photos still lists quickly


def photos_in(folder: Path) -> list[Path]:
    """The JPEG and PNG files directly in ``folder``, by name (at most ``MAX_LISTED``)."""
    if not folder.is_dir():
        raise UserError(f"Không có thư mục ảnh '{folder}'.")
    return [folder / name for name in list_photos(folder)[:MAX_LISTED]]


def photos_dir() -> Path:
    """Where own posts' photos are kept: Loa's data folder (where its SQLite database
    lives by default)."""
    return Path(platformdirs.user_data_dir("loa")) / "photos"


@dataclass(frozen=True)
class OwnPost:
    """An own post checked whole and its photos prepared: nothing written yet."""

    post: Post
    photos: list[bytes]
    ext: str


def add_own_post(
    store: Store,
    cal: WardCalendar,
    *,
    channel: str,
    when: datetime,
    text: str,
    photos: Sequence[Path] = (),
    link: str | None = None,
    actor: str,
) -> int:
    """Check everything, copy the photos, then add the post; returns its number.

    Bad input raises ``UserError`` before anything is written.
    """
    checked = prepare_own_post(
        store, cal, channel=channel, when=when, text=text, photos=photos, link=link,
        actor=actor,
    )  # fmt: skip
    return save_own_posts(store, [checked], actor)[0]


def prepare_own_post(
    store: Store,
    cal: WardCalendar,
    *,
    channel: str,
    when: datetime,
    text: str,
    photos: Sequence[Path] = (),
    link: str | None = None,
    actor: str,
) -> OwnPost:
    """The post for ``channel`` checked whole and its photos made ready for the channel;
    ``UserError`` with the reason otherwise. Writes nothing."""
    found = cal.channel(channel)
    if found is None:
        names = ", ".join(c.name for c in cal.config.channels)
        raise UserError(f"Không có kênh '{channel}' (có: {names}).")
    if not found.enabled:
        raise UserError(
            f"Kênh '{channel}' đang tắt (enabled = false trong calendar.toml); bật kênh "
            "rồi thêm bài."
        )
    now = store.clock()
    refuse_past(when, now, cal.tz, "Giờ đăng")
    text = nfc(text).strip()
    if not text:
        raise UserError("Nội dung bài đang để trống: hãy nhập nội dung bài.")
    if link is not None:
        link = link.strip()
        if not link.startswith(("https://", "http://")):
            raise UserError(f"'{link}' không phải địa chỉ web (cần bắt đầu bằng https://).")
    if len(photos) > MAX_PHOTOS:
        raise UserError(f"Một bài có tối đa {MAX_PHOTOS} ảnh; đang chọn {len(photos)} ảnh.")
    if not photos and not load(found.type).capabilities.text_only:
        raise UserError(f"Kênh '{channel}' cần ít nhất một ảnh: hãy chọn ảnh (--image TỆP).")
    status = Status.DRAFT if cal.config.approval.required else Status.APPROVED
    post = Post(
        unit=cal.unit, campaign=OWN, channel=channel, slot_key=f"{channel}|own|",
        slot_at=when, content_id=CONTENT_ID, kind=OWN, text=text, due_at=when, status=status,
        edited=False, link=link, created_at=now, created_by=actor, updated_at=now,
    )  # fmt: skip
    problems = validate(compose(cal, post))
    if problems:
        raise UserError(f"Bài không đăng được trên kênh '{channel}': {'; '.join(problems)}.")
    fmt = formats_for(cal, channel)[0]
    prepared = [prepare_photo(Path(p), fmt) for p in photos]  # all checked before any write
    return OwnPost(post, prepared, fmt.ext)


def save_own_posts(store: Store, checked: Sequence[OwnPost], actor: str) -> list[int]:
    """Copy the photos and add every post in one transaction: all or none."""
    folders: list[Path] = []
    try:
        for item in checked:
            token = secrets.token_hex(8)
            item.post.slot_key += token
            folder = photos_dir() / token
            folders.append(folder)
            item.post.images = _keep(folder, item.photos, item.ext) if item.photos else None
        with store.session() as s, s.begin():
            for item in checked:
                s.add(item.post)
            s.flush()
            ids = [item.post.id for item in checked if item.post.id is not None]
            status = checked[0].post.status if checked else Status.DRAFT  # one calendar: one
            record(s, ids, None, status, actor, "cán bộ thêm bài riêng", store.clock())
    except BaseException:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return ids


def _keep(folder: Path, photos: Sequence[bytes], ext: str) -> list[str]:
    private_dir(folder)
    paths = []
    for n, data in enumerate(photos, 1):
        path = folder / f"{n}.{ext}"
        with open(path, "xb", opener=private_opener) as fh:
            fh.write(data)
        paths.append(str(path))
    return paths
