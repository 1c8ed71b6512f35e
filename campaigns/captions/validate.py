"""Length and content rules per channel, checked at plan time with a message that says
how much to cut."""

from __future__ import annotations

from collections.abc import Iterable

from campaigns.captions.compose import Caption, compose
from campaigns.captions.templates import syntax_problems
from campaigns.config.load import WardCalendar
from campaigns.errors import UserError
from campaigns.render.content import PostLike, when
from campaigns.timeutil import fmt_local

# (channel type, field) -> (label shown to the officer, maximum characters or None)
LIMITS: dict[tuple[str, str], tuple[str, int | None]] = {
    ("facebook", "text"): ("nội dung bài Facebook", 63_206),
    ("zalo", "title"): ("tiêu đề bài viết Zalo", 150),
    ("zalo", "author"): ("tác giả bài viết Zalo", 50),
    ("zalo", "description"): ("mô tả bài viết Zalo", 300),
    ("zalo", "body"): ("thân bài viết Zalo", None),
    ("website", "title"): ("tiêu đề bài trên trang web", None),
    ("website", "html"): ("thân bài trên trang web", None),
    ("website", "excerpt"): ("đoạn trích trên trang web", None),
    ("outbox", "text"): ("nội dung bản tin", None),
}


def validate(caption: Caption) -> list[str]:
    """Problems of one caption, in Vietnamese; empty when it can be posted as is."""
    out = []
    for name, value in caption.fields.items():
        label, limit = LIMITS.get((caption.type, name), (name, None))
        if not value.strip():
            out.append(f"{label} đang để trống")
        elif limit is not None and len(value) > limit:
            extra = len(value) - limit
            out.append(f"{label} dài {len(value)} ký tự, tối đa {limit}: cần cắt bớt {extra} ký tự")
        if "{{" in value or "{%" in value:
            out.append(f"{label} còn sót cú pháp mẫu ('{{{{' hoặc '{{%')")
    for tag in caption.hashtags:
        if not tag.startswith("#") or any(c.isspace() for c in tag) or len(tag) < 2:
            out.append(f"hashtag '{tag}' không hợp lệ: phải bắt đầu bằng # và không có dấu cách")
    return out


def check_posts(cal: WardCalendar, posts: Iterable[PostLike]) -> list[str]:
    """Compose and validate every post; one line per problem, naming the post."""
    out: list[str] = []
    for post in posts:
        where = f"{fmt_local(when(post), cal.tz)} {post.channel} ({post.content_id})"
        try:
            caption = compose(cal, post)
        except UserError as exc:
            out.append(f"{where}: {exc.message}")
            continue
        out += [f"{where}: {p}" for p in validate(caption)]
    return out


def check_templates(cal: WardCalendar) -> list[str]:
    """Syntax of every template, then one sample post of each kind on every channel."""
    from campaigns.captions.samples import sample_posts

    folder = cal.config.captions.folder
    problems = syntax_problems(str(cal.resolve(folder)) if folder else None)
    if problems:
        return problems
    for post in sample_posts(cal):
        try:
            compose(cal, post)
        except UserError as exc:
            if exc.message not in problems:  # the same template error once, not per sample
                problems.append(exc.message)
    return problems
