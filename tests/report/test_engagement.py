"""Engagement: the Graph call (MockTransport), refresh into snapshots, and the migration."""

from __future__ import annotations

import httpx
import pytest

from campaigns.config import load_calendar
from campaigns.report import engagement
from campaigns.report.engagement import Counts, ReadFailed
from campaigns.report.readers import readers_for
from campaigns.store import migrate
from campaigns.store.models import Post
from publishers.testing import MemorySecrets
from tests.report.seed import AS_OF, CALENDAR, Seeded

BODY = {
    "id": "100_1",
    "reactions": {"data": [], "summary": {"total_count": 321}},
    "comments": {"data": [], "summary": {"total_count": 12, "order": "ranked"}},
    "shares": {"count": 7},
}


def graph_transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        post_id = request.url.path.rsplit("/", 1)[-1]
        if request.headers.get("Authorization") != "Bearer page-token":
            error = {
                "message": "Invalid OAuth access token.",
                "type": "OAuthException",
                "code": 190,
            }
            return httpx.Response(400, json={"error": error})
        if post_id == "100_2":  # nobody shared: Facebook leaves "shares" out
            return httpx.Response(200, json={k: v for k, v in BODY.items() if k != "shares"})
        return httpx.Response(200, json=BODY)

    return httpx.MockTransport(handle)


def readers(cal, seen: list[httpx.Request], token: str = "page-token"):  # type: ignore[no-untyped-def]
    secrets = MemorySecrets({"facebook": {"page_token": token}})
    return readers_for(cal, secrets=secrets, transport=graph_transport(seen))


def test_reader_calls_the_facebook_publisher(seeded: Seeded) -> None:
    seen: list[httpx.Request] = []
    found = readers(seeded.cal, seen)
    assert set(found.by_channel) == {"facebook"}  # Zalo and the website give no engagement
    fb_peak = seeded.store.get(seeded.cal.unit, seeded.ids["fb_peak"])
    fb_s09 = seeded.store.get(seeded.cal.unit, seeded.ids["fb_s09"])
    try:
        assert found.by_channel["facebook"](fb_peak) == Counts(321, 12, 7)
        assert found.by_channel["facebook"](fb_s09) == Counts(321, 12, 0)
    finally:
        found.close()
    request = seen[0]
    assert request.url.path == "/v26.0/100_1"
    assert "reactions.summary(total_count)" in request.url.params["fields"]
    assert "page-token" not in str(request.url)  # the token never travels in the URL


def test_reader_failure_is_a_read_failure(seeded: Seeded) -> None:
    found = readers(seeded.cal, [], token="wrong")
    post = seeded.store.get(seeded.cal.unit, seeded.ids["fb_peak"])
    with pytest.raises(ReadFailed):
        found.by_channel["facebook"](post)
    found.close()


def test_refresh_stores_snapshots_and_skips_what_it_cannot_read(seeded: Seeded) -> None:
    store, ids = seeded.store, seeded.ids
    seen: list[httpx.Request] = []
    found = readers(seeded.cal, seen)
    posts = store.posts(seeded.cal.unit, statuses=["published"])
    try:
        result = engagement.refresh(store, posts, found.by_channel)
    finally:
        found.close()
    assert sorted(result.updated) == sorted([ids["fb_peak"], ids["fb_s09"], ids["fb_before"]])
    assert result.skipped == [ids["zalo_peak"]]  # Zalo gives no engagement
    latest = engagement.latest(store, [ids["fb_peak"]])
    assert latest[ids["fb_peak"]].counts == Counts(321, 12, 7)
    assert latest[ids["fb_peak"]].fetched_at == AS_OF


def test_a_failed_read_keeps_the_older_snapshot(seeded: Seeded) -> None:
    def broken(post: Post) -> Counts | None:
        raise ReadFailed("Facebook từ chối (mã 190)")

    posts = seeded.store.posts(seeded.cal.unit, statuses=["published"], channel="facebook")
    result = engagement.refresh(seeded.store, posts, {"facebook": broken})
    assert set(result.failed) == {p.id for p in posts}
    snap = engagement.latest(seeded.store, [seeded.ids["fb_peak"]])[seeded.ids["fb_peak"]]
    assert snap.counts == Counts(120, 15, 30)


def test_no_token_no_reader() -> None:
    found = readers_for(load_calendar(CALENDAR))  # the tests' environment has no token
    assert found.by_channel == {} and "loa channels set-token facebook" in found.notes[0]


def test_migration_head_matches() -> None:
    # 0002 added the engagement table; later revisions (0003: daemon) build on it
    assert migrate.head() == migrate.HEAD >= "0002"
