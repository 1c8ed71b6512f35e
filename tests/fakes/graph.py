"""A fake Facebook Graph API for one Page, shaped like the real one.

Success bodies: photos ``{"id", "post_id"}``, feed ``{"id": "<page>_<post>"}``, edges
``{"data": [...], "paging": {...}}``. Errors: HTTP 400 (or 401 for bad tokens)
``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``. Every answer
carries ``X-App-Usage`` and ``X-Business-Use-Case-Usage``. A user token is accepted by
``/me`` (it answers as the person) but refused (#200) when posting to the Page.

Multi-photo posts: ``published=false`` photos without a schedule are kept unpublished and
return ``{"id"}``; a feed post attaches them with ``attached_media[n]={"media_fbid": id}``.

Edges (``/{page}/posts|feed|scheduled_posts``) list newest first and page like the real
API (https://developers.facebook.com/docs/graph-api/results/): ``limit`` (default 25; the
Page feed reference allows at most 100, more is error #100), cursor paging (``after`` /
``before``; ``paging.next`` only while more remain: "If not included, this is the last
page of data"), and the time range ``since`` / ``until`` (a Unix timestamp or a date
string) on ``created_time``.

Extra API: ``page_token``, ``user_token``, ``posts``, ``usage`` (percent reported in
headers), ``clock`` (gives ``created_time``), ``add_post(message, created=…)``,
``revoke_tokens()``, ``expire_tokens()``, ``tokens_seen_in_urls``, ``refuse()`` (#100),
``echo_credentials`` (every error quotes the token: "Malformed access token EAAB…"),
``set_engagement(post_id, reactions, comments, shares)``.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import secrets
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import urlencode

from tests.fakes.server import FakeServer, Request, Response

VERSION = re.compile(r"^/v\d+\.\d+(/.*)$")
JPEG_PNG = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
MAX_LIMIT = 100  # Page feed reference, "Limitations": at most 100 posts with ``limit``
CREATED = "%Y-%m-%dT%H:%M:%S+0000"


def parse_multipart(request: Request) -> dict[str, tuple[str | None, bytes]]:
    raw = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode() + request.body
    message = BytesParser(policy=HTTP).parsebytes(raw)
    fields: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


class FakeGraph(FakeServer):
    def __init__(
        self,
        page_id: str = "100000000000001",
        page_name: str = "Phường Kiến An",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.page_id = page_id
        self.page_name = page_name
        self.page_token = "EAAB" + secrets.token_hex(24)
        self.user_token = "EAAU" + secrets.token_hex(24)
        self.user_id = "900000000000009"
        self.posts: list[dict[str, Any]] = []  # newest last
        # unpublished photos (``published=false``, no schedule), by id: their bytes, for a
        # multi-photo post's ``attached_media``
        self.photos: dict[str, bytes] = {}
        self.usage = 1  # percent reported in the usage headers
        self.tokens_seen_in_urls = 0
        self._revoked: set[str] = set()
        self._expired: set[str] = set()
        self._ids = itertools.count(1_000_001)
        self._state = threading.Lock()

    # -- controls ------------------------------------------------------------------------------
    def expire_tokens(self) -> None:
        self._expired |= {self.page_token, self.user_token}

    def revoke_tokens(self) -> None:
        self._revoked |= {self.page_token, self.user_token}

    # -- shapes --------------------------------------------------------------------------------
    def _headers(self, minutes: int = 0) -> dict[str, str]:
        import json

        u = self.usage if not minutes else 100
        return {
            "X-App-Usage": json.dumps({"call_count": u, "total_cputime": u, "total_time": u}),
            "X-Business-Use-Case-Usage": json.dumps(
                {
                    self.page_id: [
                        {
                            "type": "pages",
                            "call_count": u,
                            "total_cputime": 1,
                            "total_time": 1,
                            "estimated_time_to_regain_access": minutes,
                        }
                    ]
                }
            ),
        }

    def error(
        self,
        status: int,
        code: int,
        message: str,
        *,
        type_: str = "OAuthException",
        subcode: int | None = None,
        minutes: int = 0,
    ) -> Response:
        err: dict[str, Any] = {
            "message": message,
            "type": type_,
            "code": code,
            "fbtrace_id": "A" + secrets.token_hex(8),
        }
        if subcode is not None:
            err["error_subcode"] = subcode
        return Response(status, {"error": err}, self._headers(minutes))

    def ok(self, body: Any) -> Response:
        return Response(200, body, self._headers())

    def rate_limited(self, request: Request, minutes: int) -> Response:
        return self.error(400, 32, "(#32) Page request limit reached", minutes=minutes)

    def refused(self, request: Request) -> Response:
        return self.error(400, 100, "(#100) Invalid parameter")

    def credentials(self, request: Request) -> list[str]:
        auth = request.headers.get("authorization", "")
        return [auth[7:] if auth.startswith("Bearer ") else request.arg("access_token") or ""]

    def is_error(self, response: Response) -> bool:
        return isinstance(response.body, dict) and isinstance(response.body.get("error"), dict)

    def quote_in(self, body: Any, words: str) -> Any:
        err = body["error"]
        message = f"{err['message']} Malformed access token {words}"
        return {**body, "error": {**err, "message": message}}

    def server_error(self, request: Request, status: int) -> Response:
        return self.error(
            status,
            2,
            "An unexpected error has occurred. Please retry your request later.",
            type_="OAuthException",
        )

    # -- routing -------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        match = VERSION.match(request.path)
        if not match:
            return self.error(400, 2500, "Unknown path components: " + request.path)
        token = self._token(request)
        if token is None:
            return self.error(
                400,
                2500,
                "An active access token must be used to query information about the current user.",
            )
        if token in self._revoked or token not in (self.page_token, self.user_token):
            return self.error(
                400,
                190,
                "Error validating access token: The session has been "
                "invalidated because the user changed their password.",
                subcode=460,
            )
        if token in self._expired:
            return self.error(
                400, 190, "Error validating access token: Session has expired.", subcode=463
            )
        parts = match.group(1).strip("/").split("/")
        if parts == ["me"]:
            if token == self.page_token:
                return self.ok({"id": self.page_id, "name": self.page_name})
            return self.ok({"id": self.user_id, "name": "Nguyễn Văn A"})
        if len(parts) == 2 and parts[0] == self.page_id:
            edge = parts[1]
            if request.method == "POST" and edge in ("photos", "feed"):
                if token != self.page_token:
                    return self.error(
                        403,
                        200,
                        "(#200) If posting to a page, requires both "
                        "pages_read_engagement and pages_manage_posts",
                    )
                return self._create(request, edge)
            if request.method == "GET" and edge in ("posts", "feed", "scheduled_posts"):
                return self._list(request, scheduled=edge == "scheduled_posts")
        if len(parts) == 1 and request.method == "GET":
            for post in self.posts:
                if post["id"] == parts[0]:
                    return self.ok(self._fields(post, request.arg("fields") or ""))
        return self.error(
            400,
            100,
            f"Unsupported {request.method} request. Object with ID '{parts[0]}' does not exist",
            type_="GraphMethodException",
            subcode=33,
        )

    def _token(self, request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.startswith("Bearer "):
            return auth[7:]
        if request.arg("access_token"):
            self.tokens_seen_in_urls += 1
            return request.arg("access_token")
        return None

    def _create(self, request: Request, edge: str) -> Response:
        if edge == "photos":
            fields = parse_multipart(request)
            _filename, data = fields.get("source", (None, b""))
            if not data or not data.startswith(JPEG_PNG):
                return self.error(400, 324, "(#324) Requires upload file", subcode=2069019)
            if len(data) > 4 * 1024 * 1024:
                return self.error(400, 100, "(#100) Image too large")
            form = {k: v[1].decode() for k, v in fields.items() if k != "source"}
            message = form.get("caption", "")
            if form.get("published") == "false" and not form.get("scheduled_publish_time"):
                with self._state:
                    photo_id = str(next(self._ids))
                    self.photos[photo_id] = data
                return self.ok({"id": photo_id})
            attached: list[str] = []
        else:
            form = request.form()
            message = form.get("message", "")
            attached = []
            for n in itertools.count():
                media = form.get(f"attached_media[{n}]")
                if media is None:
                    break
                fbid = str(json.loads(media).get("media_fbid"))
                if fbid not in self.photos:
                    return self.error(400, 100, f"(#100) Invalid media_fbid {fbid}")
                attached.append(fbid)
            if not message and not form.get("link") and not attached:
                return self.error(400, 100, "(#100) Missing message or attachment")
            with self._state:
                last = next((p for p in reversed(self.posts) if p["edge"] == "feed"), None)
                if last is not None and last["message"] == message:
                    return self.error(400, 506, "Duplicate status message")
        if len(message) > 63_206:
            return self.error(400, 100, "(#100) Message is too long")
        scheduled = form.get("published") == "false"
        with self._state:
            object_id = str(next(self._ids))
            post_id = f"{self.page_id}_{next(self._ids)}"
            self.posts.append(
                {
                    "id": post_id,
                    "object_id": object_id,
                    "edge": edge,
                    "message": message,
                    "link": form.get("link"),
                    "attached": attached,
                    "scheduled": scheduled,
                    "scheduled_publish_time": form.get("scheduled_publish_time"),
                    "created_time": self.clock().astimezone(UTC).strftime(CREATED),
                }
            )
        if edge == "photos":
            return self.ok({"id": object_id, "post_id": post_id})
        return self.ok({"id": post_id})

    def _public(self, post: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": post["id"],
            "message": post["message"],
            "created_time": post["created_time"],
            "permalink_url": f"https://www.facebook.com/{post['id']}",
        }

    def set_engagement(self, post_id: str, reactions: int, comments: int, shares: int) -> None:
        """What people did with a post (all 0 until set)."""
        with self._state:
            post = next(p for p in self.posts if p["id"] == post_id)
            post.update(reactions=reactions, comments=comments, shares=shares)

    def _fields(self, post: dict[str, Any], fields: str) -> dict[str, Any]:
        """A post object; engagement edges as the real API shapes them (no ``shares``
        key at all when nobody shared)."""
        body = self._public(post)
        if "reactions" in fields:
            body["reactions"] = {"data": [], "summary": {"total_count": post.get("reactions", 0)}}
        if "comments" in fields:
            summary = {"order": "ranked", "total_count": post.get("comments", 0)}
            body["comments"] = {"data": [], "summary": summary}
        if "shares" in fields and post.get("shares"):
            body["shares"] = {"count": post["shares"]}
        return body

    def add_post(self, message: str, *, created: datetime, scheduled: bool = False) -> str:
        """A post made outside Loa (by hand, another tool) at ``created``; its id."""
        with self._state:
            post_id = f"{self.page_id}_{next(self._ids)}"
            self.posts.append(
                {
                    "id": post_id,
                    "object_id": post_id.split("_")[1],
                    "edge": "feed",
                    "message": message,
                    "link": None,
                    "scheduled": scheduled,
                    "scheduled_publish_time": None,
                    "created_time": created.astimezone(UTC).strftime(CREATED),
                }
            )
            self.posts.sort(key=lambda p: p["created_time"])  # newest last, as if made then
        return post_id

    def _list(self, request: Request, *, scheduled: bool) -> Response:
        try:
            limit = int(request.arg("limit") or 25)
            since, until = _time(request.arg("since")), _time(request.arg("until"))
            after, before = _uncursor(request.arg("after")), _uncursor(request.arg("before"))
        except ValueError as exc:
            return self.error(400, 100, f"(#100) {exc}", type_="OAuthException")
        if not 0 < limit <= MAX_LIMIT:
            return self.error(400, 100, f"(#100) The limit parameter cannot exceed {MAX_LIMIT}")
        with self._state:
            chosen = [
                p
                for p in reversed(self.posts)
                if p["scheduled"] == scheduled
                and (since is None or _created(p) >= since)
                and (until is None or _created(p) <= until)
            ]
        ids = [p["id"] for p in chosen]
        start = ids.index(after) + 1 if after in ids else 0
        if before in ids:
            start = max(0, ids.index(before) - limit)
        page = chosen[start : start + limit]
        if not page:
            return self.ok({"data": []})
        paging: dict[str, Any] = {
            "cursors": {"before": _cursor(page[0]["id"]), "after": _cursor(page[-1]["id"])}
        }
        query = {k: v[-1] for k, v in request.query.items() if k not in ("after", "before")}
        if start + limit < len(chosen):
            paging["next"] = self._link(request, {**query, "after": _cursor(page[-1]["id"])})
        if start > 0:
            paging["previous"] = self._link(request, {**query, "before": _cursor(page[0]["id"])})
        return self.ok({"data": [self._public(p) for p in page], "paging": paging})

    def _link(self, request: Request, query: dict[str, str]) -> str:
        return f"{self.url}{request.path}?{urlencode(query)}"


def _cursor(post_id: str) -> str:
    return base64.urlsafe_b64encode(post_id.encode()).decode()


def _uncursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except ValueError:
        raise ValueError("Invalid cursor") from None


def _time(value: str | None) -> int | None:
    """``since``/``until``: a Unix timestamp, or a date string (strtotime in the real API)."""
    if value is None:
        return None
    if value.lstrip("-").isdigit():
        return int(value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"Invalid time {value!r}") from None
    return int((parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp())


def _created(post: dict[str, Any]) -> int:
    return int(datetime.strptime(post["created_time"], CREATED).replace(tzinfo=UTC).timestamp())
