"""Daemon logs: human-readable by default, JSON lines on request, an optional rotating file.

Publishers never put secrets in messages; as a second line of defence a filter masks
anything that looks like a token before a record is written.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

_SECRETISH = re.compile(
    r"(?i)(bearer\s+|access_token[\"'=:\s]+|refresh_token[\"'=:\s]+|secret_key[\"'=:\s]+"
    r"|app_password[\"'=:\s]+|page_token[\"'=:\s]+)([A-Za-z0-9._\-]{6,})"
)


def redact(text: str) -> str:
    return _SECRETISH.sub(lambda m: m.group(1) + "***", text)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


HUMAN = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup(
    *,
    json_format: bool = False,
    file: Path | None = None,
    max_bytes: int = 5 * 1024 * 1024,
    backups: int = 5,
    level: int = logging.INFO,
) -> None:
    """Configure the ``loa`` loggers (idempotent: replaces handlers set by an earlier call)."""
    formatter: logging.Formatter = JsonFormatter() if json_format else logging.Formatter(HUMAN)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
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
        handler.addFilter(RedactFilter())
        handler._loa = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
