"""The faulting proxy the WordPress race tests stand on, in front of a fake upstream
(so it is checked where no WordPress runs)."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.fakes import FakeGraph, FaultyProxy

FEED = re.compile(r"/feed$")


@pytest.fixture
def upstream() -> Iterator[FakeGraph]:
    with FakeGraph() as fake:
        yield fake


@pytest.fixture
def proxy(upstream: FakeGraph) -> Iterator[FaultyProxy]:
    with FaultyProxy(upstream.url) as proxy:
        yield proxy
        proxy.settle()


def client(proxy: FaultyProxy, upstream: FakeGraph, timeout: float = 5.0) -> httpx.Client:
    headers = {"Authorization": f"Bearer {upstream.page_token}"}
    return httpx.Client(base_url=proxy.url, headers=headers, timeout=timeout)


def post(c: httpx.Client, upstream: FakeGraph, text: str) -> httpx.Response:
    return c.post(f"/v26.0/{upstream.page_id}/feed", data={"message": text})


def test_forwards_and_records(proxy: FaultyProxy, upstream: FakeGraph) -> None:
    with client(proxy, upstream) as c:
        answer = post(c, upstream, "Xin chào")
        assert answer.status_code == 200 and answer.json()["id"].startswith(upstream.page_id)
        assert answer.headers["x-app-usage"]  # the upstream's headers come through
    assert [r.method for r in proxy.requests] == ["POST"]
    assert [(r.path, status) for r, status in proxy.forwarded] == [(proxy.requests[0].path, 200)]
    assert [p["message"] for p in upstream.posts] == ["Xin chào"]


def test_faults_match_method_and_regex(proxy: FaultyProxy, upstream: FakeGraph) -> None:
    proxy.fail(502, method="POST", path=FEED)
    proxy.drop(method="GET", path="/me")
    with client(proxy, upstream) as c:
        assert c.get(f"/v26.0/{upstream.page_id}/posts").status_code == 200  # not matched
        assert post(c, upstream, "một").status_code == 502
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("/v26.0/me")
        assert post(c, upstream, "hai").status_code == 200
    assert [p["message"] for p in upstream.posts] == ["hai"]  # neither fault forwarded


def test_drop_after_does_the_work_without_answering(
    proxy: FaultyProxy, upstream: FakeGraph
) -> None:
    proxy.drop(after=True, path=FEED)
    with client(proxy, upstream) as c, pytest.raises(httpx.RemoteProtocolError):
        post(c, upstream, "đã lên")
    assert [p["message"] for p in upstream.posts] == ["đã lên"]


def test_held_request_completes_after_the_client_gave_up(
    proxy: FaultyProxy, upstream: FakeGraph
) -> None:
    held = proxy.hold(method="POST", path=FEED)
    with client(proxy, upstream, timeout=0.3) as c, pytest.raises(httpx.ReadTimeout):
        post(c, upstream, "lần đầu")
    assert held.arrived.is_set() and upstream.posts == []  # kept, not forwarded
    with client(proxy, upstream) as c:
        assert post(c, upstream, "lần thử lại").status_code == 200
    held.release()
    assert held.wait()
    assert [p["message"] for p in upstream.posts] == ["lần thử lại", "lần đầu"]
    assert proxy.wait_forwarded(lambda r: b"%C4%91%E1%BA%A7u" in r.body).method == "POST"


def test_held_request_answers_a_client_still_waiting(
    proxy: FaultyProxy, upstream: FakeGraph
) -> None:
    held = proxy.hold(path=FEED)
    answers: list[httpx.Response] = []
    with client(proxy, upstream) as c:
        waiting = threading.Thread(target=lambda: answers.append(post(c, upstream, "chờ")))
        waiting.start()
        assert held.arrived.wait(5)
        held.release()
        waiting.join(5)
    assert [a.status_code for a in answers] == [200]


def test_chaos_is_seeded_and_settles(upstream: FakeGraph) -> None:
    def run() -> list[tuple[str, str, str]]:
        with FaultyProxy(upstream.url) as proxy, client(proxy, upstream, timeout=0.3) as c:
            proxy.chaos(rate=0.5, seed=2, kinds=("fail", "drop", "hold"), hold=0.4)
            for _ in range(12):
                with contextlib.suppress(httpx.TransportError):
                    c.get("/v26.0/me")
            assert proxy.settle(10)
            return proxy.injected

    first = run()
    assert first == run()  # same seed, same requests: the same faults
    assert {kind for kind, _, _ in first} == {"fail", "drop", "hold"}
    with pytest.raises(ValueError):
        FaultyProxy(upstream.url).chaos(kinds=("explode",))
