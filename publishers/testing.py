"""Helpers for testing publishers (also for third-party plugins): in-memory secrets."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping


class MemorySecrets:
    """A ``Secrets`` kept in a dict, with the same contract as the file: a re-entrant
    lock, an empty value removes the field. ``write_errors`` fails writes on demand:
    each write takes the first item and raises it (None: that write succeeds)."""

    def __init__(self, data: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.data: dict[str, dict[str, str]] = {k: dict(v) for k, v in (data or {}).items()}
        self.writes = 0
        self.write_errors: list[BaseException | None] = []
        self._lock = threading.RLock()

    def get(self, channel: str, field: str) -> str | None:
        return self.data.get(channel, {}).get(field)

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        with self._lock:
            new = change(dict(self.data.get(channel, {})))
            current = dict(self.data.get(channel, {}))  # the change may have written meanwhile
            if new:
                error = self.write_errors.pop(0) if self.write_errors else None
                if error is not None:
                    raise error
                for key, value in new.items():
                    if value:
                        current[key] = value
                    else:
                        current.pop(key, None)
                self.data[channel] = current
                self.writes += 1
            return dict(current)

    def __repr__(self) -> str:
        return f"MemorySecrets({sorted(self.data)})"
