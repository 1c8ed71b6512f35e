"""Channel secrets: a 0600 JSON file in the user's config dir, overridden by environment
variables ``LOA_SECRET_<CHANNEL>_<FIELD>`` (upper case, ``-`` as ``_``) for servers and
tests. Implements ``publishers.base.Secrets``.

Writes take an exclusive lock on a side file, re-read, change, write a temporary file
(0600, fsync) and rename it over the old one, so a crash leaves the old or the new
file, never half of one. The lock is re-entrant within a thread: a change may write
through a nested ``update`` (a Zalo refresh's write-ahead marker) while keeping the
lock for what follows. When a publisher rotates a field that the environment also
sets (a Zalo refresh token), the file remembers a fingerprint of the environment value
it superseded, and from then on the stored value wins over that stale variable.

Every value the store reads or writes is made known to ``publishers.redact``; ``scrub``
masks secrets in a text for the engine (what it stores, logs, prints or reports),
knowing every field of every channel in the file and every ``LOA_SECRET_*`` variable,
also in a process that has not opened a channel (``loa status``, ``loa report``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from campaigns.errors import RuntimeFailure
from campaigns.private import private_dir, private_opener
from publishers import redact

ENV_PREFIX = "LOA_SECRET_"
ENV_FILE = "LOA_SECRETS_FILE"
_SUPERSEDED = "_superseded_env"
_HELD = threading.local()  # lock files this thread holds (the lock is re-entrant)


def default_path() -> Path:
    given = os.environ.get(ENV_FILE)
    return Path(given) if given else Path(platformdirs.user_config_dir("loa")) / "secrets.json"


def env_name(channel: str, field: str) -> str:
    return f"{ENV_PREFIX}{channel}_{field}".upper().replace("-", "_")


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    held: set[Path] = _HELD.__dict__.setdefault("paths", set())
    if path in held:
        yield
        return
    private_dir(path.parent)
    held.add(path)
    try:
        with _flocked(path):
            yield
    finally:
        held.discard(path)


@contextlib.contextmanager
def _flocked(path: Path) -> Iterator[None]:
    with open(path.with_name(path.name + ".lock"), "a+b", opener=private_opener) as fh:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _bookkeeping(value: str) -> bool:
    """A timestamp or a JSON record kept beside the secrets (a token's expiry, the state
    of a refresh), not a credential: masking it would only hide dates in messages."""
    if value.startswith(("{", "[")):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def scrub(text: str) -> str:
    """``text`` safe to store, log, print or report: every secret Loa holds (the default
    store's file, ``LOA_SECRET_*``) and anything shaped like one masked."""
    _learn_all()
    return redact.scrub(text)


_learnt: tuple[object, ...] | None = None


def _learn_all() -> None:
    """Make every stored and environment secret known (again when the file changed)."""
    global _learnt
    store = SecretStore()
    try:
        stat = store.path.stat()
        seen: tuple[object, ...] = (store.path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        seen = (store.path,)
    # keys first: decoding every value of the environment was two thirds of the cost
    env = tuple(sorted((k, os.environ[k]) for k in os.environ if k.startswith(ENV_PREFIX)))
    if (seen, env) == _learnt:
        return
    redact.remember(*(v for _k, v in env if not _bookkeeping(v)))
    try:
        for channel in store.channels():
            store.fields(channel)  # ``_merged`` makes each value known
    except RuntimeFailure:
        pass  # an unreadable file: nothing to learn from it (the command using it says so)
    _learnt = (seen, env)


class SecretStore:
    """``get`` one field, ``update`` several under the lock, ``set`` from the CLI."""

    def __init__(self, path: Path | None = None, environ: Mapping[str, str] | None = None) -> None:
        self.path = path or default_path()
        self._environ = os.environ if environ is None else environ

    def __repr__(self) -> str:
        return f"SecretStore({str(self.path)!r})"

    # -- reading ---------------------------------------------------------------------------
    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise RuntimeFailure(
                f"Không đọc được tệp mật khẩu {self.path}: {exc}. Kiểm tra hoặc xóa tệp rồi "
                "nhập lại bằng 'loa channels set-token'."
            ) from None
        return data if isinstance(data, dict) else {}

    def channels(self) -> list[str]:
        """Every channel with a field in the file."""
        return [k for k, v in self._read().items() if k != _SUPERSEDED and isinstance(v, dict)]

    def _merged(self, data: Mapping[str, Any], channel: str) -> dict[str, str]:
        stored = {k: str(v) for k, v in (data.get(channel) or {}).items()}
        superseded = (data.get(_SUPERSEDED) or {}).get(channel) or {}
        for env_key, value in self._environ.items():
            prefix = env_name(channel, "")
            if not env_key.startswith(prefix) or not value:
                continue
            field = env_key[len(prefix) :].lower()
            if superseded.get(field) == _fingerprint(value) and field in stored:
                continue  # the stored value rotated this environment value: it wins
            stored[field] = value
        redact.remember(*(v for v in stored.values() if not _bookkeeping(v)))
        return stored

    def get(self, channel: str, field: str) -> str | None:
        return self._merged(self._read(), channel).get(field) or None

    def fields(self, channel: str) -> dict[str, str]:
        return self._merged(self._read(), channel)

    def source(self, channel: str, field: str) -> str:
        """Where the effective value comes from: 'env', 'file' or ''."""
        data = self._read()
        value = self._merged(data, channel).get(field)
        if not value:
            return ""
        return "env" if self._environ.get(env_name(channel, field)) == value else "file"

    # -- writing ---------------------------------------------------------------------------
    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        """For publishers: a value they rotate supersedes the environment's copy."""
        return self._apply(channel, change, supersede=True)

    def set(self, channel: str, values: Mapping[str, str]) -> None:
        """For the officer (``set-token``): stored, but environment variables still win."""
        self._apply(channel, lambda _current: values, supersede=False)

    def _apply(
        self,
        channel: str,
        change: Callable[[Mapping[str, str]], Mapping[str, str] | None],
        *,
        supersede: bool,
    ) -> Mapping[str, str]:
        with _locked(self.path):
            new = change(self._merged(self._read(), channel))
            data = self._read()  # again: the change may have written through a nested update
            if not new:
                return self._merged(data, channel)
            stored = dict(data.get(channel) or {})
            superseded = dict((data.get(_SUPERSEDED) or {}).get(channel) or {})
            for field, value in new.items():
                env_value = self._environ.get(env_name(channel, field))
                if supersede and env_value and env_value != value:
                    superseded[field] = _fingerprint(env_value)
                elif not supersede:
                    superseded.pop(field, None)
                if value == "":
                    stored.pop(field, None)
                else:
                    stored[field] = value
            data[channel] = stored
            data.setdefault(_SUPERSEDED, {})[channel] = superseded
            self._write(data)
            return self._merged(data, channel)

    def _write(self, data: Mapping[str, Any]) -> None:
        folder = self.path.parent
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".secrets-", suffix=".tmp")
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        if sys.platform != "win32":
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
