"""The ward's WordPress website (REST API, application password over Basic auth).

Media upload (raw body), then the post with its featured image, status ``publish`` (or
``future`` for native scheduling), a deterministic slug so ``find_existing`` and
``publish`` itself can ask ``?slug=`` first (WordPress has no idempotency key and
would silently create ``slug-2``), categories and tags by name (created if missing).
``rest_style = "query"`` uses ``/?rest_route=/wp/v2/...`` for sites without pretty
permalinks. The website is also a ``MediaHost``: Zalo covers can be hosted here.
"""

from __future__ import annotations

import base64
import html
from datetime import UTC
from typing import Any, ClassVar

import httpx

from publishers.base import Capabilities, Identity, Image, Publisher, PublishRequest, Receipt
from publishers.errors import AuthError, DuplicateError, TransientError
from publishers.http import make_client, mask, send
from publishers.media import image_problems, length_problem
from publishers.settings import SecretField, Setting
from publishers.wp_errors import error_for

STATUSES = "publish,future,draft,pending,private"
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


class WebsitePublisher(Publisher):
    type_name = "website"
    label = "Trang thông tin điện tử (WordPress)"
    capabilities = Capabilities(native_scheduling=True, html_body=True)
    settings: ClassVar[tuple[Setting, ...]] = (
        Setting("base_url", "url", "Địa chỉ trang web", required=True),
        Setting("username", "str", "Tên đăng nhập biên tập viên", required=True),
        Setting(
            "status",
            "str",
            "Trạng thái bài khi đăng",
            default="publish",
            choices=("publish", "draft", "pending"),
        ),
        Setting("categories", "list", "Chuyên mục", default=[]),
        Setting("tags", "list", "Thẻ", default=[]),
        Setting(
            "rest_style", "str", "Kiểu địa chỉ REST", default="pretty", choices=("pretty", "query")
        ),
        Setting("max_image_mb", "float", "Dung lượng ảnh tối đa (MB)", default=8.0),
        Setting("timeout", "float", "Thời gian chờ tối đa (giây)", default=60.0),
    )
    secrets: ClassVar[tuple[SecretField, ...]] = (
        SecretField("app_password", "Mật khẩu ứng dụng (Application Password)"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._client = make_client(
            self.config["base_url"], transport=self._transport, timeout=self.config["timeout"]
        )
        self._terms: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        self._client.close()

    def validate(self, request: PublishRequest) -> list[str]:
        problems = []
        if not request.title.strip():
            problems.append("bài trên trang web cần tiêu đề")
        if p := length_problem("Tiêu đề bài trên trang web", request.title, 250):
            problems.append(p)
        if p := length_problem(
            "Nội dung bài trên trang web", request.html or request.caption, 200_000
        ):
            problems.append(p)
        if request.image is not None:
            limit = int(self.config["max_image_mb"] * 1024 * 1024)
            problems += image_problems(request.image, allowed=IMAGE_TYPES, max_bytes=limit)
        return problems

    def publish(self, request: PublishRequest) -> Receipt:
        self.ensure_valid(request)
        existing = self.find_existing(request)
        if existing is not None:
            raise DuplicateError(
                external_id=existing.external_id,
                url=existing.url,
                channel=self.name,
                detail=f"slug {request.slug} exists",
            )
        post: dict[str, Any] = {
            "title": request.title,
            "content": self._content(request),
            "status": self.config["status"],
            "slug": request.slug,
        }
        if request.excerpt:
            post["excerpt"] = request.excerpt
        if request.scheduled_at is not None:
            post["status"] = "future"
            post["date_gmt"] = request.scheduled_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        if request.image is not None:
            post["featured_media"] = self.upload_media(request.image, request.slug)["id"]
        if cats := [self._term("categories", n) for n in self.config["categories"]]:
            post["categories"] = cats
        if tags := [self._term("tags", n) for n in (*self.config["tags"], *request.tags)]:
            post["tags"] = tags
        created = self._call("POST", "/wp/v2/posts", json=post)
        return self._receipt(created)

    def find_existing(self, request: PublishRequest) -> Receipt | None:
        found = self._call(
            "GET",
            "/wp/v2/posts",
            params={"slug": request.slug, "status": STATUSES, "context": "edit"},
        )
        if isinstance(found, list) and found:
            return self._receipt(found[0])
        return None

    def check(self) -> Identity:
        me = self._call("GET", "/wp/v2/users/me", params={"context": "edit"})
        caps = me.get("capabilities") or {}
        missing = [c for c in ("publish_posts", "upload_files") if not caps.get(c)]
        if missing:
            raise AuthError(
                f"Tài khoản '{me.get('username', self.config['username'])}' không có quyền "
                f"{', '.join(missing)}: cần vai trò Biên tập viên hoặc Tác giả.",
                channel=self.name,
            )
        return Identity(
            id=str(me.get("id")),
            name=str(me.get("name", "")),
            expires_at=None,
            token_hint=mask(self.secret("app_password")),
            notes=("Mật khẩu ứng dụng không hết hạn cho tới khi bị thu hồi.",),
        )

    # -- media --------------------------------------------------------------------------------
    def upload_media(self, image: Image, slug: str) -> dict[str, Any]:
        ext = {"image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}.get(
            image.mime, ".jpg"
        )
        headers = {
            "Content-Type": image.mime,
            "Content-Disposition": f'attachment; filename="{slug}{ext}"',
        }
        media = self._call("POST", "/wp/v2/media", content=image.data, headers=headers)
        return media if isinstance(media, dict) else {}

    def host_image(self, image: Image, key: str) -> str:
        """MediaHost: the public ``source_url`` of the uploaded image."""
        slug = PublishRequest(key=key, title="", caption="").slug
        return str(self.upload_media(image, slug)["source_url"])

    # -- plumbing ---------------------------------------------------------------------------
    def _content(self, request: PublishRequest) -> str:
        body = request.html or "\n".join(
            f"<p>{html.escape(line)}</p>" for line in request.caption.splitlines() if line.strip()
        )
        if request.link:
            link = html.escape(request.link)
            body += f'\n<p><a href="{link}">{link}</a></p>'
        return body

    def _receipt(self, post: dict[str, Any]) -> Receipt:
        return Receipt(
            external_id=str(post["id"]),
            url=str(post.get("link", "")),
            at=self._clock(),
            scheduled=post.get("status") == "future",
        )

    def _term(self, taxonomy: str, name: str) -> int:
        cached = self._terms.get((taxonomy, name))
        if cached is not None:
            return cached
        found = self._call("GET", f"/wp/v2/{taxonomy}", params={"search": name, "per_page": "100"})
        for term in found if isinstance(found, list) else []:
            if html.unescape(str(term.get("name", ""))).casefold() == name.casefold():
                self._terms[(taxonomy, name)] = int(term["id"])
                return int(term["id"])
        created = self._call("POST", f"/wp/v2/{taxonomy}", json={"name": name}, term=True)
        self._terms[(taxonomy, name)] = int(created["id"])
        return int(created["id"])

    def _call(
        self,
        method: str,
        route: str,
        *,
        params: dict[str, str] | None = None,
        term: bool = False,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        user = self.config["username"]
        raw = f"{user}:{self.secret('app_password')}".encode()
        all_headers = {"Authorization": "Basic " + base64.b64encode(raw).decode()}
        all_headers.update(headers or {})
        if self.config["rest_style"] == "query":
            path, params = "/", {"rest_route": route, **(params or {})}
        else:
            path = "/wp-json" + route
        response = send(
            self._client,
            method,
            path,
            channel=self.name,
            params=params,
            headers=all_headers,
            **kwargs,
        )
        if term and response.status_code == 400:
            body = _json(response)
            if isinstance(body, dict) and body.get("code") == "term_exists":
                return {"id": body.get("data", {}).get("term_id")}
        if response.status_code >= 400:
            raise error_for(response, self.name)
        body = _json(response)
        if body is None:
            raise TransientError(detail=f"non-JSON answer to {method} {route}", channel=self.name)
        return body


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
