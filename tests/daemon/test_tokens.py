"""Proactive token care: Zalo refreshed hours before expiry, a lost refresh token warned at
once and paused only when the access token dies, warnings days before a known expiry."""

from __future__ import annotations

import errno
from datetime import timedelta

from campaigns.daemon import tokens
from campaigns.publishing.channels import ChannelStates
from campaigns.timeutil import fmt_local
from publishers.base import Identity


def test_zalo_token_is_refreshed_before_it_expires(store, clock, dcal, pubs, fakes, secrets):
    secrets.data["zalo"]["access_token_expires_at"] = (clock.now + timedelta(hours=11)).isoformat()
    states = ChannelStates(store, dcal.unit)
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    assert fakes.zalo.refreshes == 1  # before any post needed it
    assert secrets.data["zalo"]["access_token"] != fakes.access
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    assert fakes.zalo.refreshes == 1  # fresh now: not refreshed again


def test_warning_days_before_a_known_expiry(store, clock, dcal, pubs, monkeypatch):
    expires = clock.now + timedelta(days=3)
    fb = pubs["facebook"]
    monkeypatch.setattr(
        fb, "check", lambda: Identity(id="1", name="Trang", expires_at=expires, token_hint="EAAB…")
    )
    states = ChannelStates(store, dcal.unit)
    tokens.care({"facebook": fb}, states, clock.now, warning_days=7, tz=dcal.tz, check=True)
    state = states.get("facebook")
    assert state is not None and state.token_expires_at == expires
    assert "hết hạn" in state.warning and "set-token facebook" in state.warning
    later = clock.now + timedelta(days=30)
    monkeypatch.setattr(
        fb, "check", lambda: Identity(id="1", name="Trang", expires_at=later, token_hint="EAAB…")
    )
    tokens.care({"facebook": fb}, states, clock.now, warning_days=7, tz=dcal.tz, check=True)
    assert states.get("facebook").warning is None


def test_a_dead_token_found_by_the_check_pauses_the_channel(store, clock, dcal, pubs, fakes):
    fakes.graph.revoke_tokens()
    states = ChannelStates(store, dcal.unit)
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz, check=True)
    assert states.get("facebook").paused
    assert not states.available("facebook", clock.now)
    assert states.available("zalo", clock.now)


def test_a_lost_refresh_token_warns_at_once_and_pauses_when_the_token_dies(
    store, clock, dcal, pubs, fakes, secrets
):
    expires = clock.now + timedelta(hours=5)
    secrets.data["zalo"]["access_token_expires_at"] = expires.isoformat()
    fakes.zalo.drop(after=True, path="/v4/oa/access_token")  # Zalo burnt it, the answer is lost
    states = ChannelStates(store, dcal.unit)
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    state = states.get("zalo")
    assert state is not None and not state.paused and states.available("zalo", clock.now)
    assert "đã mất" in state.warning and "'loa channels set-token zalo'" in state.warning
    assert f"đến {fmt_local(expires, dcal.tz, with_zone=True)}" in state.warning  # UTC+7
    assert state.token_expires_at == expires
    clock.now = expires  # the access token in hand stops working
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    assert states.get("zalo").paused and not states.available("zalo", clock.now)
    # the officer reconnects: 'set-token' stores a new refresh token, clears the rest
    _access, refresh = fakes.zalo.issue_tokens()
    secrets.data["zalo"] = {"secret_key": fakes.zalo.secret_key, "refresh_token": refresh}
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    state = states.get("zalo")
    assert not state.paused and state.warning is None


def test_a_pair_the_disk_refused_is_a_warning_until_stored(
    store, clock, dcal, pubs, fakes, secrets
):
    secrets.data["zalo"]["access_token_expires_at"] = (clock.now + timedelta(hours=1)).isoformat()
    full = OSError(errno.ENOSPC, "No space left on device")
    secrets.write_errors = [None] + [full] * 10  # the marker fits, the new pair does not
    states = ChannelStates(store, dcal.unit)
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    state = states.get("zalo")
    assert not state.paused and "ổ đĩa đầy" in state.warning
    assert secrets.data["zalo"]["refresh_token"] == fakes.refresh  # only in memory
    secrets.write_errors.clear()
    tokens.care(pubs, states, clock.now, warning_days=7, tz=dcal.tz)
    assert states.get("zalo").warning is None
    assert secrets.data["zalo"]["refresh_token"] != fakes.refresh
    assert fakes.zalo.refreshes == 1
