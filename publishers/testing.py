"""Helpers for testing publishers (also for third-party plugins): in-memory secrets."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping


class MemorySecrets:
    """A ``Secrets`` kept in a dict, with the same lock-then-store contract as the file."""

    def __init__(self, data: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.data: dict[str, dict[str, str]] = {k: dict(v) for k, v in (data or {}).items()}
        self.writes = 0
        self._lock = threading.Lock()

    def get(self, channel: str, field: str) -> str | None:
        return self.data.get(channel, {}).get(field)

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        with self._lock:
            current = dict(self.data.get(channel, {}))
            new = change(current)
            if new:
                current.update(new)
                self.data[channel] = current
                self.writes += 1
            return dict(current)

    def __repr__(self) -> str:
        return f"MemorySecrets({sorted(self.data)})"
