"""Fixtures: fake platforms, a real WordPress when the machine has one, and a harness
per publisher for the contract suite."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image as PILImage

from publishers.base import Image, Publisher, PublishRequest
from publishers.facebook import FacebookPublisher
from publishers.outbox import OutboxPublisher
from publishers.testing import MemorySecrets
from publishers.website import WebsitePublisher
from publishers.zalo import ZaloPublisher
from tests.fakes import FakeGraph, FakeZalo, FaultyProxy
from tests.wordpress import WordPressSite, start_wordpress

# the website publisher's two writes, as the proxy sees them
WP_CREATE = re.compile(r"/wp/v2/posts$")
WP_UPDATE = re.compile(r"/wp/v2/posts/\d+$")


def png(size: tuple[int, int] = (64, 48), color: str = "#c8102e") -> Image:
    buf = io.BytesIO()
    PILImage.new("RGB", size, color).save(buf, "PNG")
    return Image(buf.getvalue(), "anh.png", "image/png")


def huge_png(megabytes: float = 11) -> Image:
    data = png().data
    return Image(data + b"\0" * int(megabytes * 1024 * 1024), "lon.png", "image/png")


def make_request(**overrides: Any) -> PublishRequest:
    values: dict[str, Any] = {
        "key": f"kien-an/2026-04-07/07:30/{uuid.uuid4().hex[:8]}",
        "title": "Ngày Sức khỏe toàn dân 7/4",
        "caption": "Mỗi người dân chủ động rèn luyện thân thể, nâng cao sức khỏe.\n#NQ72",
        "image": png(),
        "tags": ("sức khỏe",),
    }
    values.update(overrides)
    return PublishRequest(**values)


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph() as fake:
        yield fake


@pytest.fixture
def zalo_fake() -> Iterator[FakeZalo]:
    with FakeZalo() as fake:
        yield fake


_OPEN: list[Publisher] = []


def track(publisher: Any) -> Any:
    """Close this publisher (its HTTP client) at the end of the test."""
    _OPEN.append(publisher)
    return publisher


@pytest.fixture(autouse=True)
def _close_publishers() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def facebook_for(fake: FakeGraph, token: str | None = None, **settings: Any) -> FacebookPublisher:
    secrets = MemorySecrets({"facebook": {"page_token": token or fake.page_token}})
    return track(
        FacebookPublisher(
            "facebook", {"page_id": fake.page_id, "base_url": fake.url, **settings}, secrets
        )
    )


def zalo_for(fake: FakeZalo, tmp_path: Path, **settings: Any) -> ZaloPublisher:
    access, refresh = fake.issue_tokens()
    secrets = MemorySecrets(
        {"zalo": {"secret_key": fake.secret_key, "access_token": access, "refresh_token": refresh}}
    )
    config = zalo_settings(fake, tmp_path, **settings)
    return track(ZaloPublisher("zalo", config, secrets, sleep=lambda s: None))


def zalo_settings(fake: FakeZalo, tmp_path: Path, **settings: Any) -> dict[str, Any]:
    """A Zalo channel's settings pointing at ``fake``, covers hosted from ``tmp_path``."""
    return {
        "oa_id": fake.oa_id,
        "app_id": fake.app_id,
        "base_url": fake.url,
        "oauth_base_url": fake.oauth_url,
        "cover_folder": str(tmp_path / "covers"),
        "cover_base_url": "https://kienan.example.vn/loa-covers",
        "author": "Phường Kiến An",
        **settings,
    }


@dataclass
class WordPress(WordPressSite):
    def publisher(self, password: str | None = None, **settings: Any) -> WebsitePublisher:
        secrets = MemorySecrets({"website": {"app_password": password or self.app_password}})
        config = {"base_url": self.url, "username": self.user, **settings}
        return track(WebsitePublisher("website", config, secrets))


@pytest.fixture(scope="session")
def wordpress() -> WordPress:
    found = start_wordpress()
    if isinstance(found, str):
        pytest.skip(found)
    return WordPress(found.url, found.user, found.app_password)


@pytest.fixture
def wp_proxy(wordpress: WordPress) -> Iterator[FaultyProxy]:
    """A faulting proxy in front of the real WordPress (``base_url=wp_proxy.url``)."""
    with FaultyProxy(wordpress.url) as proxy:
        yield proxy
        proxy.settle()


@dataclass
class Harness:
    """One publisher wired to its (fake or real) platform, with ways to make it fail."""

    name: str
    publisher: Publisher
    too_long: dict[str, Any]
    break_auth: Callable[[], None] | None = None
    server_error: Callable[[], None] | None = None
    rate_limit: Callable[[], None] | None = None
    drop: Callable[[], None] | None = None
    drop_after: Callable[[], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _graph_harness(fake: FakeGraph, tmp_path: Path) -> Harness:
    return Harness(
        "facebook",
        facebook_for(fake),
        {"caption": "x" * 63_207},
        fake.revoke_tokens,
        lambda: fake.fail(503),
        lambda: fake.rate_limit(minutes=7),
        lambda: fake.drop(),
        lambda: fake.drop(after=True, path="/photos"),
    )


def _zalo_harness(fake: FakeZalo, tmp_path: Path) -> Harness:
    def break_auth() -> None:
        fake.expire_tokens()
        fake.revoke_refresh_tokens()  # the stored refresh token is dead too: reconnect

    return Harness(
        "zalo",
        zalo_for(fake, tmp_path),
        {"title": "x" * 151},
        break_auth,
        lambda: fake.fail(502),
        lambda: fake.rate_limit(),
        lambda: fake.drop(),
        lambda: fake.drop(after=True, path="/article/verify"),
    )


@pytest.fixture(
    params=["facebook", "zalo", pytest.param("website", marks=pytest.mark.wordpress), "outbox"]
)
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    kind = request.param
    if kind == "facebook":
        with FakeGraph() as fake:
            h = _graph_harness(fake, tmp_path)
            yield h
            h.publisher.close()
    elif kind == "zalo":
        with FakeZalo() as fake:
            h = _zalo_harness(fake, tmp_path)
            yield h
            h.publisher.close()
    elif kind == "website":
        wp: WordPress = request.getfixturevalue("wordpress")
        proxy: FaultyProxy = request.getfixturevalue("wp_proxy")
        box: dict[str, Publisher] = {"p": wp.publisher(base_url=proxy.url)}

        def break_auth() -> None:
            box["p"]._secrets = MemorySecrets({"website": {"app_password": "sai mat khau"}})  # type: ignore[attr-defined]

        h = Harness(
            "website",
            box["p"],
            {"title": "x" * 251},
            break_auth,
            lambda: proxy.fail(503, method="POST"),
            # WordPress itself never rate-limits: this is the 429 of a proxy or WAF before it
            lambda: proxy.rate_limit(minutes=7),
            lambda: proxy.drop(method="POST"),
            lambda: proxy.drop(after=True, method="POST", path=WP_UPDATE),
        )
        yield h
        h.publisher.close()
    else:
        pub = OutboxPublisher("bang-tin", {"folder": str(tmp_path / "outbox")}, MemorySecrets())
        yield Harness("outbox", pub, {"caption": "x" * 20_001})


def mock_client_transport(
    handler: Callable[[httpx.Request], httpx.Response],
) -> httpx.MockTransport:
    return httpx.MockTransport(handler)
