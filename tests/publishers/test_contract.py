"""One contract, every publisher: what the engine relies on, against each platform's
fake (or a real WordPress, or a real folder)."""

from __future__ import annotations

import unicodedata

import pytest

from publishers.channels import deliver
from publishers.errors import (
    AuthError,
    ErrorKind,
    RateLimitedError,
    RejectedError,
    TransientError,
)
from tests.publishers.conftest import Harness, huge_png, make_request


def is_vietnamese(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and any(ord(c) > 127 for c in text)


def test_publish_returns_receipt_with_id_and_url(harness: Harness) -> None:
    receipt = harness.publisher.publish(make_request())
    assert receipt.external_id
    assert receipt.url.startswith(("https://", "http://127.0.0.1", "file://"))
    assert receipt.at.tzinfo is not None


def test_find_existing_finds_only_after_publishing(harness: Harness) -> None:
    request = make_request()
    assert harness.publisher.find_existing(request) is None
    receipt = harness.publisher.publish(request)
    found = harness.publisher.find_existing(request)
    assert found is not None
    assert found.external_id == receipt.external_id
    assert harness.publisher.find_existing(make_request()) is None


def test_reconciling_returns_the_live_post_instead_of_posting_again(harness: Harness) -> None:
    request = make_request()
    first = deliver(harness.publisher, request)
    again = deliver(harness.publisher, request, reconcile=True)
    assert again.external_id == first.external_id


def test_engagement_matches_the_capability(harness: Harness) -> None:
    receipt = harness.publisher.publish(make_request())
    got = harness.publisher.engagement(receipt.external_id)
    if not type(harness.publisher).capabilities.engagement:
        assert got is None
    else:
        assert got is not None and got.at.tzinfo is not None
        assert all(n is None or n >= 0 for n in (got.reactions, got.comments, got.shares))


def test_validate_rejects_oversize_text_in_vietnamese(harness: Harness) -> None:
    problems = harness.publisher.validate(make_request(**harness.too_long))
    assert problems and all(is_vietnamese(p) for p in problems)
    assert any("quá giới hạn" in p for p in problems)


def test_validate_rejects_oversize_image_in_vietnamese(harness: Harness) -> None:
    problems = harness.publisher.validate(make_request(image=huge_png()))
    assert any("MB" in p and "quá giới hạn" in p for p in problems)


def test_validate_accepts_a_normal_post(harness: Harness) -> None:
    assert harness.publisher.validate(make_request()) == []


def test_publish_of_invalid_post_is_rejected_without_calling(harness: Harness) -> None:
    with pytest.raises(RejectedError) as info:
        harness.publisher.publish(make_request(image=huge_png()))
    assert info.value.kind is ErrorKind.REJECTED
    assert is_vietnamese(info.value.message)


def test_auth_failure_means_reconnect(harness: Harness) -> None:
    if harness.break_auth is None:
        pytest.skip(f"{harness.name} has no credentials")
    harness.break_auth()
    with pytest.raises(AuthError) as info:
        harness.publisher.publish(make_request())
    assert info.value.kind is ErrorKind.AUTH and not info.value.retryable
    assert "set-token" in info.value.message


def test_server_error_is_transient(harness: Harness) -> None:
    if harness.server_error is None:
        pytest.skip(f"cannot make {harness.name} fail on demand")
    harness.server_error()
    with pytest.raises(TransientError) as info:
        harness.publisher.publish(make_request())
    assert info.value.kind is ErrorKind.TRANSIENT and info.value.retryable


def test_rate_limit_carries_the_wait(harness: Harness) -> None:
    if harness.rate_limit is None:
        pytest.skip(f"cannot rate-limit {harness.name} on demand")
    harness.rate_limit()
    with pytest.raises(RateLimitedError) as info:
        harness.publisher.publish(make_request())
    assert info.value.kind is ErrorKind.RATE_LIMITED
    assert info.value.retry_after and info.value.retry_after > 0


def test_dropped_connection_may_be_live(harness: Harness) -> None:
    if harness.drop is None:
        pytest.skip(f"cannot drop {harness.name}'s connections on demand")
    harness.drop()
    with pytest.raises(TransientError) as info:
        harness.publisher.publish(make_request())
    assert info.value.maybe_live


def test_lost_answer_then_reconcile_makes_exactly_one_post(harness: Harness) -> None:
    if harness.drop_after is None:
        pytest.skip(f"cannot lose {harness.name}'s answers on demand")
    request = make_request()
    harness.drop_after()
    with pytest.raises(TransientError) as info:
        deliver(harness.publisher, request)
    assert info.value.maybe_live
    receipt = deliver(harness.publisher, request, reconcile=True)
    found = harness.publisher.find_existing(request)
    assert found is not None and found.external_id == receipt.external_id
