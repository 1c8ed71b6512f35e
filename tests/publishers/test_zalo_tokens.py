"""Zalo's single-use refresh token is never silently lost: refreshed hours early, a
write-ahead marker on disk before the request leaves, an interrupted refresh found out
at once, and a new pair the disk refuses kept in memory until it can be written."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from campaigns.secrets import SecretStore
from publishers.base import Secrets
from publishers.errors import TransientError
from publishers.testing import MemorySecrets
from publishers.zalo import ZaloPublisher
from publishers.zalo_auth import ZaloTokens, fingerprint
from publishers.zalo_errors import RefreshTokenError
from tests.conftest import Clock
from tests.fakes import FakeZalo
from tests.publishers.conftest import make_request, track, zalo_settings

OAUTH = "/v4/oa/access_token"


def oauth_calls(fake: FakeZalo) -> int:
    return sum(r.path == OAUTH for r in fake.requests)


def fields_for(fake: FakeZalo, expires: datetime) -> dict[str, str]:
    access, refresh = fake.issue_tokens()
    return {
        "secret_key": fake.secret_key,
        "access_token": access,
        "refresh_token": refresh,
        "access_token_expires_at": expires.isoformat(),
    }


def build(
    fake: FakeZalo, tmp_path: Path, secrets: Secrets, clock: Callable[[], datetime], **settings: Any
) -> ZaloPublisher:
    config = zalo_settings(fake, tmp_path, **settings)
    return track(ZaloPublisher("zalo", config, secrets, clock=clock, sleep=lambda s: None))


@pytest.fixture
def clock() -> Clock:
    return Clock()


def setup(
    fake: FakeZalo, tmp_path: Path, clock: Clock, left: timedelta, **settings: Any
) -> tuple[ZaloPublisher, MemorySecrets, dict[str, str]]:
    """A publisher whose access token has ``left`` to live."""
    old = fields_for(fake, clock.now + left)
    secrets = MemorySecrets({"zalo": old})
    return build(fake, tmp_path, secrets, clock, **settings), secrets, dict(old)


def state(secrets: MemorySecrets) -> dict[str, Any] | None:
    raw = secrets.data["zalo"].get("refresh_state")
    return json.loads(raw) if raw else None


def burn(fake: FakeZalo, refresh: str) -> None:
    """What a refresh whose answer never came back did: Zalo used the token up."""
    form = {"refresh_token": refresh, "app_id": fake.app_id, "grant_type": "refresh_token"}
    httpx.post(fake.url + OAUTH, data=form, headers={"secret_key": fake.secret_key})


def test_refreshed_hours_before_expiry(zalo_fake: FakeZalo, tmp_path: Path, clock: Clock) -> None:
    publisher, _secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=13))
    assert publisher.tokens.access_token() == old["access_token"]
    assert zalo_fake.refreshes == 0
    clock.now += timedelta(hours=1, minutes=1)  # less than 12 hours left
    assert publisher.tokens.access_token() != old["access_token"]
    assert zalo_fake.refreshes == 1
    expires = publisher.tokens.expires_at()
    assert expires is not None and expires - clock.now > timedelta(hours=24)


class WatchedSecrets(MemorySecrets):
    """Notes what was stored, and how many refresh requests Zalo had seen, at each write."""

    def __init__(self, fake: FakeZalo, data: Mapping[str, Mapping[str, str]]) -> None:
        super().__init__(data)
        self.fake = fake
        self.log: list[tuple[int, dict[str, str]]] = []

    def update(
        self, channel: str, change: Callable[[Mapping[str, str]], Mapping[str, str] | None]
    ) -> Mapping[str, str]:
        before = self.writes
        result = super().update(channel, change)
        if self.writes > before:
            self.log.append((oauth_calls(self.fake), dict(self.data[channel])))
        return result


def test_the_marker_is_on_disk_before_the_request_leaves(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    old = fields_for(zalo_fake, clock.now + timedelta(hours=1))
    secrets = WatchedSecrets(zalo_fake, {"zalo": old})
    build(zalo_fake, tmp_path, secrets, clock).tokens.access_token()
    (sent_before_marker, at_marker), (sent_before_pair, at_pair) = secrets.log
    assert sent_before_marker == 0 and sent_before_pair == 1
    marker = json.loads(at_marker["refresh_state"])
    started = clock.now.isoformat()
    assert marker == {"refresh": fingerprint(old["refresh_token"]), "started": started}
    assert at_marker["refresh_token"] == old["refresh_token"]
    # the new pair and the cleared marker in one write
    assert "refresh_state" not in at_pair and at_pair["refresh_token"] != old["refresh_token"]


def test_answer_lost_after_the_token_was_burnt(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=5))
    zalo_fake.drop(after=True, path=OAUTH)
    with pytest.raises(RefreshTokenError) as info:
        publisher.tokens.ensure()
    lost = info.value
    assert lost.still_works and lost.usable_until == clock.now + timedelta(hours=5)
    assert "đã mất" in lost.message and "gián đoạn" in lost.message
    assert "thêm khoảng 5 giờ" in lost.message and "set-token zalo" in lost.message
    assert old["refresh_token"] not in lost.message + lost.detail + repr(lost)
    assert oauth_calls(zalo_fake) == 2  # the lost request, then one try: "invalid"
    recorded = state(secrets)
    assert recorded is not None and recorded["interrupted"] and recorded["code"] == -14014
    # publishing goes on with the access token in hand; Zalo is not asked again
    assert publisher.publish(make_request()).external_id
    with pytest.raises(RefreshTokenError):
        publisher.tokens.ensure()
    assert oauth_calls(zalo_fake) == 2
    # until that token stops working
    clock.now += timedelta(hours=5)
    with pytest.raises(RefreshTokenError) as info:
        publisher.publish(make_request())
    assert not info.value.still_works and "hết hạn" in info.value.message
    assert len(zalo_fake.articles) == 1


def test_timeout_after_the_token_was_burnt(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, _secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=3), timeout=1.0)
    gate = zalo_fake.hold_refresh_answer()
    try:
        with pytest.raises(RefreshTokenError) as info:
            publisher.tokens.ensure()
    finally:
        gate.set()
    assert info.value.still_works and "gián đoạn" in info.value.message
    assert oauth_calls(zalo_fake) == 2
    assert publisher.tokens.access_token() == old["access_token"]


def test_a_lost_request_that_never_arrived_is_simply_redone(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=1))
    zalo_fake.drop(path=OAUTH)  # the connection died before Zalo read it
    token = publisher.tokens.access_token()
    assert token != old["access_token"] and zalo_fake.refreshes == 1
    assert oauth_calls(zalo_fake) == 2
    assert secrets.data["zalo"]["access_token"] == token and state(secrets) is None


def test_a_marker_left_by_a_dead_process_is_tried_once(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=20))
    marker = {"refresh": fingerprint(old["refresh_token"]), "started": clock.now.isoformat()}
    secrets.data["zalo"]["refresh_state"] = json.dumps(marker)
    burn(zalo_fake, old["refresh_token"])
    # the publish path finds it out, and keeps publishing with the working token
    assert publisher.tokens.access_token() == old["access_token"]
    assert oauth_calls(zalo_fake) == 2
    with pytest.raises(RefreshTokenError) as info:
        publisher.tokens.ensure()
    assert info.value.still_works and "gián đoạn" in info.value.message
    assert oauth_calls(zalo_fake) == 2


def test_a_marker_whose_request_never_left_refreshes(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=20))
    marker = {"refresh": fingerprint(old["refresh_token"]), "started": clock.now.isoformat()}
    secrets.data["zalo"]["refresh_state"] = json.dumps(marker)
    assert publisher.tokens.ensure() is None
    assert zalo_fake.refreshes == 1 and state(secrets) is None
    assert secrets.data["zalo"]["refresh_token"] != old["refresh_token"]


def test_a_new_refresh_token_from_the_officer_supersedes_the_loss(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, _old = setup(zalo_fake, tmp_path, clock, timedelta(hours=5))
    zalo_fake.drop(after=True, path=OAUTH)
    with pytest.raises(RefreshTokenError):
        publisher.tokens.ensure()
    _access, refresh = zalo_fake.issue_tokens()
    secrets.data["zalo"]["refresh_token"] = refresh  # 'loa channels set-token zalo'
    assert publisher.tokens.ensure() is None
    assert zalo_fake.refreshes == 2 and state(secrets) is None


CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx

from campaigns.secrets import SecretStore
from publishers.zalo_auth import ZaloTokens

store = SecretStore(Path(sys.argv[1]), environ={})
with httpx.Client(base_url=sys.argv[2]) as client:
    ZaloTokens("zalo", sys.argv[3], store, client, lambda: datetime.now(UTC)).ensure()
"""


