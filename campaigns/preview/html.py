"""The preview's index.html: every post as it would appear, by day and channel."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from campaigns.assets import asset
from campaigns.errors import RuntimeFailure


def write_index(
    path: Path,
    *,
    title: str,
    ward: str,
    entries: list[dict[str, Any]],
    sheets: list[dict[str, Any]],
    warnings: list[str],
) -> None:
    env = Environment(
        loader=FileSystemLoader(str(asset("templates", "preview"))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    days = [
        {"day": day, "posts": list(group)}
        for day, group in groupby(entries, key=lambda e: (e["weekday"], e["day"]))
    ]
    html = env.get_template("index.html.j2").render(
        title=title, ward=ward, days=days, sheets=sheets, warnings=warnings, total=len(entries)
    )
    data = html.encode("utf-8")
    try:
        if not (path.is_file() and path.read_bytes() == data):
            path.write_bytes(data)
    except OSError as exc:
        raise RuntimeFailure(f"Không ghi được tệp '{path}': {exc.strerror}") from None
