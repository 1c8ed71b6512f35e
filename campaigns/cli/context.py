"""What every command needs, loaded lazily and in a safe order.

The calendar is validated before the database is opened, so a wrong ``calendar.toml``
never creates or changes a database.
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path

from campaigns.config import WardCalendar, load_calendar
from campaigns.store import Store

ENV_CALENDAR = "LOA_CALENDAR"


def actor(role: str) -> str:
    """Who did it, for the audit trail: 'cli:lan@may-phuong'."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{role}:{user}@{socket.gethostname()}"


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    @property
    def calendar_path(self) -> Path:
        given = self.args.calendar or os.environ.get(ENV_CALENDAR) or "calendar.toml"
        return Path(given)

    @cached_property
    def calendar(self) -> WardCalendar:
        return load_calendar(self.calendar_path)

    @cached_property
    def store(self) -> Store:
        self.calendar  # noqa: B018 - validate the calendar before touching the database
        # only a command that adds posts (plan, posts add, tui) makes a new database
        return Store.open(self.args.db, create=bool(getattr(self.args, "creates_db", False)))

    @property
    def unit(self) -> str:
        return self.calendar.unit

    def day_bounds(self, start: date, end: date) -> tuple[datetime, datetime]:
        """[start 00:00, end+1 00:00) in the ward's zone, as aware datetimes."""
        tz = self.calendar.tz
        first = datetime.combine(start, time(0), tzinfo=tz)
        after = datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz)
        return first, after

    def today(self) -> date:
        return datetime.now(self.calendar.tz).date()
