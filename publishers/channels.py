"""Open a ward's channels, and publish one request: the single call the daemon,
``loa posts publish`` and the TUI's "publish now" share.

    publishers = open_channels(specs, secrets)          # {name: Publisher}
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
from publishers.errors import ConfigurationError, DuplicateError

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
) -> dict[str, Publisher]:
    """Build every channel's publisher; wire ``cover_channel`` to the named media host."""
    opened: dict[str, Publisher] = {}
    for spec in specs:
        opened[spec.name] = registry.create(
            spec.type, spec.name, spec.settings, secrets, transport=transport, clock=clock
        )
    for name, publisher in opened.items():
        host_name = getattr(publisher, "config", {}).get("cover_channel")
        if not host_name:
            continue
        host = opened.get(host_name)
        if host is None or not hasattr(host, "host_image"):
            raise ConfigurationError(
                f"Kênh '{name}' lưu ảnh bìa qua kênh '{host_name}', nhưng kênh đó không có "
                "hoặc không lưu được ảnh (cần một kênh loại website).",
                channel=name,
            )
        media_host: MediaHost = host
        publisher.media_host = media_host  # type: ignore[attr-defined]
    return opened


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
