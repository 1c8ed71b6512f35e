"""Zalo Official Account publisher: an article (create, then verify for its id), optionally
broadcast to followers.

Zalo answers errors as HTTP 200 with a non-zero ``error``: every body is read. The cover
must be a public image URL: the request's ``image_url``, else the image is hosted
through a ``MediaHost`` (the website channel named by ``cover_channel``, or a folder
published at ``cover_base_url``). Further photos are hosted the same way and follow the
text as image blocks. Tokens: see ``zalo_auth``.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from publishers.base import (
    Capabilities,
    Identity,
    MediaHost,
    Publisher,
    PublishRequest,
    Receipt,
)
from publishers.errors import RejectedError, TransientError
from publishers.hosting import FolderHost
from publishers.http import make_client, mask, send
from publishers.media import image_problems, length_problem
from publishers.settings import SecretField, Setting
from publishers.zalo_auth import ZaloTokens
from publishers.zalo_errors import TOKEN_ERRORS, RefreshTokenError, error_for

LIMITS = {"title": 150, "author": 50, "description": 300}
IMAGE_LIMIT = 1024 * 1024
PAGE = 10  # getslice answers at most 10 articles per call, whatever ``limit`` asks
CLOCK_SKEW = timedelta(minutes=10)  # Zalo's clock and ours may disagree this much
TOKEN_NOTE = "zalo-token:"  # what a create leaves for the next attempt (``request.note``)


def _created(media: Mapping[str, Any]) -> datetime | None:
    """When Zalo says an article was created (``create_date``, epoch milliseconds)."""
    try:
        return datetime.fromtimestamp(int(media["create_date"]) / 1000, UTC)
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


class ZaloPublisher(Publisher):
    type_name = "zalo"
    label = "Zalo OA"
    capabilities = Capabilities(
        text_only=False, needs_public_image_url=True, html_body=True, several_images=True
    )
    settings: ClassVar[tuple[Setting, ...]] = (
        Setting("oa_id", "str", "Mã OA", required=True),
        Setting("app_id", "str", "Mã ứng dụng (App ID)", required=True),
        Setting("base_url", "url", "Địa chỉ OpenAPI", default="https://openapi.zalo.me"),
        Setting("oauth_base_url", "url", "Địa chỉ OAuth", default="https://oauth.zaloapp.com"),
        Setting("author", "str", "Tác giả dự phòng (khi bài không ghi tác giả)", default=""),
        Setting("cover_channel", "str", "Kênh website lưu ảnh bìa công khai", default=""),
        Setting("cover_folder", "path", "Thư mục chứa ảnh bìa (được web công khai)", default=""),
        Setting("cover_base_url", "url", "Địa chỉ công khai của thư mục ảnh bìa", default=""),
        Setting("broadcast", "bool", "Gửi bài viết tới người quan tâm", default=False),
        Setting("timeout", "float", "Thời gian chờ tối đa (giây)", default=30.0),
        Setting("recent_limit", "int", "Số bài gần nhất để dò bài đã đăng", default=20),
    )
    secrets: ClassVar[tuple[SecretField, ...]] = (
        SecretField("secret_key", "Khóa bí mật của ứng dụng (secret key)"),
        SecretField("refresh_token", "Refresh token (dùng một lần, Loa tự thay)"),
        SecretField("access_token", "Access token", required=False, managed=True),
        SecretField("access_token_expires_at", "Hạn access token", required=False, managed=True),
        SecretField("refresh_state", "Lần làm mới mã gần nhất", required=False, managed=True),
    )

    def __init__(
        self,
        *args: Any,
        media_host: MediaHost | None = None,
        sleep: Callable[[float], None] = time.sleep,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        timeout = self.config["timeout"]
        self._client = make_client(
            self.config["base_url"], transport=self._transport, timeout=timeout
        )
        self._oauth = make_client(
            self.config["oauth_base_url"], transport=self._transport, timeout=timeout
        )
        self.tokens = ZaloTokens(
            self.name, str(self.config["app_id"]), self._secrets, self._oauth, self._clock
        )
        self._sleep = sleep
        self.media_host = media_host
        if media_host is None and self.config["cover_folder"] and self.config["cover_base_url"]:
            self.media_host = FolderHost(self.config["cover_folder"], self.config["cover_base_url"])

    def close(self) -> None:
        self._client.close()
        self._oauth.close()

    def validate(self, request: PublishRequest) -> list[str]:
        """What Zalo's ``article/create`` would refuse (every field below is required by
        it), in Vietnamese, so the post is stopped at plan time rather than by Zalo."""
        author, description = self._author(request), self._description(request)
        problems = [
            p
            for what, text, limit in (
                ("Tiêu đề bài Zalo", request.title, LIMITS["title"]),
                ("Tên tác giả bài Zalo", author, LIMITS["author"]),
                ("Phần mô tả bài Zalo", description, LIMITS["description"]),
            )
            if (p := length_problem(what, text, limit))
        ]
        if not request.title.strip():
            problems.append("bài Zalo cần tiêu đề")
        if not author:
            problems.append(
                "bài Zalo cần tên tác giả: đặt [captions] zalo_author trong calendar.toml "
                "(hoặc 'author' trong cài đặt kênh)"
            )
        if not description:
            problems.append("bài Zalo cần phần mô tả: viết mô tả hoặc nội dung cho bài")
        if not self._body(request)[0]["content"].strip():
            problems.append("bài Zalo cần nội dung: bài đang trống")
        if request.scheduled_at is not None:
            problems.append("Zalo không hẹn giờ đăng được: để Loa tự đăng đúng giờ")
        for image in request.images:
            problems += image_problems(
                image, allowed=("image/jpeg", "image/png"), max_bytes=IMAGE_LIMIT
            )
        if request.more_images and self.media_host is None:
            problems.append("Zalo cần nơi lưu ảnh công khai để đăng thêm ảnh trong bài")
        if request.image_url is not None:
            if not request.image_url.startswith(("https://", "http://")):
                problems.append("ảnh bìa Zalo phải có địa chỉ công khai dạng https://…")
        elif request.image is None or self.media_host is None:
            problems.append(
                "Zalo cần ảnh bìa có địa chỉ công khai: khai báo 'cover_channel' (kênh website) "
                "hoặc 'cover_folder' và 'cover_base_url' cho kênh này"
            )
        return problems

    def publish(self, request: PublishRequest) -> Receipt:
        self.ensure_valid(request)
        cover = request.image_url
        if cover is None:
            assert self.media_host is not None and request.image is not None
            cover = self.media_host.host_image(request.image, request.key)
        article = {
            "type": "normal",
            "title": request.title,
            "author": self._author(request),
            "cover": {"cover_type": "photo", "photo_url": cover, "status": "show"},
            "description": self._description(request),
            "body": self._body(request, self._host_more(request)),
            "status": "show",
            "comment": "show",
        }
        token = self._call("POST", "/v2.0/article/create", json=article)["token"]
        if request.note is not None:  # kept before verifying: a next attempt verifies it
            request.note(TOKEN_NOTE + token)
        article_id = self._verified(token)
        if not article_id:
            raise TransientError(
                "Zalo chưa xử lý xong bài viết; Loa sẽ kiểm tra lại sau.",
                detail="verify returned no id",
                channel=self.name,
                maybe_live=True,
            )
        url = self._link(article_id)
        extra: dict[str, str] = {}
        if self.config["broadcast"]:
            extra["message_id"] = self._broadcast(article_id)
        return Receipt(external_id=article_id, url=url, at=self._clock(), extra=extra)

    def _verified(self, token: str) -> str:
        """The id of the article made by ``token`` ("" while Zalo is still processing)."""
        article_id = ""
        for attempt in range(4):
            data = self._call("POST", "/v2.0/article/verify", json={"token": token})
            article_id = str(data.get("id") or "")
            if article_id:
                break
            self._sleep(1.0 + attempt)
        return article_id

    def find_existing(self, request: PublishRequest) -> Receipt | None:
        """The article an earlier attempt created: by the token it noted (verifying it
        makes the article if that attempt never could), else the article whose body
        carries this request's marker, among those created since ``request.since`` (else
        the ``recent_limit`` newest). Articles still titled like the request are opened
        first; the others (a title edited meanwhile) after."""
        if request.resume and request.resume.startswith(TOKEN_NOTE):
            try:
                article_id = self._verified(request.resume.removeprefix(TOKEN_NOTE))
            except RejectedError:  # the token is unknown or too old: look by the marker
                article_id = ""
            if article_id:
                return Receipt(external_id=article_id, url=self._link(article_id),
                               at=self._clock())  # fmt: skip
        oldest = request.since - CLOCK_SKEW if request.since is not None else None
        others: list[str] = []
        for media in self._articles(oldest):
            article_id = str(media["id"])
            if media.get("title") != request.title:
                others.append(article_id)
            elif found := self._carrying(article_id, request.marker):
                return found
        for article_id in others:
            if found := self._carrying(article_id, request.marker):
                return found
        return None

    def _articles(self, oldest: datetime | None) -> Iterator[dict[str, Any]]:
        """The OA's articles, newest first, page by page: down to ``oldest``, or the
        ``recent_limit`` newest when there is no bound."""
        limit = int(self.config["recent_limit"])
        seen: set[str] = set()
        offset = 0
        while True:
            params = {"offset": str(offset), "limit": str(PAGE), "type": "normal"}
            medias = self._call("GET", "/v2.0/article/getslice", params=params).get("medias")
            page = [m for m in medias or [] if isinstance(m, dict)]
            for media in page:
                created = _created(media)
                if oldest is None and len(seen) >= limit:
                    return
                if oldest is not None and created is not None and created < oldest:
                    return
                article_id = str(media.get("id") or "")
                if article_id in seen:
                    return  # a page seen before: the API ignored the offset
                if article_id:
                    seen.add(article_id)
                    yield media
            if len(page) < PAGE:
                return
            offset += len(page)

    def _carrying(self, article_id: str, marker: str) -> Receipt | None:
        detail = self._call("GET", "/v2.0/article/getdetail", params={"id": article_id})
        if marker not in str(detail.get("body", "")):
            return None
        link = str(detail.get("link") or self._fallback_link())
        return Receipt(external_id=article_id, url=link, at=self._clock())

    def check(self) -> Identity:
        notes = ["Refresh token dùng một lần; Loa tự lưu mã mới trước khi dùng."]
        try:
            warning = self.tokens.ensure()
        except RefreshTokenError as exc:
            if not exc.still_works:
                raise
            warning = exc.message
        if warning:
            notes.append(warning)
        token = self.tokens.access_token()
        data = self._call("GET", "/v2.0/oa/getoa")
        return Identity(
            id=str(data.get("oa_id", "")),
            name=str(data.get("name", "")),
            expires_at=self.tokens.expires_at(),
            token_hint=mask(token),
            notes=tuple(notes),
        )

    # -- plumbing ---------------------------------------------------------------------------
    def _author(self, request: PublishRequest) -> str:
        """The composed byline; the channel's ``author`` setting only when there is none."""
        return (request.author or "").strip() or str(self.config["author"]).strip()

    def _description(self, request: PublishRequest) -> str:
        text = request.excerpt if request.excerpt is not None else request.caption[:300]
        return text.strip()

    def _host_more(self, request: PublishRequest) -> list[str]:
        """Public addresses of the photos after the cover, for image blocks in the body
        (hosted under names derived from the post's key: a retry overwrites them)."""
        if not request.more_images:
            return []
        assert self.media_host is not None
        return [
            self.media_host.host_image(image, f"{request.key}/{n}")
            for n, image in enumerate(request.more_images, 2)
        ]

    def _body(self, request: PublishRequest, photos: Sequence[str] = ()) -> list[dict[str, str]]:
        content = request.html or "".join(
            f"<p>{html.escape(line)}</p>" for line in request.caption.splitlines() if line.strip()
        )
        if request.link:
            content += (
                f'<p><a href="{html.escape(request.link)}">{html.escape(request.link)}</a></p>'
            )
        return [
            {"type": "text", "content": content},
            *({"type": "image", "url": url} for url in photos),
            {"type": "text", "content": f"<p><small>#{request.marker}</small></p>"},
        ]

    def _link(self, article_id: str) -> str:
        try:
            detail = self._call("GET", "/v2.0/article/getdetail", params={"id": article_id})
        except TransientError:
            return self._fallback_link()
        return str(detail.get("link") or self._fallback_link())

    def _fallback_link(self) -> str:
        return f"https://zalo.me/{self.config['oa_id']}"

    def _broadcast(self, article_id: str) -> str:
        message = {
            "recipient": {"target": {}},
            "message": {
                "attachment": {
                    "type": "template",
                    "payload": {
                        "template_type": "media",
                        "elements": [{"media_type": "article", "attachment_id": article_id}],
                    },
                }
            },
        }
        return str(self._call("POST", "/v2.0/oa/message", json=message).get("message_id", ""))

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        rejected: str | None = None
        for attempt in (0, 1):
            token = self.tokens.access_token(rejected=rejected)
            response = send(
                self._client,
                method,
                path,
                channel=self.name,
                headers={"access_token": token},
                **kwargs,
            )
            if response.status_code >= 500:
                raise TransientError(detail=f"HTTP {response.status_code}", channel=self.name)
            try:
                body = response.json()
            except ValueError:
                raise TransientError(detail="non-JSON body", channel=self.name) from None
            code = int(body.get("error") or 0) if isinstance(body, dict) else -1
            if code == 0:
                data = body.get("data")
                return data if isinstance(data, dict) else {}
            if code in TOKEN_ERRORS and attempt == 0:
                rejected = token
                continue  # the access token went stale early: refresh once and retry
            raise error_for(code, str(body.get("message", "")), self.name)
        raise AssertionError("unreachable")  # pragma: no cover
