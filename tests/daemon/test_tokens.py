"""Proactive token care: Zalo refreshed before expiry, warnings days before a known expiry."""

from __future__ import annotations

from datetime import timedelta

from campaigns.daemon import tokens
from campaigns.publishing.channels import ChannelStates
from publishers.base import Identity


def test_zalo_token_is_refreshed_before_it_expires(store, clock, dcal, pubs, fakes, secrets):
    secrets.data["zalo"]["access_token_expires_at"] = (clock.now + timedelta(minutes=5)).isoformat()
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
