"""Local fake servers that behave like the real platforms (see README.md here)."""

from tests.fakes.graph import FakeGraph
from tests.fakes.proxy import FaultyProxy
from tests.fakes.server import FakeServer, Request, Response
from tests.fakes.zalo import FakeZalo

__all__ = ["FakeGraph", "FakeServer", "FakeZalo", "FaultyProxy", "Request", "Response"]
