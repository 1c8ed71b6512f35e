"""Open a ward's channels, and publish one request: the single call the daemon,
``loa posts publish`` and the TUI's "publish now" share.

    publishers = open_channels(specs, secrets)          # {name: Publisher}
    publishers = open_channels(specs, secrets, broken=broken)  # a bad channel left out
    receipt = deliver(publishers["facebook"], request)  # Receipt, or a PublishError
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from publishers import registry
from publishers.base import Clock, MediaHost, Publisher, PublishRequest, Receipt, Secrets
from publishers.errors import ConfigurationError, DuplicateError, PublishError
from publishers.redact import scrub

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChannelSpec:
    """One ``[[channels]]`` entry: what ``open_channels`` needs, nothing engine-specific."""

    name: str
    type: str
    settings: Mapping[str, Any] = field(default_factory=dict)


def open_channels(
    specs: Iterable[ChannelSpec],
    secrets: Secrets,
    *,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
    broken: dict[str, str] | None = None,
) -> dict[str, Publisher]:
    """Build every channel's publisher; wire ``cover_channel`` to the named media host.

    Without ``broken`` the first channel that cannot be opened raises. With it, such a
    channel (a bad setting, an unreadable secret, a bug: any exception) is left out and
    its reason (Vietnamese, scrubbed) recorded under its name, so one broken channel
    never stops the others.
    """
    opened: dict[str, Publisher] = {}
    for spec in specs:
        try:
            opened[spec.name] = registry.create(
                spec.type, spec.name, spec.settings, secrets, transport=transport, clock=clock
            )
        except Exception as exc:
            if broken is None:
                raise
            broken[spec.name] = unopened_reason(spec.name, exc)
    for name, publisher in list(opened.items()):
        host_name = getattr(publisher, "config", {}).get("cover_channel")
        if not host_name:
            continue
        host = opened.get(host_name)
        if host is None or not hasattr(host, "host_image"):
            error = ConfigurationError(
                f"Kênh '{name}' lưu ảnh bìa qua kênh '{host_name}', nhưng kênh đó không có, "
                "không mở được hoặc không lưu được ảnh (cần một kênh loại website).",
                channel=name,
            )
            if broken is None:
                raise error
            broken[name] = error.message
            opened.pop(name).close()
            continue
        media_host: MediaHost = host
        publisher.media_host = media_host  # type: ignore[attr-defined]
    return opened


def unopened_reason(name: str, exc: Exception) -> str:
    """Why channel ``name`` could not be opened, for the officer (scrubbed)."""
    if isinstance(exc, PublishError):
        return exc.message
    return scrub(
        f"Kênh '{name}' không mở được ({type(exc).__name__}: {exc}); các kênh khác vẫn đăng. "
        f"Sửa thiết lập của kênh trong calendar.toml hoặc mã truy cập của kênh, rồi chạy "
        f"'loa channels check {name}'."
    )


def deliver(publisher: Publisher, request: PublishRequest, *, reconcile: bool = False) -> Receipt:
    """Make ``request`` live on ``publisher`` at most once; return its receipt.

    ``reconcile=True`` (a retry after a crash, an expired lease or a ``maybe_live``
    error) asks the platform first and returns the live post's receipt if found.
    A ``DuplicateError`` from the platform becomes the existing post's receipt.
    Every other failure is raised as a ``PublishError`` subclass, whose ``kind``
    tells the caller what to do.
    """
    if reconcile:
        found = publisher.find_existing(request)
        if found is not None:
            log.info("%s: %s already live as %s", publisher.name, request.key, found.external_id)
            return found
    try:
        return publisher.publish(request)
    except DuplicateError as dup:
        if dup.external_id and dup.url:
            return Receipt(
                external_id=dup.external_id, url=dup.url, at=publisher._clock(),
                scheduled=dup.scheduled,
            )  # fmt: skip
        found = publisher.find_existing(request)
        if found is None:
            raise
        return found
