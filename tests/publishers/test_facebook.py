"""Facebook Page publisher: HTTP boundary (MockTransport) and the Graph fake."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from publishers import facebook as fb
from publishers.errors import (
    AuthError,
    ConfigurationError,
    DuplicateError,
    ErrorKind,
    RateLimitedError,
    RejectedError,
    TransientError,
)
from publishers.facebook import FacebookPublisher
from publishers.testing import MemorySecrets
from tests.fakes import FakeGraph
from tests.publishers.conftest import facebook_for, make_request

TOKEN = "EAABsecretsecretsecretx9f"


def mocked(handler, **settings) -> FacebookPublisher:
    config = {"page_id": "123", "base_url": "https://graph.example", **settings}
    return FacebookPublisher(
        "facebook",
        config,
        MemorySecrets({"facebook": {"page_token": TOKEN}}),
        transport=httpx.MockTransport(handler),
    )


def graph_error(code: int, status: int = 400, headers: dict[str, str] | None = None, **extra):
    body = {"error": {"message": "m", "type": "OAuthException", "code": code, **extra}}
    return httpx.Response(status, json=body, headers=headers)


def test_photo_post_uploads_bytes_with_token_in_header_only() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "9", "post_id": "123_9"})

    receipt = mocked(handler).publish(make_request())
    (request,) = seen
    assert request.url.path == "/v26.0/123/photos"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in str(request.url)
    assert request.headers["user-agent"].startswith("Loa/")
    assert b'name="source"' in request.content and b"\x89PNG" in request.content
    assert receipt.external_id == "123_9"
    assert receipt.url == "https://www.facebook.com/123_9"


def test_text_post_goes_to_feed_with_link_and_marker() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "123_5"})

    req = make_request(image=None, link="https://kienan.example.vn/bai")
    mocked(handler, api_version="v25.0").publish(req)
    form = dict(httpx.QueryParams(seen[0].content.decode()))
    assert seen[0].url.path == "/v25.0/123/feed"
    assert form["link"] == "https://kienan.example.vn/bai"
    assert form["message"].endswith(f"#{req.marker}")


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (1, ErrorKind.TRANSIENT),
        (2, ErrorKind.TRANSIENT),
        (4, ErrorKind.RATE_LIMITED),
        (17, ErrorKind.RATE_LIMITED),
        (32, ErrorKind.RATE_LIMITED),
        (613, ErrorKind.RATE_LIMITED),
        (80001, ErrorKind.RATE_LIMITED),
        (190, ErrorKind.AUTH),
        (10, ErrorKind.AUTH),
        (200, ErrorKind.AUTH),
        (100, ErrorKind.REJECTED),
        (368, ErrorKind.REJECTED),
        (506, ErrorKind.DUPLICATE),
    ],
)
def test_graph_error_codes_map_to_kinds(code: int, kind: ErrorKind) -> None:
    publisher = mocked(lambda r: graph_error(code))
    with pytest.raises(Exception) as info:
        publisher.publish(make_request())
    assert getattr(info.value, "kind", None) is kind
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)


def test_rate_limit_wait_comes_from_business_usage_header() -> None:
    buc = {"123": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 12}]}
    headers = {"X-Business-Use-Case-Usage": json.dumps(buc)}
    publisher = mocked(lambda r: graph_error(32, headers=headers))
    with pytest.raises(RateLimitedError) as info:
        publisher.publish(make_request())
    assert info.value.retry_after == 720


def test_high_usage_header_pauses_next_publish_without_calling() -> None:
    calls = 0
    now = datetime(2026, 4, 7, 0, 30, tzinfo=UTC)

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        usage = {"call_count": 97, "total_time": 10, "total_cputime": 10}
        return httpx.Response(
            200, json={"id": "1", "post_id": "123_1"}, headers={"X-App-Usage": json.dumps(usage)}
        )

    publisher = FacebookPublisher(
        "facebook",
        {"page_id": "123", "base_url": "https://graph.example"},
        MemorySecrets({"facebook": {"page_token": TOKEN}}),
        transport=httpx.MockTransport(handler),
        clock=lambda: now,
    )
    publisher.publish(make_request())
    with pytest.raises(RateLimitedError):
        publisher.publish(make_request())
    assert calls == 1
    now += timedelta(hours=1)
    publisher.publish(make_request())
    assert calls == 2


def test_5xx_without_json_is_transient() -> None:
    publisher = mocked(lambda r: httpx.Response(502, text="<html>Bad gateway</html>"))
    with pytest.raises(TransientError):
        publisher.publish(make_request())


def test_check_refuses_a_user_token(graph: FakeGraph) -> None:
    publisher = facebook_for(graph, token=graph.user_token)
    with pytest.raises(AuthError) as info:
        publisher.check()
    assert "Page token" in info.value.message and "cá nhân" in info.value.message


def test_check_shows_page_and_masked_token(graph: FakeGraph) -> None:
    identity = facebook_for(graph).check()
    assert identity.id == graph.page_id and identity.name == "Phường Kiến An"
    assert identity.expires_at is None
    assert graph.page_token not in identity.token_hint and "…" in identity.token_hint


def test_user_token_cannot_post_to_page(graph: FakeGraph) -> None:
    with pytest.raises(AuthError):
        facebook_for(graph, token=graph.user_token).publish(make_request())


def test_duplicate_status_message_from_fake(graph: FakeGraph) -> None:
    publisher = facebook_for(graph)
    request = make_request(image=None)
    publisher.publish(request)
    with pytest.raises(DuplicateError):
        publisher.publish(request)


def test_expired_token_from_fake_means_reconnect(graph: FakeGraph) -> None:
    graph.expire_tokens()
    with pytest.raises(AuthError):
        facebook_for(graph).publish(make_request())


def test_native_scheduling_is_found_in_scheduled_posts(graph: FakeGraph) -> None:
    now = datetime.now(UTC)
    publisher = facebook_for(graph)
    request = make_request(scheduled_at=now + timedelta(hours=2))
    receipt = publisher.publish(request)
    assert receipt.scheduled
    assert graph.posts[-1]["scheduled"]
    found = publisher.find_existing(request)
    assert found is not None and found.external_id == receipt.external_id


def test_scheduling_too_soon_is_rejected_at_plan_time(graph: FakeGraph) -> None:
    request = make_request(scheduled_at=datetime.now(UTC) + timedelta(minutes=3))
    with pytest.raises(RejectedError) as info:
        facebook_for(graph).publish(request)
    assert "10 phút" in info.value.message


def test_token_never_travels_in_a_url(graph: FakeGraph) -> None:
    publisher = facebook_for(graph)
    publisher.publish(make_request())
    publisher.find_existing(make_request())
    publisher.check()
    assert graph.tokens_seen_in_urls == 0
    assert all(graph.page_token not in r.url for r in graph.requests)


def test_plain_http_is_refused_except_loopback() -> None:
    with pytest.raises(ConfigurationError) as info:
        mocked(lambda r: httpx.Response(200), base_url="http://graph.example")
    assert "https://" in info.value.message
    mocked(lambda r: httpx.Response(200), base_url="http://127.0.0.1:9").close()


def test_slow_answer_times_out_as_maybe_live(graph: FakeGraph) -> None:
    graph.delay(1.0)
    with pytest.raises(TransientError) as info:
        facebook_for(graph, timeout=0.2).publish(make_request())
    assert info.value.maybe_live


def test_photo_caption_carries_the_link(graph: FakeGraph) -> None:
    facebook_for(graph).publish(make_request(link="https://kienan.example.vn/bai-1"))
    assert "https://kienan.example.vn/bai-1" in graph.posts[-1]["message"]


def test_no_secret_in_logs(graph: FakeGraph, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    publisher = facebook_for(graph)
    publisher.publish(make_request())
    publisher.check()
    graph.revoke_tokens()
    with pytest.raises(AuthError) as info:
        publisher.publish(make_request())
    assert caplog.records  # httpx and httpcore did log
    assert graph.page_token not in caplog.text
    assert graph.page_token not in str(info.value) + repr(info.value) + info.value.detail
    assert graph.page_token not in repr(publisher)


# -- engagement ----------------------------------------------------------------------------


def test_engagement_request_and_shape() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = {
            "id": "123_9",
            "reactions": {"data": [], "summary": {"total_count": 321}},
            "comments": {"data": [], "summary": {"order": "ranked", "total_count": 12}},
        }
        if request.url.path.endswith("123_9"):
            body["shares"] = {"count": 7}
        return httpx.Response(200, json=body)

    publisher = mocked(handler)
    assert FacebookPublisher.capabilities.engagement
    got = publisher.engagement("123_9")
    assert (got.reactions, got.comments, got.shares) == (321, 12, 7)
    assert publisher.engagement("123_10").shares == 0  # no "shares" key: nobody shared
    request = seen[0]
    assert request.url.path == "/v26.0/123_9"
    assert request.url.params["fields"] == (
        "reactions.summary(total_count),comments.summary(total_count),shares"
    )
    assert TOKEN not in str(request.url)


def test_engagement_missing_summary_is_none() -> None:
    got = mocked(lambda request: httpx.Response(200, json={"id": "1"})).engagement("1")
    assert (got.reactions, got.comments, got.shares) == (None, None, 0)


def test_engagement_errors_are_classified() -> None:
    with pytest.raises(AuthError):
        mocked(lambda request: graph_error(190)).engagement("123_9")


def test_engagement_from_fake(graph: FakeGraph) -> None:
    publisher = facebook_for(graph)
    receipt = publisher.publish(make_request())
    assert publisher.engagement(receipt.external_id).reactions == 0
    graph.set_engagement(receipt.external_id, 45, 6, 3)
    got = publisher.engagement(receipt.external_id)
    assert (got.reactions, got.comments, got.shares) == (45, 6, 3)
    graph.revoke_tokens()
    with pytest.raises(AuthError):
        publisher.engagement(receipt.external_id)


# -- reconciliation: how far back find_existing looks -----------------------------------

T0 = datetime(2026, 4, 7, 0, 30, tzinfo=UTC)


def posts_requests(fake: FakeGraph) -> list[dict[str, str]]:
    return [
        {k: v[-1] for k, v in r.query.items()} for r in fake.requests if r.path.endswith("/posts")
    ]


def test_lost_post_is_found_on_page_three() -> None:
    now = [T0]
    with FakeGraph(clock=lambda: now[0]) as fake:
        publisher = facebook_for(fake)
        request = make_request(since=T0)
        fake.drop(after=True, path="/photos")  # live, but the answer is lost
        with pytest.raises(TransientError):
            publisher.publish(request)
        for n in range(1, 251):  # the Page kept posting meanwhile
            fake.add_post(f"Tin số {n}", created=T0 + timedelta(minutes=n))
        assert publisher.find_existing(make_request(key=request.key)) is None  # recent only
        found = publisher.find_existing(request)
        assert found is not None and found.external_id == fake.posts[0]["id"]
        pages = posts_requests(fake)[1:]
        assert [p.get("after") is not None for p in pages] == [False, True, True]
        assert {p["limit"] for p in pages} == {"100"}
        assert fake.tokens_seen_in_urls == 0


def test_since_bounds_the_scan() -> None:
    with FakeGraph() as fake:
        publisher = facebook_for(fake)
        request = make_request(since=T0)
        fake.add_post(f"Bài cũ #{request.marker}", created=T0 - timedelta(hours=2))
        for n in range(150):
            fake.add_post(f"Tin số {n}", created=T0 + timedelta(minutes=n))
        assert publisher.find_existing(request) is None  # older than since: not looked at
        pages = posts_requests(fake)
        assert len(pages) == 2  # 150 posts since then, 100 a page, and no further
        assert {p["since"] for p in pages} == {str(int((T0 - fb.CLOCK_SKEW).timestamp()))}
        # within the clock-skew margin: still found
        skewed = fake.add_post(f"Bài #{request.marker}", created=T0 - timedelta(minutes=5))
        found = publisher.find_existing(request)
        assert found is not None and found.external_id == skewed


def test_marker_is_found_after_the_visible_text_changed(graph: FakeGraph) -> None:
    publisher = facebook_for(graph)
    request = make_request(since=datetime.now(UTC))
    receipt = publisher.publish(request)
    post = graph.posts[-1]
    post["message"] = "Nội dung đã được sửa trên Trang.\n#" + request.marker  # edited by hand
    found = publisher.find_existing(request)
    assert found is not None and found.external_id == receipt.external_id


def test_scan_gives_up_without_claiming_the_post_is_not_live(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fb, "MAX_PAGES", 2)
    with FakeGraph() as fake:
        for n in range(201):
            fake.add_post(f"Tin số {n}", created=T0 + timedelta(minutes=n))
        with pytest.raises(TransientError) as info:
            facebook_for(fake).find_existing(make_request(since=T0))
        assert info.value.maybe_live and "dò" in info.value.message


def test_fake_pages_like_the_graph_api() -> None:
    with FakeGraph() as fake:
        for n in range(30):
            fake.add_post(f"Tin số {n}", created=T0 + timedelta(minutes=n))
        headers = {"Authorization": f"Bearer {fake.page_token}"}
        url = f"{fake.url}/v26.0/{fake.page_id}/posts"
        too_many = httpx.get(url, params={"limit": "101"}, headers=headers)
        assert too_many.status_code == 400 and too_many.json()["error"]["code"] == 100
        first = httpx.get(url, headers=headers).json()
        assert len(first["data"]) == 25 and "previous" not in first["paging"]
        assert first["data"][0]["message"] == "Tin số 29"  # newest first
        second = httpx.get(first["paging"]["next"], headers=headers).json()
        assert [p["message"] for p in second["data"]] == [f"Tin số {n}" for n in range(4, -1, -1)]
        assert "next" not in second["paging"] and "previous" in second["paging"]
        since = int((T0 + timedelta(minutes=28)).timestamp())
        recent = httpx.get(url, params={"since": str(since)}, headers=headers).json()
        assert [p["message"] for p in recent["data"]] == ["Tin số 29", "Tin số 28"]
        until = (T0 + timedelta(minutes=1)).isoformat()
        old = httpx.get(url, params={"until": until}, headers=headers).json()
        assert [p["message"] for p in old["data"]] == ["Tin số 1", "Tin số 0"]


def test_a_flaky_read_is_tried_again_but_a_write_never(graph: FakeGraph) -> None:
    """Reconciling reads many pages: one 5xx or dropped read must not fail it. A write
    is never repeated by the client (it could publish twice)."""
    publisher = facebook_for(graph)
    request = make_request(image=None)
    receipt = publisher.publish(request)
    graph.fail(503, path="/posts")
    graph.drop(path="/posts")
    assert publisher.find_existing(request).external_id == receipt.external_id
    graph.fail(503, path="/feed")
    with pytest.raises(TransientError):
        publisher.publish(make_request(image=None, caption="Một bài khác"))
    writes = [r for r in graph.requests if r.method == "POST"]
    assert len(writes) == 2 and len(graph.posts) == 1
