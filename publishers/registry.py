"""Discover publishers through the ``loa.publishers`` entry-point group.

Listing names imports nothing; a publisher's module is imported only when it is used.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

GROUP = "loa.publishers"


def entry_points_by_name() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def names() -> list[str]:
    return sorted(entry_points_by_name())
