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
from datetime import datetime
from pathlib import Path

import platformdirs

from campaigns.captions.compose import compose
from campaigns.captions.validate import validate
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


def photos_dir() -> Path:
    """Where own posts' photos are kept: Loa's data folder (where its SQLite database
    lives by default)."""
    return Path(platformdirs.user_data_dir("loa")) / "photos"


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
        raise UserError("Nội dung bài đang để trống: nhập nội dung với --text.")
    if link is not None:
        link = link.strip()
        if not link.startswith(("https://", "http://")):
            raise UserError(f"'{link}' không phải địa chỉ web (cần bắt đầu bằng https://).")
    if len(photos) > MAX_PHOTOS:
        raise UserError(f"Một bài có tối đa {MAX_PHOTOS} ảnh; đang chọn {len(photos)} ảnh.")
    if not photos and not load(found.type).capabilities.text_only:
        raise UserError(f"Kênh '{channel}' cần ít nhất một ảnh: thêm --image TỆP.")
    status = Status.DRAFT if cal.config.approval.required else Status.APPROVED
    token = secrets.token_hex(8)
    post = Post(
        unit=cal.unit, campaign=OWN, channel=channel, slot_key=f"{channel}|own|{token}",
        slot_at=when, content_id=CONTENT_ID, kind=OWN, text=text, due_at=when, status=status,
        edited=False, link=link, created_at=now, created_by=actor, updated_at=now,
    )  # fmt: skip
    problems = validate(compose(cal, post))
    if problems:
        raise UserError(f"Bài không đăng được trên kênh '{channel}': {'; '.join(problems)}.")
    fmt = formats_for(cal, channel)[0]
    prepared = [prepare_photo(Path(p), fmt) for p in photos]  # all checked before any write
    folder = photos_dir() / token
    try:
        post.images = _keep(folder, prepared, fmt.ext) if prepared else None
        with store.session() as s, s.begin():
            s.add(post)
            s.flush()
            assert post.id is not None
            record(s, [post.id], None, status, actor, "cán bộ thêm bài riêng", now)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return post.id


def _keep(folder: Path, photos: Sequence[bytes], ext: str) -> list[str]:
    private_dir(folder)
    paths = []
    for n, data in enumerate(photos, 1):
        path = folder / f"{n}.{ext}"
        with open(path, "xb", opener=private_opener) as fh:
            fh.write(data)
        paths.append(str(path))
    return paths
