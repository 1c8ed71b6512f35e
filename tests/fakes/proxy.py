"""A faulting reverse proxy: a real HTTP server on 127.0.0.1 that forwards every request
to an upstream (a real WordPress, or any HTTP server) through the fault plan of
``FakeServer``, plus ``hold`` and a random ``chaos`` mode.

    with FaultyProxy("http://127.0.0.1:8089") as proxy:   # point the client at proxy.url
        proxy.fail(503)                    # 5xx (the proxy's own HTML page), not forwarded
        proxy.drop()                       # connection closed, not forwarded
        proxy.drop(after=True)             # forwarded (the upstream did the work), no answer
        proxy.delay(1.5)                   # forwarded after 1.5 s (late if the client gave up)
        proxy.rate_limit(minutes=5)        # 429 with Retry-After, like a WAF in front of it
        proxy.refuse(path=POSTS)           # 400 rest_invalid_param, as WordPress words it
        proxy.echo_credentials = True      # every error answer quotes the login sent
        held = proxy.hold(method="POST", path=CREATE)
        ...                                # the client times out and retries meanwhile
        held.release(); held.wait()        # now forwarded; answered only if the client
                                           # still waits (it has given up: no answer)
        proxy.chaos(rate=0.1, seed=7)      # a random fault on 10 % of the requests
        proxy.settle()                     # release every hold, wait for in-flight requests

Every fault also takes ``method`` and a ``path`` that is a substring of, or a compiled
regular expression searched in, the request target (path and query, so that
``?rest_route=`` matches too). ``requests`` lists what clients sent, ``forwarded``
what the upstream answered (request, status), in order; ``wait_forwarded(match)``
blocks until the upstream has answered a matching request.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import http.client
import json
import random
import re
import select
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import quote_plus, urlsplit

from tests.fakes.server import FakeServer, Fault, Request, Response

KINDS = ("fail", "drop", "drop_after", "delay", "hold")
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
Path = str | re.Pattern[str] | None


class Hold:
    """Requests kept by the proxy until released (or ``release_after`` seconds), then
    forwarded; a client still waiting gets the answer, one that gave up gets nothing."""

    def __init__(self, release_after: float | None = None) -> None:
        self.release_after = release_after
        self.arrived = threading.Event()  # a request is being held
        self.requests: list[Request] = []
        self._go = threading.Event()
        self._cond = threading.Condition()
        self._pending = 0

    def release(self) -> None:
        self._go.set()

    def wait(self, timeout: float = 30.0) -> bool:
        """True once every request held so far has been forwarded and answered."""
        with self._cond:
            return self._cond.wait_for(lambda: bool(self.requests) and not self._pending, timeout)

    def _keep(self, request: Request, stopping: threading.Event) -> bool:
        """Block until released; False if the proxy stopped meanwhile (then not forwarded)."""
        with self._cond:
            self.requests.append(request)
            self._pending += 1
        self.arrived.set()
        end = None if self.release_after is None else time.monotonic() + self.release_after
        while not self._go.wait(0.02):
            if stopping.is_set():
                self._forwarded()
                return False
            if end is not None and time.monotonic() >= end:
                break
        return True

    def _forwarded(self) -> None:
        with self._cond:
            self._pending -= 1
            self._cond.notify_all()


@dataclass
class ProxyFault(Fault):
    method: str | None = None
    pattern: re.Pattern[str] | None = None
    hold: Hold | None = None


@dataclass
class Chaos:
    rate: float
    rng: random.Random
    kinds: tuple[str, ...]
    delay: float
    hold: float
    status: int = 503


class FaultyProxy(FakeServer):
    def __init__(self, upstream: str, *, timeout: float = 60.0) -> None:
        super().__init__()
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"upstream must be http://host:port, got {upstream!r}")
        self.upstream = upstream.rstrip("/")
        self._host = parts.hostname
        self._port = parts.port or 80
        self._prefix = parts.path.rstrip("/")
        self._timeout = timeout
        self.forwarded: list[tuple[Request, int]] = []
        self.holds: list[Hold] = []
        self.injected: list[tuple[str, str, str]] = []  # random faults: kind, method, target
        self._chaos: Chaos | None = None
        self._held: dict[int, Hold] = {}  # id(request) -> its hold
        self._cond = threading.Condition(self._lock)
        self._in_flight = 0
        self._stopping = threading.Event()
        self._local = threading.local()  # the handler serving this thread's request

    # -- fault plan (FakeServer's, with method and regex paths) ------------------------------
    def fail(
        self, status: int = 503, *, times: int = 1, path: Path = None, method: str | None = None
    ) -> None:
        self._add(self._fault("status", times, path, method, status=status))

    def delay(
        self, seconds: float, *, times: int = 1, path: Path = None, method: str | None = None
    ) -> None:
        self._add(self._fault("delay", times, path, method, seconds=seconds))

    def drop(
        self, *, times: int = 1, path: Path = None, method: str | None = None, after: bool = False
    ) -> None:
        self._add(self._fault("drop_after" if after else "drop", times, path, method))

    def rate_limit(
        self, *, minutes: int = 5, times: int = 1, path: Path = None, method: str | None = None
    ) -> None:
        self._add(self._fault("rate_limit", times, path, method, minutes=minutes))

    def refuse(self, *, times: int = 1, path: Path = None, method: str | None = None) -> None:
        self._add(self._fault("refuse", times, path, method))

    def hold(
        self,
        *,
        times: int = 1,
        path: Path = None,
        method: str | None = None,
        release_after: float | None = None,
    ) -> Hold:
        """Keep the next ``times`` matching requests until ``release()`` (or
        ``release_after`` seconds), then forward them (see ``Hold``)."""
        handle = Hold(release_after)
        with self._lock:
            self.holds.append(handle)
        self._add(self._fault("hold", times, path, method, hold=handle))
        return handle

    def chaos(
        self,
        rate: float = 0.1,
        *,
        seed: int | None = None,
        kinds: Iterable[str] = KINDS,
        delay: float = 0.2,
        hold: float = 1.0,
        status: int = 503,
    ) -> None:
        """A random fault (one of ``kinds``) on each request with probability ``rate``;
        ``delay`` and ``hold`` are seconds (a hold is released after ``hold``)."""
        chosen = tuple(kinds)
        unknown = set(chosen) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {KINDS}")
        with self._lock:
            self._chaos = Chaos(rate, random.Random(seed), chosen, delay, hold, status)

    def calm(self) -> None:
        """Stop the random faults (queued ones stay)."""
        with self._lock:
            self._chaos = None

    def settle(self, timeout: float = 60.0) -> bool:
        """Release every hold and wait until no request is in the proxy."""
        with self._lock:
            holds = list(self.holds)
        for handle in holds:
            handle.release()
        with self._cond:
            return self._cond.wait_for(lambda: self._in_flight == 0, timeout)

    def wait_forwarded(self, match: Callable[[Request], bool], timeout: float = 30.0) -> Request:
        """The first request matching ``match`` that the upstream has answered."""
        with self._cond:
            found = self._cond.wait_for(
                lambda: next((r for r, _ in self.forwarded if match(r)), None), timeout
            )
        if found is None:
            raise TimeoutError("the upstream did not answer a matching request in time")
        return found

    def stop(self) -> None:
        self._stopping.set()
        super().stop()

    # -- serving -------------------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._cond:
            self._in_flight += 1
        self._local.handler = handler
        try:
            super()._serve(handler)
        except (BrokenPipeError, ConnectionResetError):  # the client left while we answered
            handler.close_connection = True
        finally:
            with self._cond:
                self._in_flight -= 1
                self._cond.notify_all()

    def _take_fault(self, request: Request) -> Fault | None:
        fault = self._queued(request) or self._random(request)
        if not isinstance(fault, ProxyFault) or fault.hold is None:
            return fault
        with self._lock:
            self._held[id(request)] = fault.hold
        if fault.hold._keep(request, self._stopping):
            # forward now; answer only a client that still waits
            return Fault("drop_after", 1) if _gone(self._local.handler) else None
        with self._lock:
            self._held.pop(id(request), None)
        return Fault("drop", 1)

    def _queued(self, request: Request) -> Fault | None:
        target = request.url
        with self._lock:
            for fault in self._faults:
                if isinstance(fault, ProxyFault):
                    if fault.method and fault.method != request.method:
                        continue
                    if fault.pattern is not None and not fault.pattern.search(target):
                        continue
                if fault.path is not None and fault.path not in target:
                    continue
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _random(self, request: Request) -> Fault | None:
        with self._lock:
            chaos = self._chaos
            if chaos is None or chaos.rng.random() >= chaos.rate:
                return None
            kind = chaos.rng.choice(chaos.kinds)
            self.injected.append((kind, request.method, request.url))
            if kind == "hold":
                handle = Hold(chaos.hold)
                self.holds.append(handle)
                return ProxyFault("hold", 1, hold=handle)
        if kind == "fail":
            return Fault("status", 1, status=chaos.status)
        return Fault(kind, 1, seconds=chaos.delay)

    def handle(self, request: Request) -> Response:
        headers = {k: v for k, v in request.headers.items() if k not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
        answered = False
        try:
            conn.request(request.method, self._prefix + request.url, request.body, headers)
            answer = conn.getresponse()
            kept = {k: v for k, v in answer.getheaders() if k.lower() not in HOP_BY_HOP}
            response = Response(answer.status, answer.read(), kept)
            answered = True
        except OSError as exc:
            response = Response(502, f"<html>Bad Gateway: {exc}</html>".encode(), _HTML)
        finally:
            conn.close()
        with self._cond:
            if answered:
                self.forwarded.append((request, response.status))
            held = self._held.pop(id(request), None)
            self._cond.notify_all()
        if held is not None:
            held._forwarded()
        return response

    # -- a hostile upstream (WordPress's shapes) ---------------------------------------------
    def refused(self, request: Request) -> Response:
        # WP_REST_Request::has_valid_params: 400 rest_invalid_param, "Invalid parameter(s): …"
        return Response(
            400,
            {
                "code": "rest_invalid_param",
                "message": "Invalid parameter(s): status",
                "data": {"status": 400, "params": {"status": "status is not one of publish."}},
            },
        )

    def credentials(self, request: Request) -> list[str]:
        """The Authorization header, and the login's password as sent and URL-encoded."""
        auth = request.headers.get("authorization", "")
        scheme, _, value = auth.partition(" ")
        password = ""
        if scheme.lower() == "basic":
            with contextlib.suppress(binascii.Error, UnicodeDecodeError):
                password = base64.b64decode(value).decode().partition(":")[2]
        return [auth, password, quote_plus(password) if password else ""]

    def echo(self, request: Request, response: Response) -> Response:
        if isinstance(response.body, bytes) and response.status >= 400:
            try:
                body = json.loads(response.body)
            except ValueError:
                body = None
            if isinstance(body, dict):
                response = Response(response.status, body, response.headers)
        return super().echo(request, response)

    def quote_in(self, body: Any, words: str) -> Any:
        text = f"The provided password {words} is an invalid application password."
        return {**body, "message": f"{body.get('message', '')} {text}"}

    @staticmethod
    def _fault(
        kind: str,
        times: int,
        path: Path,
        method: str | None,
        *,
        status: int = 503,
        seconds: float = 0.0,
        minutes: int = 5,
        hold: Hold | None = None,
    ) -> ProxyFault:
        text, pattern = (None, path) if isinstance(path, re.Pattern) else (path, None)
        return ProxyFault(
            kind, times, text, status, seconds, minutes, method=method, pattern=pattern, hold=hold
        )


_HTML = {"Content-Type": "text/html"}


def _gone(handler: BaseHTTPRequestHandler) -> bool:
    """True if the client closed its connection (it gave up waiting)."""
    sock = handler.connection
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True
