"""Caption checks shared by ``loa check`` and ``loa plan``."""

from __future__ import annotations

from collections.abc import Sequence

from campaigns.captions import check_posts, check_templates
from campaigns.config.load import WardCalendar
from campaigns.errors import UserError
from campaigns.render.content import PostLike


def caption_check(cal: WardCalendar, posts: Sequence[PostLike]) -> list[str]:
    """Refuse (exit 2, nothing written) when a template is broken; return the length and
    content problems of the posts' captions, each saying how much to cut."""
    broken = check_templates(cal)
    if broken:
        raise UserError("Mẫu chú thích có lỗi:\n" + "\n".join(f"  {p}" for p in broken))
    return check_posts(cal, posts)
