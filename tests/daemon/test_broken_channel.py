"""A channel that cannot be opened, or whose publisher fails unexpectedly, is paused with
its reason; its posts stay approved and every other channel publishes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from campaigns.daemon.dispatcher import Dispatcher
from campaigns.daemon.runner import Runner
from campaigns.publishing import open_publishers
from campaigns.store.lifecycle import Status
from campaigns.timeutil import utcnow
from publishers import registry
from publishers.base import PublishRequest, Receipt
from tests.daemon.conftest import add_posts

BAD_URL = "https://[::1"


@pytest.fixture
def env_secrets(fakes, monkeypatch):
    for name, value in fakes.env().items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def facebook_cannot_open(fakes, monkeypatch):
    """Opening the facebook channel for real raises what a bug or a bad setting would
    raise, quoting the page token (an exception's text may carry one). ``loa check``'s
    offline opening (through a mock transport) still passes: the daemon must cope with
    what the check cannot foresee."""
    real = registry.create

    def create(type_name: str, name: str, *args: Any, **kwargs: Any):
        if name == "facebook" and kwargs.get("transport") is None:
            raise ValueError(f"Invalid IPv6 URL {BAD_URL} (token {fakes.graph.page_token})")
        return real(type_name, name, *args, **kwargs)

    monkeypatch.setattr(registry, "create", create)
    monkeypatch.setattr(Runner, "_install_signals", lambda self: None)  # in-process


def test_a_channel_that_cannot_open_does_not_stop_the_daemon(
    run_cli, db_url, dcal, fakes, env_secrets, facebook_cannot_open, open_store
):
    store = open_store(db_url)
    add_posts(store, dcal, utcnow() - timedelta(seconds=5), 1)
    result = run_cli("daemon", "--once", calendar=dcal.path)
    assert result.code == 0, result.err
    posts = {p.channel: p for p in store.posts(dcal.unit)}
    assert posts["zalo"].status == posts["bang-tin"].status == Status.PUBLISHED
    assert posts["facebook"].status == Status.APPROVED and not posts["facebook"].maybe_live
    assert fakes.graph.requests == []

    status = run_cli("status", calendar=dcal.path)
    assert "Kênh facebook tạm dừng" in status.out and "không mở được (ValueError" in status.out
    checked = run_cli("channels", "check", calendar=dcal.path)
    assert checked.code == 1 and "Traceback" not in checked.err
    lines = checked.out.splitlines()
    assert any(line.startswith("✗ facebook: Kênh 'facebook' không mở được") for line in lines)
    assert any(line.startswith("✓ zalo") for line in lines)
    assert any(line.startswith("✓ bang-tin") for line in lines)
    for text in (result.out, result.err, status.out, checked.out):
        assert fakes.graph.page_token not in text
    state = run_cli("status", "--json", calendar=dcal.path).out
    assert "ValueError" in state and fakes.graph.page_token not in state


def test_a_malformed_setting_leaves_only_its_channel_out(dcal, secrets, clock):
    facebook = next(c for c in dcal.channels if c.name == "facebook")
    facebook.settings["base_url"] = BAD_URL  # what `loa check` now refuses
    broken: dict[str, str] = {}
    opened = open_publishers(dcal, secrets, clock=clock, broken=broken)
    try:
        assert set(opened) == {"zalo", "bang-tin"}
        assert "base_url" in broken["facebook"] and "IPv6" in broken["facebook"]
    finally:
        for publisher in opened.values():
            publisher.close()


def test_an_unexpected_error_at_publish_time_pauses_only_that_channel(
    store, clock, dcal, pubs, fakes
):
    ids = add_posts(store, dcal, clock.now, 2)

    def broken(request: PublishRequest) -> Receipt:
        raise ValueError(f"Invalid port in {BAD_URL} for {fakes.graph.page_token}")

    pubs["facebook"].publish = broken  # type: ignore[method-assign]
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    outcomes = d.run_until_idle()
    by_channel = {o.channel: o.status for o in outcomes}
    assert by_channel == {"facebook": "paused", "zalo": "published", "bang-tin": "published"}
    posts = [store.get(dcal.unit, i) for i in ids]
    assert [p.status for p in posts if p.channel == "facebook"] == [Status.APPROVED] * 2
    assert all(p.status == Status.PUBLISHED for p in posts if p.channel != "facebook")
    state = d.states.get("facebook")
    assert state is not None and state.paused
    assert "ValueError" in state.reason and fakes.graph.page_token not in state.reason


def test_publish_now_is_held_back_only_for_the_broken_channel(
    run_cli, db_url, dcal, fakes, env_secrets, facebook_cannot_open, open_store
):
    """`loa posts publish` of a post on a working channel goes out; the broken channel's
    post gets its reason, and nothing quotes the token."""
    store = open_store(db_url)
    add_posts(store, dcal, utcnow() + timedelta(hours=2), 1)
    ids = {p.channel: p.id for p in store.posts(dcal.unit)}
    result = run_cli("posts", "publish", str(ids["zalo"]), str(ids["facebook"]), calendar=dcal.path)
    assert result.code == 1
    assert f"Bài số {ids['zalo']} (zalo) đã đăng:" in result.out
    message = " ".join(result.err.split())
    assert f"Bài số {ids['facebook']} chưa đăng được: Kênh 'facebook' không mở được" in message
    assert "Traceback" not in result.err and fakes.graph.page_token not in result.err
    posts = {p.channel: p for p in store.posts(dcal.unit)}
    assert posts["zalo"].status == Status.PUBLISHED
    assert posts["facebook"].status == Status.APPROVED and not posts["facebook"].maybe_live
