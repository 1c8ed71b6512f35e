"""Discover publishers through the ``loa.publishers`` entry-point group.

Listing names imports nothing; a publisher's module is imported only when it is used.
The built-ins are registered the same way as third-party plugins (see pyproject.toml).
An unknown type raises ``UnknownPublisherError`` listing the installed ones; a plugin
that fails to import raises ``BrokenPublisherError`` from ``load`` and is skipped with
a ``PublisherWarning`` by ``load_all``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import httpx

from publishers.base import Clock, Publisher, Secrets
from publishers.errors import BrokenPublisherError, UnknownPublisherError

GROUP = "loa.publishers"


class PublisherWarning(UserWarning):
    """A publisher plugin is installed but broken; it is left out."""


def entry_points_by_name() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def names() -> list[str]:
    return sorted(entry_points_by_name())


@cache
def load(type_name: str) -> type[Publisher]:
    """The publisher class for ``type_name``, imported on first use."""
    found = entry_points_by_name()
    ep = found.get(type_name)
    if ep is None:
        raise UnknownPublisherError(type_name, sorted(found))
    try:
        cls = ep.load()
    except Exception as exc:  # any import-time failure of third-party code
        raise BrokenPublisherError(type_name, f"{type(exc).__name__}: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, Publisher)):
        raise BrokenPublisherError(type_name, f"{ep.value} is not a Publisher subclass")
    return cls


def load_all() -> dict[str, type[Publisher]]:
    """Every installed publisher that imports; broken ones become warnings."""
    loaded: dict[str, type[Publisher]] = {}
    for type_name in names():
        try:
            loaded[type_name] = load(type_name)
        except BrokenPublisherError as exc:
            warnings.warn(exc.message, PublisherWarning, stacklevel=2)
    return loaded


def create(
    type_name: str,
    name: str,
    settings: Mapping[str, Any],
    secrets: Secrets,
    *,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
) -> Publisher:
    """Build the publisher for one channel (``type`` and ``settings`` from calendar.toml)."""
    return load(type_name)(name, settings, secrets, transport=transport, clock=clock)
