"""WordPress website publisher: error mapping at the HTTP boundary, then a real WordPress."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from publishers.base import PublishRequest
from publishers.errors import (
    AuthError,
    ConfigurationError,
    DuplicateError,
    ErrorKind,
    RateLimitedError,
    TransientError,
)
from publishers.testing import MemorySecrets
from publishers.website import WebsitePublisher
from tests.fakes import FaultyProxy
from tests.fakes.wordpress_memory import MemoryWordPress
from tests.publishers.conftest import WP_UPDATE, WordPress, make_request, png


def mocked(handler, **settings) -> WebsitePublisher:
    config = {"base_url": "https://phuong.example.vn", "username": "bientap", **settings}
    return WebsitePublisher(
        "website",
        config,
        MemorySecrets({"website": {"app_password": "abcd efgh ijkl mnop"}}),
        transport=httpx.MockTransport(handler),
    )


def wp_error(status: int, code: str, headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"code": code, "message": "m", "data": {"status": status}}
    return httpx.Response(status, json=body, headers=headers)


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (401, "incorrect_password", ErrorKind.AUTH),
        (403, "rest_cannot_create", ErrorKind.AUTH),
        (400, "rest_invalid_param", ErrorKind.REJECTED),
        (413, "", ErrorKind.REJECTED),
        (404, "rest_no_route", ErrorKind.CONFIG),
        (500, "internal_server_error", ErrorKind.TRANSIENT),
        (503, "", ErrorKind.TRANSIENT),
    ],
)
def test_rest_errors_map_to_kinds(status: int, code: str, kind: ErrorKind) -> None:
    publisher = mocked(lambda r: wp_error(status, code))
    with pytest.raises(Exception) as info:
        publisher.publish(make_request())
    assert getattr(info.value, "kind", None) is kind
    assert "abcd" not in str(info.value)


def test_429_waits_as_told() -> None:
    publisher = mocked(lambda r: wp_error(429, "too_many", {"Retry-After": "120"}))
    with pytest.raises(RateLimitedError) as info:
        publisher.publish(make_request())
    assert info.value.retry_after == 120


def test_query_style_routes_and_basic_auth() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    request = make_request()
    assert mocked(handler, rest_style="query").find_existing(request) is None
    assert seen[0].url.path == "/"
    assert seen[0].url.params["rest_route"] == "/wp/v2/posts"
    assert seen[0].url.params["slug"] == f"{request.slug},{request.slug}-nhap"
    assert seen[0].headers["authorization"].startswith("Basic ")
    assert "abcd" not in str(seen[0].url)


HOSTILE_TITLE = '<script>alert(1)</script> Sức khỏe & "Đời sống"'
HOSTILE_EXCERPT = '<img src=x onerror=alert(1)> Tóm tắt & "trích"'


def test_campaign_html_in_the_title_and_excerpt_is_sent_as_text() -> None:
    """WordPress renders ``title`` and ``excerpt`` as HTML: campaign data must not be markup."""
    sent: list[dict[str, object]] = []
    posts: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=posts)
        body = json.loads(request.content)
        sent.append(body)
        if request.url.path == "/wp-json/wp/v2/posts":  # the working copy
            posts.append({"id": 7, "slug": body["slug"], "status": "draft"})
            return httpx.Response(201, json=posts[-1])
        return httpx.Response(200, json={"id": 7, "link": "https://phuong.example.vn/p7", **body})

    request = make_request(image=None, tags=(), title=HOSTILE_TITLE, excerpt=HOSTILE_EXCERPT)
    mocked(handler).publish(request)
    copy, final = sent
    assert final["title"] == html.escape(HOSTILE_TITLE)
    assert final["excerpt"] == html.escape(HOSTILE_EXCERPT)
    assert html.unescape(str(final["title"])) == HOSTILE_TITLE  # shown exactly as written
    assert "<" not in str(copy["title"]) and html.escape(HOSTILE_TITLE) in str(copy["title"])


def two_photos(**overrides: object) -> PublishRequest:
    return make_request(image=png(color="#c8102e"), more_images=(png(color="#0b4f6c"),),
                        **overrides)  # fmt: skip


def test_every_photo_is_uploaded_the_first_featured_the_others_in_the_body() -> None:
    wp = MemoryWordPress()
    receipt = mocked(wp).publish(two_photos(title=HOSTILE_TITLE))
    first, second = wp.media
    assert [u.content for u in wp.uploads()] == [png(color="#c8102e").data,
                                                 png(color="#0b4f6c").data]  # fmt: skip
    (post,) = [p for p in wp.posts if str(p["id"]) == receipt.external_id]
    assert post["featured_media"] == first["id"]
    assert first["source_url"] not in post["content"]  # featured, not repeated in the body
    alt = html.escape(f"{HOSTILE_TITLE} (ảnh 2)")
    figure = f'<figure class="wp-block-image"><img src="{second["source_url"]}" alt="{alt}"/>'
    assert figure in post["content"] and "<script>" not in post["content"]
    assert second["alt_text"] == f"{HOSTILE_TITLE} (ảnh 2)"


def test_a_retry_after_a_failed_upload_sends_only_the_missing_photo() -> None:
    wp = MemoryWordPress()
    publisher, request = mocked(wp), two_photos()
    calls = 0

    def second_upload_fails(r: httpx.Request) -> httpx.Response:
        nonlocal calls
        if r.method == "POST" and r.url.path.endswith("/media"):
            calls += 1
            if calls == 2:
                return wp_error(503, "")
        return wp(r)

    with pytest.raises(TransientError):
        mocked(second_upload_fails).publish(request)
    assert len(wp.media) == 1 and not [p for p in wp.posts if p["slug"] == request.slug]
    receipt = publisher.publish(request)
    assert len(wp.media) == 2 and len(wp.uploads()) == 2  # the first was found, not resent
    (post,) = [p for p in wp.posts if str(p["id"]) == receipt.external_id]
    assert post["featured_media"] == wp.media[0]["id"]
    assert wp.media[1]["source_url"] in post["content"]


def test_a_retry_after_a_failed_update_uploads_nothing_again() -> None:
    wp = MemoryWordPress()
    publisher, request = mocked(wp), two_photos()
    wp.fail("POST", "/wp-json/wp/v2/posts/101")  # the working copy is the first item made
    with pytest.raises(TransientError):
        publisher.publish(request)
    assert len(wp.uploads()) == 2
    receipt = publisher.publish(request)
    assert len(wp.uploads()) == 2
    (post,) = [p for p in wp.posts if str(p["id"]) == receipt.external_id]
    assert post["id"] == 101 and post["featured_media"] == wp.media[0]["id"]
    assert wp.media[1]["source_url"] in post["content"]


@pytest.mark.wordpress
class TestRealWordPress:
    def test_campaign_html_in_the_title_is_stored_as_text(self, wordpress: WordPress) -> None:
        publisher = wordpress.publisher()
        request = make_request(image=None, title=HOSTILE_TITLE, excerpt=HOSTILE_EXCERPT)
        receipt = publisher.publish(request)
        post = publisher._call(
            "GET", f"/wp/v2/posts/{receipt.external_id}", params={"context": "edit"}
        )
        assert post["title"]["raw"] == html.escape(HOSTILE_TITLE)
        assert "<script" not in post["title"]["rendered"]
        assert "<img" not in post["excerpt"]["rendered"]
        page = httpx.get(receipt.url).text
        assert "<script>alert(1)</script>" not in page and "onerror=alert" not in page

    def test_post_with_featured_image_terms_and_slug(self, wordpress: WordPress) -> None:
        publisher = wordpress.publisher(categories=["Tuyên truyền NQ72"], tags=["Sức khỏe"])
        request = make_request(tags=("Ngày 7/4",))
        receipt = publisher.publish(request)
        post = publisher._call(
            "GET", f"/wp/v2/posts/{receipt.external_id}", params={"context": "edit"}
        )
        assert post["slug"] == request.slug
        assert post["status"] == "publish"
        assert post["featured_media"] > 0
        assert post["title"]["raw"] == "Ngày Sức khỏe toàn dân 7/4"
        assert len(post["categories"]) == 1 and len(post["tags"]) == 2
        assert receipt.url == post["link"]
        media = publisher._call("GET", f"/wp/v2/media/{post['featured_media']}")
        assert httpx.get(media["source_url"]).content.startswith(b"\x89PNG")

    def test_two_photos_the_first_featured_the_second_in_the_body(
        self, wordpress: WordPress
    ) -> None:
        publisher = wordpress.publisher()
        request = two_photos()
        receipt = publisher.publish(request)
        post = publisher._call(
            "GET", f"/wp/v2/posts/{receipt.external_id}", params={"context": "edit"}
        )
        params = {"parent": receipt.external_id, "orderby": "id", "order": "asc"}
        media = publisher._call("GET", "/wp/v2/media", params={**params, "context": "edit"})
        assert [m["id"] for m in media] == [post["featured_media"], media[1]["id"]]
        assert [m["title"]["raw"] for m in media] == [request.slug, f"{request.slug}-anh-2"]
        assert media[1]["alt_text"] == f"{request.title} (ảnh 2)"
        assert f'<img src="{media[1]["source_url"]}"' in post["content"]["raw"]

    def test_terms_are_reused_not_duplicated(self, wordpress: WordPress) -> None:
        publisher = wordpress.publisher(categories=["Tuyên truyền NQ72"])
        a = publisher.publish(make_request(image=None))
        b = wordpress.publisher(categories=["Tuyên truyền NQ72"]).publish(make_request(image=None))
        get = publisher._call
        assert (
            get("GET", f"/wp/v2/posts/{a.external_id}")["categories"]
            == get("GET", f"/wp/v2/posts/{b.external_id}")["categories"]
        )

    def test_republishing_is_a_duplicate_with_the_live_id(self, wordpress: WordPress) -> None:
        publisher = wordpress.publisher()
        request = make_request(image=None)
        receipt = publisher.publish(request)
        with pytest.raises(DuplicateError) as info:
            publisher.publish(request)
        assert info.value.external_id == receipt.external_id

    def test_future_post_is_found_by_slug(self, wordpress: WordPress) -> None:
        publisher = wordpress.publisher()
        request = make_request(scheduled_at=datetime.now(UTC) + timedelta(days=2))
        receipt = publisher.publish(request)
        assert receipt.scheduled
        # its address once live, not the "?p=<id>" WordPress gives a post not yet public
        assert receipt.url == f"{wordpress.url}/{request.slug}/"
        found = publisher.find_existing(request)
        assert found is not None and found.external_id == receipt.external_id
        assert found.url == receipt.url

    @pytest.mark.parametrize("status", ["pending", "draft"])
    def test_ward_review_status_is_the_live_one(self, wordpress: WordPress, status: str) -> None:
        """When the ward reviews on the site, the post is 'live' in that status."""
        publisher = wordpress.publisher(status=status)
        when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
        request = make_request(scheduled_at=when)
        receipt = publisher.publish(request)
        post = publisher._call(
            "GET", f"/wp/v2/posts/{receipt.external_id}", params={"context": "edit"}
        )
        assert (post["status"], post["slug"]) == (status, request.slug)
        assert post["title"]["raw"] == request.title and post["featured_media"] > 0
        assert post["date_gmt"] == when.strftime("%Y-%m-%dT%H:%M:%S")  # the reviewer's date
        found = publisher.find_existing(request)
        assert found is not None and found.external_id == receipt.external_id
        with pytest.raises(DuplicateError):
            publisher.publish(request)

    def test_working_copy_is_not_the_live_draft(
        self, wordpress: WordPress, wp_proxy: FaultyProxy
    ) -> None:
        publisher = wordpress.publisher(base_url=wp_proxy.url, status="draft")
        request = make_request(image=None)
        wp_proxy.drop(method="POST", path=WP_UPDATE)  # the copy exists, the update was lost
        with pytest.raises(TransientError):
            publisher.publish(request)
        assert publisher.find_existing(request) is None
        receipt = publisher.publish(request)
        found = wordpress.publisher().find_existing(request)
        assert found is None  # a "publish" channel does not count a draft as live
        found = wordpress.publisher(status="draft").find_existing(request)
        assert found is not None and found.external_id == receipt.external_id

    def test_query_style_works_too(self, wordpress: WordPress) -> None:
        publisher = wordpress.publisher(rest_style="query")
        request = make_request()
        receipt = publisher.publish(request)
        found = publisher.find_existing(request)
        assert found is not None and found.external_id == receipt.external_id

    def test_check_and_wrong_password(self, wordpress: WordPress) -> None:
        identity = wordpress.publisher().check()
        assert identity.id and wordpress.app_password not in identity.token_hint
        with pytest.raises(AuthError):
            wordpress.publisher(password="xxxx xxxx xxxx xxxx xxxx xxxx").check()

    def test_wrong_base_path_is_a_config_problem(self, wordpress: WordPress) -> None:
        with pytest.raises(ConfigurationError):
            wordpress.publisher(base_url=wordpress.url + "/khong-co").check()
