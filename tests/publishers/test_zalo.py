"""Zalo OA publisher: token rotation, HTTP-200 errors, cover hosting, broadcast."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import pytest

from publishers.errors import (
    AuthError,
    ConfigurationError,
    RateLimitedError,
    RejectedError,
    TransientError,
)
from publishers.testing import MemorySecrets
from publishers.zalo import ZaloPublisher
from tests.fakes import FakeZalo
from tests.publishers.conftest import WordPress, make_request, track, zalo_for


def test_article_is_created_verified_and_linked(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher = zalo_for(zalo_fake, tmp_path)
    request = make_request()
    receipt = publisher.publish(request)
    (article,) = zalo_fake.articles
    assert receipt.external_id == article["id"]
    assert receipt.url == article["link"]
    assert article["cover"]["photo_url"].startswith("https://kienan.example.vn/loa-covers/")
    assert (tmp_path / "covers" / f"{request.slug}.png").is_file()
    assert request.marker in str(article["body"])
    assert zalo_fake.broadcasts == []


def test_the_composed_byline_is_the_author(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    # the channel setting is empty by default: the byline comes from the caption
    publisher = zalo_for(zalo_fake, tmp_path, author="")
    publisher.publish(make_request(author="Ban Tuyên giáo phường Kiến An"))
    assert zalo_fake.articles[0]["author"] == "Ban Tuyên giáo phường Kiến An"


def test_the_channel_author_is_only_a_fallback(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher = zalo_for(zalo_fake, tmp_path, author="UBND phường")
    publisher.publish(make_request(author="Phường Kiến An"))
    publisher.publish(make_request())
    assert [a["author"] for a in zalo_fake.articles] == ["Phường Kiến An", "UBND phường"]


def test_broadcast_sends_the_article_to_followers(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    receipt = zalo_for(zalo_fake, tmp_path, broadcast=True).publish(make_request())
    (message,) = zalo_fake.broadcasts
    element = message["message"]["attachment"]["payload"]["elements"][0]
    assert element == {"media_type": "article", "attachment_id": receipt.external_id}
    assert receipt.extra["message_id"]


def test_plan_without_broadcast_is_a_config_problem(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    zalo_fake.plan_allows_broadcast = False
    with pytest.raises(ConfigurationError) as info:
        zalo_for(zalo_fake, tmp_path, broadcast=True).publish(make_request())
    assert "broadcast" in info.value.message


def test_verify_is_polled_until_the_article_has_an_id(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    zalo_fake.pending_verifies = 2
    receipt = zalo_for(zalo_fake, tmp_path).publish(make_request())
    assert receipt.external_id
    assert sum(r.path.endswith("/verify") for r in zalo_fake.requests) == 3


def test_a_created_article_is_verified_by_the_next_attempt_not_made_again(
    zalo_fake: FakeZalo, tmp_path: Path
) -> None:
    """The token of a created article is noted before verifying; when no verification
    came back (Zalo still processing, or the answer lost), the next attempt verifies that
    token instead of creating a second article."""
    from dataclasses import replace

    zalo_fake.pending_verifies = 10  # never ready during this attempt
    noted: list[str] = []
    request = replace(make_request(), note=noted.append)
    with pytest.raises(TransientError) as raised:
        zalo_for(zalo_fake, tmp_path).publish(request)
    assert raised.value.maybe_live and len(noted) == 1 and noted[0].startswith("zalo-token:")
    creates = sum(r.path.endswith("/create") for r in zalo_fake.requests)
    zalo_fake.pending_verifies = 0
    for draft in zalo_fake._tokens.values():
        draft["pending"] = 0  # Zalo has finished processing it
    again = replace(request, resume=noted[0], note=None)
    found = zalo_for(zalo_fake, tmp_path).find_existing(again)
    (article,) = zalo_fake.articles
    assert found is not None and found.external_id == article["id"]
    assert sum(r.path.endswith("/create") for r in zalo_fake.requests) == creates
    unknown = replace(again, resume="zalo-token:nonsense")
    assert zalo_for(zalo_fake, tmp_path).find_existing(unknown) is not None  # by its marker


class RecordingSecrets(MemorySecrets):
    """Notes how many requests the fake had seen when each write happened."""

    def __init__(self, fake: FakeZalo, data: Mapping[str, Mapping[str, str]]) -> None:
        super().__init__(data)
        self.fake = fake
        self.written_at: list[int] = []

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        result = super().update(channel, change)
        self.written_at.append(len(self.fake.requests))
        return result


def test_expired_token_is_refreshed_and_stored_before_use(
    zalo_fake: FakeZalo, tmp_path: Path
) -> None:
    publisher = zalo_for(zalo_fake, tmp_path)
    old = dict(publisher._secrets.data["zalo"])  # type: ignore[attr-defined]
    secrets = RecordingSecrets(zalo_fake, {"zalo": old})
    publisher._secrets = publisher.tokens._secrets = secrets
    zalo_fake.expire_tokens()
    publisher.publish(make_request())
    new = secrets.data["zalo"]
    assert new["refresh_token"] != old["refresh_token"]
    assert new["access_token"] != old["access_token"]
    first_use = next(
        i
        for i, r in enumerate(zalo_fake.requests)
        if r.headers.get("access_token") == new["access_token"]
    )
    assert secrets.written_at and secrets.written_at[-1] <= first_use
    assert zalo_fake.refreshes == 1


def test_new_pair_survives_a_crash_right_after_refresh(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher = zalo_for(zalo_fake, tmp_path)
    secrets = publisher._secrets
    zalo_fake.expire_tokens()
    zalo_fake.drop(path="/v2.0/article/create")  # the process "dies" mid-publish
    with pytest.raises(TransientError):
        publisher.publish(make_request())
    restarted = track(ZaloPublisher("zalo", publisher.config, secrets, sleep=lambda s: None))
    restarted.publish(make_request())
    assert zalo_fake.refreshes == 1  # the stored pair was good: no second refresh


def test_concurrent_publishers_refresh_once(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    first = zalo_for(zalo_fake, tmp_path)
    second = track(ZaloPublisher("zalo", first.config, first._secrets, sleep=lambda s: None))
    zalo_fake.expire_tokens()
    errors: list[BaseException] = []

    def run(p: ZaloPublisher) -> None:
        try:
            p.publish(make_request())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert zalo_fake.refreshes == 1
    assert len(zalo_fake.articles) == 2


def test_used_refresh_token_means_reconnect(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher = zalo_for(zalo_fake, tmp_path)
    zalo_fake.expire_tokens()
    zalo_fake.revoke_refresh_tokens()
    with pytest.raises(AuthError) as info:
        publisher.publish(make_request())
    assert "set-token zalo" in info.value.message
    assert zalo_fake.articles == []


def test_check_reports_oa_and_expiry(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher = zalo_for(zalo_fake, tmp_path)
    zalo_fake.expire_tokens()
    identity = publisher.check()
    assert identity.id == zalo_fake.oa_id and identity.name == "Phường Kiến An"
    assert identity.expires_at is not None
    assert "…" in identity.token_hint


def mocked(body: dict) -> ZaloPublisher:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    secrets = MemorySecrets(
        {"zalo": {"access_token": "AT", "secret_key": "k", "refresh_token": "r"}}
    )
    config = {"oa_id": "1", "app_id": "2", "author": "Phường Kiến An"}
    return ZaloPublisher(
        "zalo", config, secrets, transport=httpx.MockTransport(handler), sleep=lambda s: None
    )


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (-201, RejectedError),
        (-32, RateLimitedError),
        (-211, RateLimitedError),
        (-224, ConfigurationError),
    ],
)
def test_http_200_with_nonzero_error_is_read(code: int, error: type[Exception]) -> None:
    publisher = mocked({"error": code, "message": "nope"})
    with pytest.raises(error):
        publisher.publish(make_request(image=None, image_url="https://cdn.example/a.png"))


def test_cover_needs_a_public_url() -> None:
    problems = mocked({"error": 0}).validate(make_request())
    assert any("cover_channel" in p for p in problems)
    assert (
        mocked({"error": 0}).validate(
            make_request(image=None, image_url="https://cdn.example/a.png")
        )
        == []
    )


@pytest.mark.wordpress
def test_cover_hosted_on_the_website(
    zalo_fake: FakeZalo, tmp_path: Path, wordpress: WordPress
) -> None:
    website = wordpress.publisher()
    zalo_fake.fetch_covers = True
    publisher = zalo_for(zalo_fake, tmp_path, cover_folder="", cover_base_url="")
    publisher.media_host = website
    receipt = publisher.publish(make_request())
    cover = zalo_fake.articles[0]["cover"]["photo_url"]
    assert cover.startswith(wordpress.url + "/wp-content/uploads/")
    assert receipt.external_id
