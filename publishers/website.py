"""The ward's WordPress website (REST API, application password over Basic auth).

WordPress has no idempotency key, and a request the client gave up on (timeout) may
still complete on the server after the retry. So a post goes live in two steps that
are each safe to repeat or to arrive late:

1. a *working copy*: a draft with the slug ``<slug>-nhap`` and a title that says what
   it is. The REST API keeps even draft slugs unique (``WP_REST_Posts_Controller``
   calls ``wp_unique_post_slug`` for them too), so a late "create" leaves one more copy,
   ``<slug>-nhap-2``, and never touches ``<slug>``.
2. ``POST /wp/v2/posts/<id>`` on the oldest copy with everything final (title, content,
   featured image, terms, status, ``slug = <slug>``): repeating it changes nothing, and
   no other post ever holds ``<slug>``, so WordPress never renames it.

``find_existing`` (and ``publish`` itself) look up both slugs in one ``?slug=`` call:
the post is live when ``<slug>`` has the final status (``publish``/``future``, or the
channel's ``draft``/``pending`` when the ward reviews on the site). Leftover copies
(a late "create") are moved to the trash whenever Loa looks the post up again and it
is live; one created after the last look-up stays a titled, empty draft.

Every photo is uploaded attached to the copy (``?post=<id>``) under a title derived from
the slug and its place (``<slug>``, ``<slug>-anh-2``, …) and found again there by that title
on a retry, so a crash between two uploads, or between the uploads and the final update,
uploads only what is missing. The first is the featured image; the others follow the text
as image blocks (``<figure class="wp-block-image">``). Categories and tags by name (created
if missing). ``rest_style = "query"`` uses ``/?rest_route=/wp/v2/...`` for sites without
pretty permalinks. The website is also a ``MediaHost``: Zalo covers can be hosted here.
"""

from __future__ import annotations

import base64
import html
import logging
from datetime import UTC
from typing import Any, ClassVar

import httpx

from publishers.base import Capabilities, Identity, Image, Publisher, PublishRequest, Receipt
from publishers.errors import AuthError, DuplicateError, PublishError, TransientError
from publishers.http import make_client, mask, send
from publishers.media import image_problems, length_problem
from publishers.settings import SecretField, Setting
from publishers.wp_errors import error_for

STATUSES = "publish,future,draft,pending,private"
# which statuses of the final slug mean "live", per the channel's configured status
LIVE = {
    "publish": frozenset({"publish", "future", "private"}),
    "pending": frozenset({"pending", "publish", "future", "private"}),
    "draft": frozenset({"draft", "pending", "publish", "future", "private"}),
}
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")

log = logging.getLogger(__name__)


