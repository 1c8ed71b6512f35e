"""Caption checks shared by ``loa check`` and ``loa plan``."""

from __future__ import annotations

from collections.abc import Sequence

from campaigns.captions import check_posts, check_templates
from campaigns.config.load import WardCalendar
from campaigns.errors import UserError
from campaigns.render.content import PostLike


def require_templates(cal: WardCalendar) -> None:
    """Refuse (exit 2, nothing opened or written) when a caption template is broken."""
    broken = check_templates(cal)
    if broken:
        raise UserError("Mẫu chú thích có lỗi:\n" + "\n".join(f"  {p}" for p in broken))


def caption_problems(cal: WardCalendar, posts: Sequence[PostLike]) -> list[str]:
    """Length and content problems of the posts' captions, each saying how much to cut."""
    return check_posts(cal, posts)
