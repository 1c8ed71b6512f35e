"""The ward's calendar (``calendar.toml``): its schema, its loading and its checks."""

from campaigns.config.load import WardCalendar, load_calendar

__all__ = ["WardCalendar", "load_calendar"]