class WebsitePublisher(Publisher):
    type_name = "website"
    label = "Trang thông tin điện tử (WordPress)"
    capabilities = Capabilities(native_scheduling=True, html_body=True, several_images=True)
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
        limit = int(self.config["max_image_mb"] * 1024 * 1024)
        for image in request.images:
            problems += image_problems(image, allowed=IMAGE_TYPES, max_bytes=limit)
        return problems

    def publish(self, request: PublishRequest) -> Receipt:
        self.ensure_valid(request)
        copies = self._working_copies(request)
        copy = copies[0]
        post = self._call("POST", f"/wp/v2/posts/{copy['id']}", json=self._final(request, copy))
        self._trash_copies(request, copies, keep=post["id"])
        return self._receipt(post)

    def find_existing(self, request: PublishRequest) -> Receipt | None:
        posts = self._ours(request)
        live = self._live(request, posts)
        if live is None:
            return None
        self._trash_copies(request, posts, keep=live["id"])
        return self._receipt(live)

    # -- the two steps --------------------------------------------------------------------
    def _working_copies(self, request: PublishRequest) -> list[dict[str, Any]]:
        """The request's posts, oldest first, none live (a working copy is made if there
        is none); DuplicateError with the live post's receipt if it is live already."""
        posts = self._ours(request)
        if not posts:
            draft = {"title": _copy_title(request), "slug": _copy_slug(request), "status": "draft"}
            self._call("POST", "/wp/v2/posts", json=draft)
            posts = self._ours(request)  # the oldest copy wins, whoever made it
        live = self._live(request, posts)
        if live is not None:
            self._trash_copies(request, posts, keep=live["id"])
            receipt = self._receipt(live)
            raise DuplicateError(
                external_id=receipt.external_id,
                url=receipt.url,
                scheduled=receipt.scheduled,
                channel=self.name,
                detail=f"slug {request.slug} is {live.get('status')}",
            )
        if not posts:
            raise TransientError(
                detail="working copy not listed after creating it", channel=self.name
            )
        return posts

    def _final(self, request: PublishRequest, copy: dict[str, Any]) -> dict[str, Any]:
        """Everything the live post is: sending it twice changes nothing."""
        media = self._media_of(request, int(copy["id"])) if request.images else []
        post: dict[str, Any] = {
            "title": _text(request.title),
            "content": self._content(request, media[1:]),
            "status": self.config["status"],
            "slug": request.slug,
        }
        if request.excerpt:
            post["excerpt"] = _text(request.excerpt)
        if request.scheduled_at is not None:
            # the ward's reviewer keeps the last word: a draft/pending post only gets its date
            if post["status"] == "publish":
                post["status"] = "future"
            post["date_gmt"] = request.scheduled_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        if media:
            post["featured_media"] = int(media[0]["id"])
        if cats := [self._term("categories", n) for n in self.config["categories"]]:
            post["categories"] = cats
        if tags := [self._term("tags", n) for n in (*self.config["tags"], *request.tags)]:
            post["tags"] = tags
        return post

    def _media_of(self, request: PublishRequest, post_id: int) -> list[dict[str, Any]]:
        """Each photo of the request, in order, as ``{id, source_url, …}``: the one an
        earlier attempt attached to the copy (found by its title), else a fresh upload."""
        found = self._call(
            "GET",
            "/wp/v2/media",
            params={
                "parent": str(post_id),
                "orderby": "id",
                "order": "asc",
                "context": "edit",
                "per_page": "100",
            },
        )
        attached: dict[str, dict[str, Any]] = {}
        for media in found if isinstance(found, list) else []:
            title = media.get("title") if isinstance(media, dict) else None
            raw = title.get("raw") if isinstance(title, dict) else title
            if isinstance(raw, str):
                attached.setdefault(raw, media)  # the oldest of late duplicates
        out = []
        for n, image in enumerate(request.images, 1):
            title = _media_title(request, n)
            media = attached.get(title) or self.upload_media(
                image, title, parent=post_id, title=title, alt=_alt(request, n)
            )
            if not media.get("id") or not media.get("source_url"):
                raise TransientError(
                    detail=f"media {title} has no id or address", channel=self.name
                )
            out.append(media)
        return out

    # -- looking posts up -----------------------------------------------------------------
    def _ours(self, request: PublishRequest) -> list[dict[str, Any]]:
        """Every post with the request's slug or its copy's, oldest first."""
        params = {
            "slug": f"{request.slug},{_copy_slug(request)}",
            "status": STATUSES,
            "context": "edit",
            "orderby": "id",
            "order": "asc",
            "per_page": "100",
        }
        found = self._call("GET", "/wp/v2/posts", params=params)
        return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []

    def _live(self, request: PublishRequest, posts: list[dict[str, Any]]) -> dict[str, Any] | None:
        final = LIVE[self.config["status"]]
        return next(
            (p for p in posts if p.get("slug") == request.slug and p.get("status") in final),
            None,
        )

    def _trash_copies(
        self, request: PublishRequest, posts: list[dict[str, Any]], *, keep: object
    ) -> None:
        """Move leftover working copies to the trash (restorable); never fails the caller."""
        for post in posts:
            if post.get("slug") != _copy_slug(request) or post.get("status") != "draft":
                continue
            if str(post.get("id")) == str(keep):
                continue
            try:
                self._call("DELETE", f"/wp/v2/posts/{post['id']}")
            except PublishError as exc:
                log.warning("%s: could not trash copy %s: %s", self.name, post.get("id"), exc)

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
    def upload_media(
        self,
        image: Image,
        slug: str,
        *,
        parent: int | None = None,
        title: str | None = None,
        alt: str | None = None,
    ) -> dict[str, Any]:
        """Upload ``image`` as ``<slug>.<ext>`` (attached to post ``parent``, titled and
        described for screen readers, where given): ``{id, source_url, …}``."""
        ext = {"image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}.get(
            image.mime, ".jpg"
        )
        headers = {
            "Content-Type": image.mime,
            "Content-Disposition": f'attachment; filename="{slug}{ext}"',
        }
        params = {"post": str(parent)} if parent is not None else {}
        if title is not None:
            params["title"] = title
        if alt is not None:
            params["alt_text"] = alt
        media = self._call(
            "POST", "/wp/v2/media", params=params or None, content=image.data, headers=headers
        )
        return media if isinstance(media, dict) else {}

    def host_image(self, image: Image, key: str) -> str:
        """MediaHost: the public ``source_url`` of the uploaded image."""
        slug = PublishRequest(key=key, title="", caption="").slug
        return str(self.upload_media(image, slug)["source_url"])

    # -- plumbing ---------------------------------------------------------------------------
    def _content(self, request: PublishRequest, more: list[dict[str, Any]]) -> str:
        """The body, the photos after the first as image blocks, then the link."""
        body = request.html or "\n".join(
            f"<p>{html.escape(line)}</p>" for line in request.caption.splitlines() if line.strip()
        )
        for n, media in enumerate(more, 2):
            src, alt = html.escape(str(media["source_url"])), html.escape(_alt(request, n))
            body += f'\n<figure class="wp-block-image"><img src="{src}" alt="{alt}"/></figure>'
        if request.link:
            link = html.escape(request.link)
            body += f'\n<p><a href="{link}">{link}</a></p>'
        return body

    def _receipt(self, post: dict[str, Any]) -> Receipt:
        """The post's real address: ``link``, except for a scheduled post, whose ``link``
        is ``?p=<id>`` (not public until then) while its permalink is already known."""
        url = str(post.get("link", ""))
        template = str(post.get("permalink_template") or "")
        if post.get("status") == "future" and "%postname%" in template:
            url = template.replace("%postname%", str(post.get("slug", "")))
        return Receipt(
            external_id=str(post["id"]),
            url=url,
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


def _copy_slug(request: PublishRequest) -> str:
    return f"{request.slug}-nhap"


def _media_title(request: PublishRequest, n: int) -> str:
    """The title of the request's n-th photo on the site (the first keeps the plain slug,
    as a single photo always had): how a retry finds it among the copy's attachments."""
    return request.slug if n == 1 else f"{request.slug}-anh-{n}"


def _alt(request: PublishRequest, n: int) -> str:
    return request.title if len(request.images) < 2 else f"{request.title} (ảnh {n})"


def _copy_title(request: PublishRequest) -> str:
    """Shown in the site's draft list: a leftover copy must not look like a post to publish."""
    return _text(f"[Bản nháp tạm của Loa, đừng đăng] {request.title}")


def _text(value: str) -> str:
    """Plain text for a field WordPress renders as HTML (title, excerpt): campaign data
    shows as written, never as markup (the body is escaped in ``_content``)."""
    return html.escape(value)
