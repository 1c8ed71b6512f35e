"""No duplicate on a real WordPress when a request the client gave up on completes after
the retry: the faulting proxy holds it past the client's timeout and forwards it later."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from publishers.base import PublishRequest, Receipt
from publishers.channels import deliver
from publishers.errors import TransientError
from publishers.website import WebsitePublisher
from tests.fakes import FaultyProxy
from tests.fakes.proxy import Hold
from tests.publishers.conftest import WP_CREATE, WP_UPDATE, WordPress, make_request

pytestmark = pytest.mark.wordpress

GAVE_UP = 2.0  # seconds: the first attempt's timeout, for the request the proxy holds


def unique_request(**overrides: Any) -> tuple[PublishRequest, str]:
    token = uuid.uuid4().hex[:12]
    return make_request(title=f"Ngày Sức khỏe toàn dân 7/4 {token}", **overrides), token


def posts_with(wordpress: WordPress, token: str) -> list[dict[str, Any]]:
    """Every post whose title has ``token``, in any status but the trash, read directly."""
    found = wordpress.publisher()._call(
        "GET",
        "/wp/v2/posts",
        params={
            "search": token,
            "status": "publish,future,draft,pending,private",
            "context": "edit",
            "per_page": "100",
        },
    )
    assert isinstance(found, list)
    return found


def assert_live_once(wordpress: WordPress, request: PublishRequest, token: str) -> dict[str, Any]:
    posts = posts_with(wordpress, token)
    live = [p for p in posts if p["status"] == "publish"]
    assert [p["slug"] for p in live] == [request.slug], [(p["slug"], p["status"]) for p in posts]
    # never "<slug>-2": only working copies ("<slug>-nhap", "-nhap-2" …) besides the live one
    assert all(
        p["slug"] == request.slug or p["slug"].startswith(f"{request.slug}-nhap") for p in posts
    )
    return live[0]


def gives_up_on(
    wordpress: WordPress, proxy: FaultyProxy, request: PublishRequest, held: Hold
) -> TransientError:
    """The first attempt, failing on the held request (on a busy machine an earlier
    request may time out first: then the attempt is simply made again)."""
    publisher = wordpress.publisher(base_url=proxy.url, timeout=GAVE_UP)
    for _ in range(5):
        with pytest.raises(TransientError) as info:
            publisher.publish(request)
        if held.arrived.is_set():
            return info.value
    raise AssertionError("the held request never arrived")


def until_done(publisher: WebsitePublisher, request: PublishRequest, tries: int = 50) -> Receipt:
    """What the engine does: retry transient failures, reconciling first."""
    for n in range(tries):
        try:
            return deliver(publisher, request, reconcile=n > 0)
        except TransientError:
            continue
    raise AssertionError(f"{request.key} still not live after {tries} tries")


def test_create_completing_after_the_retry_leaves_one_live_post(
    wordpress: WordPress, wp_proxy: FaultyProxy
) -> None:
    request, token = unique_request()
    held = wp_proxy.hold(method="POST", path=WP_CREATE)
    assert gives_up_on(wordpress, wp_proxy, request, held).maybe_live
    publisher = wordpress.publisher(base_url=wp_proxy.url)
    receipt = deliver(publisher, request, reconcile=True)
    held.release()
    assert held.wait()  # the first "create" has now completed on WordPress
    live = assert_live_once(wordpress, request, token)
    assert live["id"] == int(receipt.external_id) and receipt.url == live["link"]
    leftovers = [p for p in posts_with(wordpress, token) if p["status"] == "draft"]
    assert len(leftovers) == 1 and leftovers[0]["title"]["raw"].startswith("[Bản nháp tạm")
    found = publisher.find_existing(request)  # the next look-up trashes the leftover copy
    assert found is not None and found.external_id == receipt.external_id
    assert [p["status"] for p in posts_with(wordpress, token)] == ["publish"]


def test_publish_completing_after_the_retry_is_idempotent(
    wordpress: WordPress, wp_proxy: FaultyProxy
) -> None:
    request, token = unique_request()
    held = wp_proxy.hold(method="POST", path=WP_UPDATE)
    assert gives_up_on(wordpress, wp_proxy, request, held).maybe_live
    publisher = wordpress.publisher(base_url=wp_proxy.url)
    assert publisher.find_existing(request) is None  # only a working copy so far
    receipt = deliver(publisher, request, reconcile=True)
    held.release()
    assert held.wait()
    live = assert_live_once(wordpress, request, token)
    assert live["id"] == int(receipt.external_id)
    media = publisher._call("GET", "/wp/v2/media", params={"parent": str(live["id"])})
    assert [m["id"] for m in media] == [live["featured_media"]]  # uploaded once, reused


def test_create_landing_between_the_retrys_lookup_and_its_publish(
    wordpress: WordPress, wp_proxy: FaultyProxy
) -> None:
    """The late copy appears after the retry chose its copy: it must not take the slug."""
    request, token = unique_request()
    late = wp_proxy.hold(method="POST", path=WP_CREATE)
    gives_up_on(wordpress, wp_proxy, request, late)
    retry_publish = wp_proxy.hold(method="POST", path=WP_UPDATE)
    publisher = wordpress.publisher(base_url=wp_proxy.url, timeout=120)
    done: dict[str, Receipt] = {}
    retry = threading.Thread(target=lambda: done.update(r=deliver(publisher, request)))
    retry.start()
    assert retry_publish.arrived.wait(30)  # the retry made its copy and is publishing it
    late.release()
    assert late.wait()  # the first attempt's copy now exists too
    retry_publish.release()
    retry.join(60)
    live = assert_live_once(wordpress, request, token)
    assert live["id"] == int(done["r"].external_id)


@pytest.mark.slow
def test_thirty_posts_through_random_faults_are_each_live_once(
    wordpress: WordPress, wp_proxy: FaultyProxy
) -> None:
    # late requests for sure (the chaos may or may not draw them), then 10 % random faults
    gave_up = GAVE_UP / 2  # shorter: it is paid for every held request
    wp_proxy.hold(method="POST", path=WP_CREATE, release_after=gave_up * 1.3)
    wp_proxy.hold(method="POST", path=WP_UPDATE, release_after=gave_up * 1.3)
    wp_proxy.chaos(rate=0.1, seed=20260407, delay=0.2, hold=gave_up * 1.3)
    publisher = wordpress.publisher(base_url=wp_proxy.url, timeout=gave_up)
    batch = [unique_request() for _ in range(30)]
    receipts = [until_done(publisher, request) for request, _ in batch]
    wp_proxy.calm()
    assert wp_proxy.settle()  # every held or delayed request has reached WordPress
    assert wp_proxy.injected, "the random faults never fired"
    for (request, token), receipt in zip(batch, receipts, strict=True):
        live = assert_live_once(wordpress, request, token)
        assert live["id"] == int(receipt.external_id)
