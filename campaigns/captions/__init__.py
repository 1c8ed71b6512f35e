"""Captions per channel from Jinja2 templates (sandboxed, strict undefined).

compose(cal, post, channel=None) -> Caption
validate(caption) -> [problem]            (Vietnamese, says how much to cut)
check_posts(cal, posts) -> [problem]      (for loa plan)
check_templates(cal) -> [problem]         (for loa check)
"""

from campaigns.captions.compose import Caption, compose
from campaigns.captions.templates import FIELDS
from campaigns.captions.validate import check_posts, check_templates, validate

__all__ = ["FIELDS", "Caption", "check_posts", "check_templates", "compose", "validate"]
