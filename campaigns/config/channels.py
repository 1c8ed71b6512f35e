"""Checks of ``[[channels]]``: names, types and settings as each publisher declares them;
folders (settings of type ``path``) resolved against the calendar's folder; and what each
publisher's own ``validate`` refuses whatever the post (e.g. a Zalo channel with no public
host for its covers), so ``check`` says it rather than every post failing when published."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import httpx

from campaigns.config.model import Calendar, Channel
from campaigns.config.paths import PathRefused, Roots
from campaigns.config.toml import TomlSource
from campaigns.errors import Problem
from publishers import registry
from publishers.base import Image, PublishRequest
from publishers.channels import ChannelSpec, open_channels
from publishers.errors import BrokenPublisherError, PublishError
from publishers.settings import check_settings

# A post every publisher accepts on its own terms (text, byline, a 1×1 PNG): whatever its
# ``validate`` still says is about the channel's configuration, not the post.
_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00"
    b":~\x9bU\x00\x00\x00\nIDATx\xdac\xf8\x0f\x00\x01\x01\x01\x00\x1c\xb0\x8c\x99\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
SAMPLE = PublishRequest(
    key="loa-check/sample",
    title="Loa",
    caption="Loa",
    excerpt="Loa",
    author="Loa",
    image=Image(_PNG, "loa-check.png", "image/png"),
)


def check_channels(source: TomlSource, cal: Calendar) -> list[Problem]:
    problems: list[Problem] = []
    installed = registry.names()
    seen: set[str] = set()
    for i, ch in enumerate(cal.channels):
        if ch.name in seen:
            problems.append(
                source.problem(("channels", i, "name"), f"tên kênh '{ch.name}' bị trùng")
            )
        seen.add(ch.name)
        if ch.type not in installed:
            problems.append(
                source.problem(
                    ("channels", i, "type"),
                    f"không có loại kênh '{ch.type}' (đã cài: {', '.join(installed) or 'không'})",
                )
            )
        else:
            try:
                declared = registry.load(ch.type).settings
            except BrokenPublisherError as exc:
                problems.append(source.problem(("channels", i, "type"), exc.message))
                continue
            for key, message in check_settings(declared, ch.settings):
                problems.append(source.problem(("channels", i, "settings", key), message))
    refs = [("slots", i, s.channels) for i, s in enumerate(cal.slots)]
    refs += [("events", i, e.channels) for i, e in enumerate(cal.events)]
    for section, i, names in refs:
        for j, name in enumerate(names or []):
            if name not in seen:
                problems.append(
                    source.problem((section, i, "channels", j), f"không có kênh tên '{name}'")
                )
    return problems


def resolve_paths(
    source: TomlSource, cal: Calendar, roots: Roots
) -> tuple[list[Channel], list[Problem]]:
    """The channels with every ``path`` setting made absolute (relative to the calendar's
    folder, never the working directory) and checked to stay inside the roots."""
    problems: list[Problem] = []
    channels = []
    for i, ch in enumerate(cal.channels):
        settings = dict(ch.settings)
        for s in registry.load(ch.type).settings:
            value = settings.get(s.key)
            if s.type != "path" or not isinstance(value, str) or not value:
                continue
            try:
                settings[s.key] = str(roots.resolve(value))
            except PathRefused as exc:
                problems.append(source.problem(("channels", i, "settings", s.key), str(exc)))
        channels.append(ch.model_copy(update={"settings": settings}))
    return channels, problems


def check_publishers(source: TomlSource, channels: list[Channel]) -> list[Problem]:
    """Open the enabled channels offline (no secret, no network) and ask each publisher
    what it would refuse in a post it otherwise accepts."""
    index = {ch.name: i for i, ch in enumerate(channels)}
    specs = [ChannelSpec(c.name, c.type, c.settings) for c in channels if c.enabled]
    try:
        opened = open_channels(specs, _NoSecrets(), transport=httpx.MockTransport(_offline))
    except PublishError as exc:  # e.g. a 'cover_channel' that names no website channel
        i = index.get(exc.channel, 0)
        key = "cover_channel" if "cover_channel" in channels[i].settings else None
        return [source.problem(("channels", i, "settings", *([key] if key else [])), exc.message)]
    except ValueError as exc:  # a setting a publisher refuses beyond its declared type
        return [source.problem(("channels",), f"không mở được kênh: {exc}")]
    problems = []
    try:
        for name, publisher in opened.items():
            for message in publisher.validate(SAMPLE):
                problems.append(source.problem(("channels", index[name], "settings"), message))
    finally:
        for publisher in opened.values():
            publisher.close()
    return problems


class _NoSecrets:
    """Secrets for an offline check: none."""

    def get(self, channel: str, field: str) -> str | None:
        return None

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        return {}


def _offline(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("offline configuration check", request=request)
