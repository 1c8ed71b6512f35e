"""What a stored post becomes for a platform: the rendered card, the composed caption and
the idempotency key, as a ``PublishRequest``; and the ward's publishers, opened once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from campaigns.captions import compose
from campaigns.config.load import WardCalendar
from campaigns.errors import RuntimeFailure
from campaigns.render import render_post
from campaigns.store import Post
from campaigns.store.models import OWN
from publishers.base import Image, Publisher, PublishRequest, Secrets
from publishers.channels import ChannelSpec, open_channels


def idempotency_key(post: Post) -> str:
    return f"{post.unit}/post/{post.id}"


def request_for(
    cal: WardCalendar,
    post: Post,
    *,
    since: datetime | None = None,
    note: Callable[[str], None] | None = None,
) -> PublishRequest:
    """The platform-neutral request for a stored post on its own channel (``since``: when
    an earlier attempt may have made it live, for reconciliation; ``note``: keeps what
    the publisher hands back mid-publish for the next attempt, as ``resume``)."""
    caption = compose(cal, post)
    images = own_images(post) if post.kind == OWN else [card_image(cal, post)]
    first_line = (caption.title or post.text).strip().splitlines()[0] if post.text else ""
    return PublishRequest(
        key=idempotency_key(post),
        title=caption.title or first_line[:150],
        caption=caption.text or caption.body or caption.excerpt or post.text,
        html=caption.html or None,
        excerpt=(caption.description or caption.excerpt) or None,
        image=images[0] if images else None,
        more_images=tuple(images[1:]),
        link=post.link,
        tags=caption.hashtags,
        author=caption.author or None,
        since=since,
        resume=post.resume,
        note=note,
    )


def card_image(cal: WardCalendar, post: Post) -> Image:
    """A planned post's rendered card (thread-safe: the renderer serialises FreeType)."""
    rendered = render_post(cal, post)
    return Image(rendered.data, f"loa-{post.id}.{rendered.ext}", rendered.mime)


def own_images(post: Post) -> list[Image]:
    """An own post's photos, read from Loa's data folder (prepared when it was added)."""
    out = []
    for n, name in enumerate(post.images or [], 1):
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RuntimeFailure(
                f"Không đọc được ảnh {n} của bài số {post.id} ({path}): {exc.strerror}. "
                "Hãy khôi phục tệp hoặc hủy bài rồi thêm lại."
            ) from None
        mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
        out.append(Image(data, f"loa-{post.id}-{n}{path.suffix.lower()}", mime))
    return out


def load_secrets() -> Secrets:
    """The engine's secrets: the 0600 file, overridden by ``LOA_SECRET_<CHANNEL>_<FIELD>``."""
    from campaigns.secrets import SecretStore

    return SecretStore()


def open_publishers(
    cal: WardCalendar, secrets: Secrets | None = None, **kwargs: object
) -> dict[str, Publisher]:
    """Publishers for the calendar's enabled channels (``kwargs``: transport, clock, and
    ``broken``: a dict that collects the channels that cannot be opened, with their
    reasons, instead of raising: see ``open_channels``)."""
    specs = [ChannelSpec(c.name, c.type, c.settings) for c in cal.channels]
    return open_channels(specs, secrets or load_secrets(), **kwargs)  # type: ignore[arg-type]
