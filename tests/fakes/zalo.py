"""A fake Zalo OA OpenAPI with its OAuth v4 host, shaped like the real ones.

Every API answer is HTTP 200 ``{"error": <int>, "message": str, "data": {...}}``; a
non-zero ``error`` is the failure (-216 invalid token, -220 expired token, -32 rate
limit, -201 invalid parameter, -224 plan lacks the feature). The OAuth host
(``POST /v4/oa/access_token``, same server; point ``oauth_base_url`` at ``url``)
rotates refresh tokens: each works once, then is dead.

``article/create`` refuses (-201) what Zalo documents as invalid for a normal article:
``type`` other than "normal"; a missing or blank ``title`` (≤150), ``author`` (≤50) or
``description`` (≤300); a ``cover`` that is not ``{"cover_type": "photo", "photo_url":
<http(s) URL>, "status": "show"|"hide"}``; an empty ``body`` or a block that is not
text/image/video/product with its ``content``/``url``/``video_id``/``id``. Sources: the
Platform facts of DESIGN.md, and the conditions of Zalo's Article API v2.0 as restated
by @warriorteam/redai-zalo-sdk (docs/ARTICLE_MANAGEMENT.md, services/article.service.js:
title/author/description required with those limits; "normal articles must have
cover, body content and author"; body item types; "article list: max 10 items per
request"). Zalo's own page (developers.zalo.me, Article API) was not reachable here.

Extra API: ``app_id``, ``secret_key``, ``issue_tokens() -> (access, refresh)``, ``issued``,
``expire_tokens()``, ``revoke_refresh_tokens()``, ``articles``, ``broadcasts``,
``refreshes`` (count), ``refresh_burnt`` (an Event), ``hold_refresh_answer()``,
``add_article(title, text, created)`` (one made by hand),
``clock`` (epoch seconds of new articles' ``create_date``; getslice lists newest first),
``refuse()`` (-201), ``echo_credentials`` (every error quotes the access token, secret key
and refresh token it received),
``fetch_covers`` (GET each cover URL and refuse unreachable ones), ``pending_verifies``
(how many verify calls answer without an id first), ``plan_allows_broadcast``.
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.fakes.server import FakeServer, Request, Response

ACCESS_LIFETIME = 90_000
LIMITS = {"title": 150, "author": 50, "description": 300}
BLOCK_FIELD = {"text": "content", "image": "url", "video": "video_id", "product": "id"}
SHOW_HIDE = ("show", "hide")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def article_problem(article: dict[str, Any]) -> str | None:
    """Why ``article/create`` refuses a normal article (Zalo answers -201), or None."""
    if article.get("type") != "normal":
        return "type is invalid"
    for name, limit in LIMITS.items():
        if not _text(article.get(name)):
            return f"{name} is required"
        if len(article[name]) > limit:
            return f"{name} exceeds {limit} characters"
    cover = article.get("cover")
    if not isinstance(cover, dict) or cover.get("cover_type") != "photo":
        return "cover is invalid"
    if not _text(cover.get("photo_url")).startswith(("http://", "https://")):
        return "cover photo_url is invalid"
    if cover.get("status") not in SHOW_HIDE:
        return "cover status is invalid"
    blocks = article.get("body")
    if not isinstance(blocks, list) or not blocks:
        return "body is required"
    for i, block in enumerate(blocks):
        field = BLOCK_FIELD.get(block.get("type")) if isinstance(block, dict) else None
        if field is None or not _text(block.get(field)):
            return f"body[{i}] is invalid"
    for name in ("status", "comment"):
        if name in article and article[name] not in SHOW_HIDE:
            return f"{name} is invalid"
    return None


class FakeZalo(FakeServer):
    def __init__(self, oa_id: str = "1000000000000000001", name: str = "Phường Kiến An") -> None:
        super().__init__()
        self.oa_id = oa_id
        self.name = name
        self.app_id = "4000000000000000004"
        self.secret_key = "SK" + secrets.token_hex(10)
        self.articles: list[dict[str, Any]] = []
        self.broadcasts: list[dict[str, Any]] = []
        self.refreshes = 0
        self.issued: list[str] = []  # every access and refresh token minted, in order
        self.fetch_covers = False
        self.pending_verifies = 0
        self.plan_allows_broadcast = True
        self._access: dict[str, float] = {}  # token -> expiry (epoch seconds)
        self._refresh: set[str] = set()
        self._tokens: dict[str, dict[str, Any]] = {}  # create token -> article
        self._ids = itertools.count(7_000_001)
        self.clock: Callable[[], float] = time.time  # when articles are created (epoch s)
        self.refresh_burnt = threading.Event()  # set once a refresh request burnt its token
        self._held: threading.Event | None = None
        self._state = threading.Lock()

    @property
    def oauth_url(self) -> str:
        return self.url

    # -- controls ------------------------------------------------------------------------------
    def issue_tokens(self, lifetime: float = ACCESS_LIFETIME) -> tuple[str, str]:
        access, refresh = "AT" + secrets.token_hex(16), "RT" + secrets.token_hex(16)
        with self._state:
            self.issued += [access, refresh]
            self._access[access] = time.time() + lifetime
            self._refresh.add(refresh)
        return access, refresh

    def expire_tokens(self) -> None:
        with self._state:
            self._access = dict.fromkeys(self._access, 0.0)

    def hold_refresh_answer(self) -> threading.Event:
        """The next successful refresh is done (its refresh token burnt) but its answer
        waits until the returned event is set: the caller times out, or dies, first."""
        gate = threading.Event()
        self._held = gate
        return gate

    def revoke_refresh_tokens(self) -> None:
        """Every outstanding refresh token dies (the OA was disconnected)."""
        with self._state:
            self._refresh.clear()

    def rate_limited(self, request: Request, minutes: int) -> Response:
        return self.fail_body(-32, "Exceeded the request rate limit")

    def refused(self, request: Request) -> Response:
        return self.fail_body(-201, "Invalid parameters")

    def credentials(self, request: Request) -> list[str]:
        sent = [request.headers.get("access_token", ""), request.headers.get("secret_key", "")]
        if request.path == "/v4/oa/access_token":
            sent.append(request.form().get("refresh_token", ""))
        return sent

    def is_error(self, response: Response) -> bool:
        body = response.body
        return response.status >= 400 or (isinstance(body, dict) and bool(body.get("error")))

    def quote_in(self, body: Any, words: str) -> Any:
        key = "error_description" if "error_description" in body else "message"
        return {**body, key: f"{body.get(key, '')} ({words})"}

    @staticmethod
    def fail_body(code: int, message: str) -> Response:
        return Response(200, {"error": code, "message": message})

    @staticmethod
    def ok(data: Any) -> Response:
        return Response(200, {"error": 0, "message": "Success", "data": data})

    # -- routing -------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        if request.path == "/v4/oa/access_token" and request.method == "POST":
            return self._oauth(request)
        token = request.headers.get("access_token", "")
        expiry = self._access.get(token)
        if expiry is None:
            return self.fail_body(-216, "Access token is invalid")
        if expiry < time.time():
            return self.fail_body(-220, "Access token has expired")
        routes = {
            ("GET", "/v2.0/oa/getoa"): self._getoa,
            ("POST", "/v2.0/article/create"): self._create,
            ("POST", "/v2.0/article/verify"): self._verify,
            ("GET", "/v2.0/article/getslice"): self._getslice,
            ("GET", "/v2.0/article/getdetail"): self._getdetail,
            ("POST", "/v2.0/oa/message"): self._message,
        }
        route = routes.get((request.method, request.path))
        if route is None:
            return Response(404, b"Not Found", {"Content-Type": "text/plain"})
        return route(request)

    def _oauth(self, request: Request) -> Response:
        form = request.form()
        if (
            request.headers.get("secret_key") != self.secret_key
            or form.get("app_id") != self.app_id
        ):
            return Response(
                200,
                {
                    "error": -14002,
                    "error_name": "Invalid app",
                    "error_reason": "app_id or secret_key is wrong",
                    "error_description": "Invalid app_id or secret_key",
                },
            )
        refresh = form.get("refresh_token", "")
        with self._state:
            valid = refresh in self._refresh and form.get("grant_type") == "refresh_token"
            self._refresh.discard(refresh)  # single use, even when the caller loses the answer
        self.refresh_burnt.set()
        if not valid:
            return Response(
                200,
                {
                    "error": -14014,
                    "error_name": "Invalid refresh token",
                    "error_reason": "Refresh token is invalid or already used",
                    "error_description": "Invalid refresh token",
                },
            )
        access, new_refresh = self.issue_tokens()
        self.refreshes += 1
        gate, self._held = self._held, None
        if gate is not None:
            gate.wait(30)
        return Response(
            200,
            {
                "access_token": access,
                "refresh_token": new_refresh,
                "expires_in": str(ACCESS_LIFETIME),
            },
        )

    def _getoa(self, request: Request) -> Response:
        return self.ok(
            {
                "oa_id": self.oa_id,
                "name": self.name,
                "description": "",
                "num_follower": 1234,
                "is_verified": True,
            }
        )

    def _create(self, request: Request) -> Response:
        body = request.json()
        problem = article_problem(body) if isinstance(body, dict) else "body must be a JSON object"
        if problem is not None:
            return self.fail_body(-201, problem)
        assert isinstance(body, dict)
        if self.fetch_covers and not self._reachable(str(body["cover"]["photo_url"])):
            return self.fail_body(-201, "cannot download cover photo")
        token = secrets.token_hex(12)
        with self._state:
            self._tokens[token] = dict(body, pending=self.pending_verifies)
        return self.ok({"token": token})

    def _reachable(self, url: str) -> bool:
        try:
            response = httpx.get(url, timeout=5)
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and response.content[:3] in (b"\xff\xd8\xff", b"\x89PN")

    def _verify(self, request: Request) -> Response:
        token = str((request.json() or {}).get("token", ""))
        with self._state:
            draft = self._tokens.get(token)
            if draft is None:
                return self.fail_body(-201, "token is invalid")
            if draft["pending"] > 0:
                draft["pending"] -= 1
                return self.ok({})
            if "id" not in draft:
                self._store(draft)
        return self.ok({"id": draft["id"]})

    def _store(self, article: dict[str, Any], created: float | None = None) -> dict[str, Any]:
        article["id"] = str(next(self._ids))
        article["link"] = f"https://zalo.me/s/{self.oa_id}/{article['id']}"
        article["create_date"] = int((self.clock() if created is None else created) * 1000)
        self.articles.append(article)
        return article

    def add_article(self, title: str, text: str, created: float | None = None) -> str:
        """An article made outside Loa (``created``: epoch seconds); returns its id."""
        article = {
            "type": "normal",
            "title": title,
            "author": self.name,
            "description": text[:300],
            "cover": {"cover_type": "photo", "photo_url": "https://example.vn/a.jpg"},
            "body": [{"type": "text", "content": f"<p>{text}</p>"}],
        }
        with self._state:
            return str(self._store(article, created)["id"])

    def _summary(self, a: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": a["id"],
            "type": "normal",
            "title": a["title"],
            "status": "show",
            "thumb": a["cover"]["photo_url"],
            "create_date": a["create_date"],
            "total_view": 0,
            "total_share": 0,
            "link": a["link"],
        }

    def _getslice(self, request: Request) -> Response:
        offset, limit = int(request.arg("offset", "0") or 0), int(request.arg("limit", "10") or 10)
        with self._state:
            newest = sorted(reversed(self.articles), key=lambda a: -a["create_date"])
        chosen = newest[offset : offset + min(limit, 10)]
        return self.ok({"medias": [self._summary(a) for a in chosen], "total": len(newest)})

    def _getdetail(self, request: Request) -> Response:
        wanted = request.arg("id")
        for a in self.articles:
            if a["id"] == wanted:
                return self.ok(
                    dict(
                        self._summary(a),
                        description=a["description"],
                        author=a["author"],
                        body=a["body"],
                        cover=a["cover"],
                    )
                )
        return self.fail_body(-201, "article id is invalid")

    def _message(self, request: Request) -> Response:
        if not self.plan_allows_broadcast:
            return self.fail_body(-224, "OA has not been granted this feature")
        self.broadcasts.append(request.json())
        return self.ok({"message_id": secrets.token_hex(16)})
