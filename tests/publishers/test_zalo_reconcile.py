"""Reconciliation on Zalo: ``find_existing`` pages through ``getslice`` (10 a call), as far
back as the request says, and recognises the article by its marker, not its title."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from publishers.base import PublishRequest
from tests.fakes import FakeZalo
from tests.publishers.conftest import make_request, zalo_for

T0 = datetime(2026, 4, 7, 0, 30, tzinfo=UTC)


def at(moment: datetime) -> float:
    return moment.timestamp()


def slices(fake: FakeZalo) -> list[tuple[str, str]]:
    return [
        (r.arg("offset") or "", r.arg("limit") or "")
        for r in fake.requests
        if r.path.endswith("/article/getslice")
    ]


def details(fake: FakeZalo) -> int:
    return sum(r.path.endswith("/article/getdetail") for r in fake.requests)


def others(fake: FakeZalo, n: int, start: datetime, step: timedelta) -> None:
    for i in range(n):
        fake.add_article(f"Bài khác số {i}", f"Nội dung {i}", at(start + step * i))


def published(fake: FakeZalo, tmp_path: Path, when: datetime, **settings: object):
    publisher = zalo_for(fake, tmp_path, **settings)
    fake.clock = lambda: at(when)
    request = make_request(since=when - timedelta(minutes=1))
    receipt = publisher.publish(request)
    fake.requests.clear()
    return publisher, request, receipt


def test_found_on_the_third_page(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher, request, receipt = published(zalo_fake, tmp_path, T0)
    others(zalo_fake, 25, T0 + timedelta(minutes=1), timedelta(minutes=1))  # newer ones
    found = publisher.find_existing(request)
    assert found is not None and found.external_id == receipt.external_id
    assert found.url == receipt.url
    assert slices(zalo_fake) == [("0", "10"), ("10", "10"), ("20", "10")]
    assert details(zalo_fake) == 1  # only the article still titled like the request


def test_found_after_the_title_was_edited(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher, request, receipt = published(zalo_fake, tmp_path, T0)
    others(zalo_fake, 3, T0 + timedelta(minutes=1), timedelta(minutes=1))
    # the officer renamed the post in Loa after the answer was lost
    renamed = PublishRequest(
        key=request.key,
        title="Hưởng ứng Ngày Sức khỏe toàn dân",
        caption=request.caption,
        image=request.image,
        since=request.since,
    )
    found = publisher.find_existing(renamed)
    assert found is not None and found.external_id == receipt.external_id
    # and the article renamed on Zalo
    zalo_fake.articles[0]["title"] = "Tiêu đề sửa trên Zalo"
    found = publisher.find_existing(request)
    assert found is not None and found.external_id == receipt.external_id


def test_not_found_after_opening_every_candidate(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    publisher = zalo_for(zalo_fake, tmp_path)
    others(zalo_fake, 12, T0, timedelta(minutes=1))
    request = make_request(since=T0)
    assert publisher.find_existing(request) is None
    assert slices(zalo_fake) == [("0", "10"), ("10", "10")]
    assert details(zalo_fake) == 12


def test_since_bounds_the_scan(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    two_days_ago = T0 - timedelta(days=2)
    publisher, request, receipt = published(zalo_fake, tmp_path, two_days_ago)
    others(zalo_fake, 30, two_days_ago + timedelta(minutes=1), timedelta(minutes=1))
    others(zalo_fake, 5, T0, timedelta(minutes=1))
    recent = PublishRequest(key=request.key, title=request.title, caption=request.caption, since=T0)
    assert publisher.find_existing(recent) is None
    assert slices(zalo_fake) == [("0", "10")]  # stopped at the first article before T0
    assert details(zalo_fake) == 5
    zalo_fake.requests.clear()
    found = publisher.find_existing(request)  # since two days ago: reaches it
    assert found is not None and found.external_id == receipt.external_id
    assert [offset for offset, _ in slices(zalo_fake)] == ["0", "10", "20", "30"]


def test_without_since_the_recent_limit_bounds_the_scan(
    zalo_fake: FakeZalo, tmp_path: Path
) -> None:
    publisher, request, receipt = published(zalo_fake, tmp_path, T0, recent_limit=25)
    others(zalo_fake, 24, T0 + timedelta(minutes=1), timedelta(minutes=1))
    unbounded = PublishRequest(key=request.key, title=request.title, caption=request.caption)
    found = publisher.find_existing(unbounded)  # the 25th newest
    assert found is not None and found.external_id == receipt.external_id
    others(zalo_fake, 1, T0 + timedelta(hours=1), timedelta(minutes=1))
    zalo_fake.requests.clear()
    assert publisher.find_existing(unbounded) is None  # now the 26th: out of range
    assert slices(zalo_fake) == [("0", "10"), ("10", "10"), ("20", "10")]
    assert details(zalo_fake) == 25
