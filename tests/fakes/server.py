"""A real HTTP server on 127.0.0.1 in a thread, with a programmable fault plan.

Subclasses implement ``handle(request) -> Response`` (and optionally
``rate_limited``/``token_expired`` responses in the platform's own shape). Faults are
queued and consumed by the requests whose path contains ``path`` (any path if None):

    with FakeGraph() as fake:          # starts on a random free port
        fake.fail(503, times=2)        # next two requests get HTTP 503
        fake.delay(1.5)                # next request waits 1.5 s before answering
        fake.drop()                    # next request: connection closed, no answer
        fake.drop(after=True)          # next request is processed, then no answer
        fake.rate_limit(minutes=5)     # next request: the platform's rate-limit error
        fake.refuse()                  # next request: the platform's "invalid parameter"
        fake.echo_credentials = True   # every error answer quotes the credentials sent
        fake.expire_tokens()           # current access tokens stop working
        fake.requests                  # every request received, in order
        remove = fake.on_request(callback, path="/photos", method="POST")
                                       # callback(request) once the fake has handled a
                                       # matching request, before its answer goes out
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    url: str  # path + query as received

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.body.decode(), keep_blank_values=True).items()}

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default


@dataclass
class Response:
    status: int = 200
    body: Any = None  # dict/list -> JSON; bytes -> raw
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if isinstance(self.body, bytes):
            return self.body, headers
        headers.setdefault("Content-Type", "application/json; charset=UTF-8")
        return json.dumps(self.body, ensure_ascii=False).encode(), headers


@dataclass
class Fault:
    kind: str  # status | delay | drop | drop_after | rate_limit | refuse
    times: int
    path: str | None = None
    status: int = 503
    seconds: float = 0.0
    minutes: int = 5


class _QuietServer(ThreadingHTTPServer):
    """A client that goes away mid-request (a killed daemon, a timeout) is normal here:
    no traceback on stderr for it."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeServer:
    """Base class: lifecycle, request log, fault plan. Thread-safe."""

    def __init__(self) -> None:
        # A hostile platform: every error answer quotes the credentials of its request
        # (``echo``), as Graph does ("Malformed access token EAAB…"); ``echoed`` counts them.
        self.echo_credentials = False
        self.echoed = 0
        self.requests: list[Request] = []
        self._faults: list[Fault] = []
        self._hooks: list[tuple[Callable[[Request], None], str | None, str | None]] = []
        self._lock = threading.RLock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> FakeServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle and
                # delayed ACKs add ~40 ms to every keep-alive answer.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_any(self) -> None:
                fake._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_any

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- fault plan --------------------------------------------------------------------------
    def fail(self, status: int = 503, *, times: int = 1, path: str | None = None) -> None:
        self._add(Fault("status", times, path, status=status))

    def delay(self, seconds: float, *, times: int = 1, path: str | None = None) -> None:
        self._add(Fault("delay", times, path, seconds=seconds))

    def drop(self, *, times: int = 1, path: str | None = None, after: bool = False) -> None:
        """Close the connection without an answer; ``after=True`` does the work first
        (the post is live but the client never hears so: the case reconciliation is for)."""
        self._add(Fault("drop_after" if after else "drop", times, path))

    def rate_limit(self, *, minutes: int = 5, times: int = 1, path: str | None = None) -> None:
        self._add(Fault("rate_limit", times, path, minutes=minutes))

    def refuse(self, *, times: int = 1, path: str | None = None) -> None:
        """The next ``times`` matching requests are refused as invalid (``refused``)."""
        self._add(Fault("refuse", times, path))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def expire_tokens(self) -> None:
        raise NotImplementedError

    def _add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, request: Request) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.path is None or fault.path in request.path:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # -- event hooks -------------------------------------------------------------------------
    def on_request(
        self,
        callback: Callable[[Request], None],
        *,
        path: str | None = None,
        method: str | None = None,
    ) -> Callable[[], None]:
        """Call ``callback(request)`` in the server thread for every request whose path
        contains ``path`` (and whose method is ``method``), once the fake has handled it
        (the work done, or its fault applied) and before any answer goes out: a test can
        act at that exact moment (e.g. kill the client). Returns a function that removes it."""
        hook = (callback, path, method)
        with self._lock:
            self._hooks.append(hook)

        def remove() -> None:
            with self._lock:
                if hook in self._hooks:
                    self._hooks.remove(hook)

        return remove

    def _notify(self, request: Request) -> None:
        with self._lock:
            hooks = list(self._hooks)
        for callback, path, method in hooks:
            if (path is None or path in request.path) and method in (None, request.method):
                callback(request)

    # -- platform hooks ------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def rate_limited(self, request: Request, minutes: int) -> Response:
        return Response(429, {"error": "rate limited"}, {"Retry-After": str(minutes * 60)})

    def server_error(self, request: Request, status: int) -> Response:
        return Response(
            status, b"<html><body>Service Unavailable</body></html>", {"Content-Type": "text/html"}
        )

    def refused(self, request: Request) -> Response:
        return Response(400, {"error": "invalid parameter"})

    def credentials(self, request: Request) -> list[str]:
        """What ``echo`` quotes back: the credentials ``request`` carried."""
        return []

    def echo(self, request: Request, response: Response) -> Response:
        """``response`` quoting the request's credentials if it is an error; platforms
        override ``is_error`` and ``quote_in`` for their own shapes."""
        quoted = [c for c in self.credentials(request) if c]
        if not quoted or not self.is_error(response):
            return response
        with self._lock:
            self.echoed += 1
        words = " ".join(quoted)
        if isinstance(response.body, bytes):
            return Response(response.status, response.body + words.encode(), response.headers)
        return Response(response.status, self.quote_in(response.body, words), response.headers)

    def is_error(self, response: Response) -> bool:
        return response.status >= 400

    def quote_in(self, body: Any, words: str) -> Any:
        """``body`` with ``words`` added to its error message."""
        return {**body, "message": f"{body.get('message', '')} {words}"}

    # -- serving -------------------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        request = Request(
            method=handler.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in handler.headers.items()},
            body=body,
            url=handler.path,
        )
        with self._lock:
            self.requests.append(request)
        fault = self._take_fault(request)
        if fault is not None and fault.kind == "delay":
            time.sleep(fault.seconds)
            fault = None
        if fault is not None and fault.kind == "drop":
            self._notify(request)
            handler.close_connection = True
            return
        if fault is not None and fault.kind == "status":
            response = self.server_error(request, fault.status)
        elif fault is not None and fault.kind == "rate_limit":
            response = self.rate_limited(request, fault.minutes)
        elif fault is not None and fault.kind == "refuse":
            response = self.refused(request)
        else:
            try:
                response = self.handle(request)
            except Exception as exc:  # a bug in the fake: answer 500 and keep serving
                response = Response(500, {"fake_error": repr(exc)})
            if fault is not None and fault.kind == "drop_after":
                self._notify(request)
                handler.close_connection = True
                return
        if self.echo_credentials:
            response = self.echo(request, response)
        self._notify(request)
        data, headers = response.encode()
        handler.send_response(response.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
