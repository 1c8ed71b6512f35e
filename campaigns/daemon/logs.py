"""Daemon logs: human-readable by default, JSON lines on request, an optional rotating file.

The human lines are for the officer: Vietnamese (``campaigns.daemon.words``), times in the
ward's zone. The JSON lines are for operators: the English messages, times in UTC.

Publishers never put secrets in messages; as a second line of defence every handler
masks every secret the store holds, and anything shaped like one
(``campaigns.secrets.scrub``), in the message and the traceback of a record before it
is written. ``guard`` does the same for Python's last-resort handler, which
prints warnings to stderr in a process that never called ``setup`` (the CLI).
"""

from __future__ import annotations

import io
import json
import logging
import logging.handlers
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

from campaigns.daemon import words
from campaigns.failures import translate
from campaigns.private import private_dir, private_opener
from campaigns.secrets import scrub


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


def guard(handler: logging.Handler | None = None) -> None:
    """Add the filter to ``handler`` (default: ``logging.lastResort``) once."""
    target = handler or logging.lastResort
    if target is not None and not any(isinstance(f, RedactFilter) for f in target.filters):
        target.addFilter(RedactFilter())


def failed(log: logging.Logger, exc: BaseException, what: str, *args: object) -> None:
    """Log that ``what % args`` failed: a bad day (full disk, read-only database, no
    server) as the line the CLI would print, saying what to do; else with the traceback."""
    failure = translate(exc)
    if failure is None:
        log.error(what, *args, exc_info=exc)
    else:
        log.error(what + ": %s", *args, failure.message)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file it starts (the first and after every rotation) is 0600."""

    def _open(self) -> io.TextIOWrapper:
        stream = open(  # noqa: SIM115 - the handler owns the stream
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
            opener=private_opener,
        )  # fmt: skip
        return cast(io.TextIOWrapper, stream)


class HumanFormatter(logging.Formatter):
    """``02/12/2026 06:18:37 CẢNH BÁO Bài số 5 trên facebook: …`` in the ward's zone."""

    def __init__(self, tz: ZoneInfo | None = None) -> None:
        super().__init__()
        self.tz = tz

    def formatMessage(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, self.tz or UTC)
        if self.tz is None:
            when = when.astimezone()  # the machine's zone
        return f"{when:%d/%m/%Y %H:%M:%S} {words.LEVELS.get(record.levelname, '')}{record.message}"

    def format(self, record: logging.LogRecord) -> str:
        template = words.vietnamese(str(record.msg))
        if template is not None:
            args = record.args if isinstance(record.args, tuple) else ()
            tz = self.tz or ZoneInfo("UTC")
            try:
                said = template % tuple(words.arg(a, tz) for a in args) if args else template
            except (TypeError, ValueError):  # a catalogue slip must never lose the line
                said = record.getMessage()
            record = logging.makeLogRecord({**record.__dict__, "msg": said, "args": None})
        return super().format(record)


def setup(
    *,
    json_format: bool = False,
    file: Path | None = None,
    max_bytes: int = 5 * 1024 * 1024,
    backups: int = 5,
    level: int = logging.INFO,
    tz: ZoneInfo | None = None,
) -> None:
    """Configure the ``loa`` loggers (idempotent: replaces handlers set by an earlier call).
    ``tz``: the ward's zone, for the human lines' times."""
    formatter: logging.Formatter = JsonFormatter() if json_format else HumanFormatter(tz)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if file is not None:
        private_dir(file.parent)
        handlers.append(
            PrivateRotatingFileHandler(
                file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
            )
        )
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_loa", False):
            root.removeHandler(old)
            old.close()
    for handler in handlers:
        handler.setFormatter(formatter)
        guard(handler)
        handler._loa = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