def test_a_process_killed_mid_refresh_is_found_out_by_the_next(
    zalo_fake: FakeZalo, tmp_path: Path
) -> None:
    store = SecretStore(tmp_path / "secrets.json", environ={})
    expires = datetime.now(UTC) + timedelta(hours=6)
    old = fields_for(zalo_fake, expires)
    store.set("zalo", old)
    gate = zalo_fake.hold_refresh_answer()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store.path), zalo_fake.url, zalo_fake.app_id],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert zalo_fake.refresh_burnt.wait(60), "the child never asked for a refresh"
        child.kill()  # while it holds the lock, waiting for its answer
        child.wait(60)
    finally:
        gate.set()
    with httpx.Client(base_url=zalo_fake.url) as client:
        tokens = ZaloTokens("zalo", zalo_fake.app_id, store, client, lambda: datetime.now(UTC))
        with pytest.raises(RefreshTokenError) as info:
            tokens.ensure()
        assert info.value.still_works and info.value.usable_until == expires
        assert tokens.access_token() == old["access_token"]
    recorded = store.get("zalo", "refresh_state") or ""
    assert json.loads(recorded)["interrupted"] and old["refresh_token"] not in recorded


def test_full_disk_once_keeps_the_pair_in_memory_then_stores_it(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=1))
    zalo_fake.expire_tokens()  # only the new access token will do
    secrets.write_errors = [None, OSError(errno.ENOSPC, "No space left on device")]
    assert publisher.publish(make_request()).external_id  # marker written, pair refused
    new = secrets.data["zalo"]
    assert new["refresh_token"] != old["refresh_token"] and state(secrets) is None
    assert zalo_fake.refreshes == 1
    assert publisher.tokens.ensure() is None


