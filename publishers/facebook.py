"""Facebook Page publisher (Graph API): a photo post with the image uploaded as bytes, a
multi-photo post (unpublished photos attached to one feed post), or a text/link post;
native scheduling when the request has a time.

The Page access token travels in the ``Authorization: Bearer`` header, never the URL.
``find_existing`` looks for the post's marker in the Page's posts: the recent ones, or,
when the request says since when an earlier attempt may have made it live, every post
created since then (``since`` minus a margin for clock skew), page after page.
Rate-limit headers are read on every answer: above ``usage_ceiling`` percent, or when
the platform gives a time to regain access, the next publish waits (RateLimitedError)
without calling the platform.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, ClassVar

import httpx

from publishers import graph
from publishers.base import (
    Capabilities,
    Engagement,
    Identity,
    Publisher,
    PublishRequest,
    Receipt,
)
from publishers.errors import AuthError, RateLimitedError, TransientError
from publishers.http import make_client, mask, send
from publishers.media import image_problems, length_problem
from publishers.settings import SecretField, Setting

CAPTION_LIMIT = 63_206
IMAGE_LIMIT = 4 * 1024 * 1024
WEB = "https://www.facebook.com"
ENGAGEMENT_FIELDS = "reactions.summary(total_count),comments.summary(total_count),shares"
POST_FIELDS = "id,message,permalink_url,created_time"
# Page feed reference, "Limitations": at most 100 posts per request with ``limit``
PAGE_LIMIT = 100
MAX_PAGES = 20  # 2,000 posts since the earlier attempt: months of a ward's Page
CLOCK_SKEW = timedelta(minutes=15)  # our clock against Facebook's created_time


class FacebookPublisher(Publisher):
    type_name = "facebook"
    label = "Trang Facebook"
    capabilities = Capabilities(native_scheduling=True, engagement=True, several_images=True)
    settings: ClassVar[tuple[Setting, ...]] = (
        Setting("page_id", "str", "Mã số Trang (Page ID)", required=True),
        Setting("base_url", "url", "Địa chỉ Graph API", default="https://graph.facebook.com"),
        Setting("api_version", "str", "Phiên bản Graph API", default="v26.0"),
        Setting("timeout", "float", "Thời gian chờ tối đa (giây)", default=30.0),
        Setting(
            "recent_limit", "int", "Số bài gần nhất để dò bài đã đăng (tối đa 100)", default=25
        ),
        Setting("usage_ceiling", "float", "Ngưỡng hạn mức sử dụng (%) thì tạm dừng", default=95.0),
    )
    secrets: ClassVar[tuple[SecretField, ...]] = (
        SecretField("page_token", "Mã truy cập của Trang (Page access token)"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_id = str(self.config["page_id"])
        self._prefix = f"/{self.config['api_version']}"
        self._client = make_client(
            self.config["base_url"], transport=self._transport, timeout=self.config["timeout"]
        )
        self._blocked_until: datetime | None = None

    def close(self) -> None:
        self._client.close()

    # -- plan time -------------------------------------------------------------------------
    def validate(self, request: PublishRequest) -> list[str]:
        problems = []
        caption = self._caption(request)
        if p := length_problem("Nội dung bài Facebook", caption, CAPTION_LIMIT):
            problems.append(p)
        for image in request.images:
            problems += image_problems(
                image, allowed=("image/jpeg", "image/png"), max_bytes=IMAGE_LIMIT
            )
        if request.scheduled_at is not None:
            ahead = request.scheduled_at - self._clock()
            if not timedelta(minutes=10) <= ahead <= timedelta(days=30):
                problems.append("Facebook chỉ hẹn giờ đăng từ 10 phút đến 30 ngày trước")
        if not caption.strip() and request.image is None:
            problems.append("bài Facebook cần nội dung hoặc ảnh")
        return problems

    # -- publishing --------------------------------------------------------------------------
    def publish(self, request: PublishRequest) -> Receipt:
        self.ensure_valid(request)
        self._honour_limits()
        data: dict[str, str] = {}
        if request.scheduled_at is not None:
            data["published"] = "false"
            data["scheduled_publish_time"] = str(int(request.scheduled_at.timestamp()))
        if request.more_images:
            post_id = self._multi_photo(request, data)
        elif request.image is not None:
            data["caption"] = self._caption(request)
            files = {"source": (request.image.filename, request.image.data, request.image.mime)}
            body = self._call("POST", f"/{self.page_id}/photos", data=data, files=files)
            post_id = str(body.get("post_id") or f"{self.page_id}_{body['id']}")
        else:
            data["message"] = self._caption(request)
            if request.link:
                data["link"] = request.link
            body = self._call("POST", f"/{self.page_id}/feed", data=data)
            post_id = str(body["id"])
        return Receipt(
            external_id=post_id,
            url=f"{WEB}/{post_id}",
            at=self._clock(),
            scheduled=request.scheduled_at is not None,
        )

    def _multi_photo(self, request: PublishRequest, data: dict[str, str]) -> str:
        """Several photos in one post: each uploaded unpublished, then one feed post that
        attaches them all (Graph API, "Publish a multi-photo post"). A photo left over by
        an attempt that failed stays unpublished: nobody sees it."""
        for n, image in enumerate(request.images):
            form = {"published": "false"}
            if request.scheduled_at is not None:
                form["temporary"] = "true"  # attached to a scheduled post
            files = {"source": (image.filename, image.data, image.mime)}
            body = self._call("POST", f"/{self.page_id}/photos", data=form, files=files)
            data[f"attached_media[{n}]"] = json.dumps({"media_fbid": str(body["id"])})
        data["message"] = self._caption(request)
        return str(self._call("POST", f"/{self.page_id}/feed", data=data)["id"])

    def find_existing(self, request: PublishRequest) -> Receipt | None:
        edges = ["posts"] + (["scheduled_posts"] if request.scheduled_at else [])
        for edge in edges:
            for post in self._posts(edge, request.since):
                if request.marker in str(post.get("message", "")):
                    post_id = str(post["id"])
                    return Receipt(
                        external_id=post_id,
                        url=str(post.get("permalink_url") or f"{WEB}/{post_id}"),
                        at=self._clock(),
                        scheduled=edge == "scheduled_posts",
                    )
        return None

    def _posts(self, edge: str, since: datetime | None) -> Iterator[dict[str, Any]]:
        """The edge's posts, newest first: one page of recent ones without ``since``,
        else every post created since then, following the cursors."""
        params = {"fields": POST_FIELDS, "limit": str(min(self.config["recent_limit"], PAGE_LIMIT))}
        if since is not None:
            params["limit"] = str(PAGE_LIMIT)
            params["since"] = str(int((since - CLOCK_SKEW).timestamp()))
        for _ in range(MAX_PAGES):
            body = self._call("GET", f"/{self.page_id}/{edge}", params=params)
            yield from (p for p in body.get("data", []) if isinstance(p, dict))
            paging = body.get("paging")
            paging = paging if isinstance(paging, dict) else {}
            after = (paging.get("cursors") or {}).get("after")
            if since is None or not paging.get("next") or not after:
                return  # no "next": the last page (Graph API, Paginated Results)
            params["after"] = str(after)
        raise TransientError(
            "Trang Facebook có quá nhiều bài kể từ lần đăng trước nên Loa chưa dò hết để biết "
            "bài này đã lên chưa; hãy xem trên Trang, Loa sẽ dò lại sau.",
            detail=f"{edge}: more than {MAX_PAGES} pages since {params['since']}",
            channel=self.name,
            maybe_live=True,
        )

    def check(self) -> Identity:
        token = self.secret("page_token")
        me = self._call("GET", "/me", params={"fields": "id,name"})
        if str(me.get("id")) != self.page_id:
            raise AuthError(
                f"Mã đã nhập là của '{me.get('name', '?')}' (id {me.get('id')}), không phải của "
                f"Trang {self.page_id}: cần mã truy cập của Trang (Page token), không phải mã "
                f"tài khoản cá nhân. Chạy lại 'loa channels set-token {self.name}'.",
                channel=self.name,
            )
        return Identity(
            id=self.page_id,
            name=str(me.get("name", "")),
            expires_at=None,
            token_hint=mask(token),
            notes=("Mã của Trang không hết hạn nhưng có thể bị thu hồi.",),
        )

    def engagement(self, external_id: str) -> Engagement:
        """``GET /{post-id}?fields=reactions.summary(total_count),…,shares``. Facebook
        leaves ``shares`` out when nobody shared (0); a missing summary is None."""
        body = self._call("GET", f"/{external_id}", params={"fields": ENGAGEMENT_FIELDS})
        shares = body.get("shares")
        count = shares.get("count") if isinstance(shares, dict) else 0
        return Engagement(
            reactions=_total(body, "reactions"),
            comments=_total(body, "comments"),
            shares=count if isinstance(count, int) else None,
            at=self._clock(),
        )

    # -- plumbing ---------------------------------------------------------------------------
    def _caption(self, request: PublishRequest) -> str:
        text = request.caption
        if request.image is not None and request.link and request.link not in text:
            text = f"{text}\n{request.link}"  # a photo post has no link preview: show it
        if request.marker not in text:
            text = f"{text}\n\n#{request.marker}" if text else f"#{request.marker}"
        return text

    def _honour_limits(self) -> None:
        if self._blocked_until is not None:
            wait = (self._blocked_until - self._clock()).total_seconds()
            if wait > 0:
                raise RateLimitedError(wait, channel=self.name, detail="usage headers")
            self._blocked_until = None

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.secret('page_token')}"}
        response = send(
            self._client, method, self._prefix + path, channel=self.name, headers=headers, **kwargs
        )
        self._note_usage(response)
        if response.status_code >= 400:
            raise graph.error_for(response, self.name)
        try:
            body = response.json()
        except ValueError:
            raise TransientError(detail="non-JSON success body", channel=self.name) from None
        return body if isinstance(body, dict) else {"data": body}

    def _note_usage(self, response: httpx.Response) -> None:
        highest, wait = graph.usage(response)
        if wait > 0:
            self._blocked_until = self._clock() + timedelta(seconds=wait)
        elif highest >= self.config["usage_ceiling"]:
            self._blocked_until = self._clock() + timedelta(seconds=graph.DEFAULT_WAIT)


def _total(body: dict[str, Any], edge: str) -> int | None:
    summary = body.get(edge, {}).get("summary") if isinstance(body.get(edge), dict) else None
    total = summary.get("total_count") if isinstance(summary, dict) else None
    return total if isinstance(total, int) else None