def test_full_disk_for_long_warns_and_publishes_from_memory(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=1))
    zalo_fake.expire_tokens()
    full = OSError(errno.ENOSPC, "No space left on device")
    secrets.write_errors = [None] + [full] * 100
    assert publisher.publish(make_request()).external_id
    assert secrets.data["zalo"]["refresh_token"] == old["refresh_token"]  # not stored
    warning = publisher.tokens.ensure()
    assert warning is not None and "ổ đĩa đầy" in warning and "bộ nhớ" in warning
    assert publisher.publish(make_request()).external_id
    assert zalo_fake.refreshes == 1  # the pair in memory serves
    secrets.write_errors.clear()  # the officer freed some space
    assert publisher.tokens.ensure() is None
    assert secrets.data["zalo"]["refresh_token"] != old["refresh_token"]
    assert state(secrets) is None and zalo_fake.refreshes == 1


def test_no_refresh_when_the_marker_cannot_be_written(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    publisher, secrets, old = setup(zalo_fake, tmp_path, clock, timedelta(hours=1))
    full = OSError(errno.ENOSPC, "No space left on device")
    secrets.write_errors = [full, full]
    assert publisher.tokens.access_token() == old["access_token"]
    warning = publisher.tokens.ensure()
    assert warning is not None and "ổ đĩa đầy" in warning and "chưa làm mới" in warning
    assert oauth_calls(zalo_fake) == 0  # a refresh we could not record was never sent
    assert publisher.tokens.ensure() is None and zalo_fake.refreshes == 1
    clock.now += timedelta(hours=30)
    secrets.write_errors = [full]
    with pytest.raises(TransientError) as info:
        publisher.tokens.access_token()
    assert "ổ đĩa đầy" in info.value.message


def test_two_processes_through_the_file_store_refresh_once(
    zalo_fake: FakeZalo, tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "secrets.json"
    fields = fields_for(zalo_fake, clock.now + timedelta(hours=20))
    SecretStore(path, environ={}).set("zalo", fields)
    publishers = [
        build(zalo_fake, tmp_path, SecretStore(path, environ={}), clock) for _ in range(2)
    ]
    zalo_fake.expire_tokens()
    errors: list[BaseException] = []

    def run(p: ZaloPublisher) -> None:
        try:
            p.publish(make_request())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in publishers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert zalo_fake.refreshes == 1 and len(zalo_fake.articles) == 2
    assert "refresh_state" not in json.loads(path.read_text())["zalo"]
