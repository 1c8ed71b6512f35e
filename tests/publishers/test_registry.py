"""Discovery, settings declarations, config validation, and the one-call delivery."""

from __future__ import annotations

import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from publishers import registry
from publishers.base import Publisher
from publishers.channels import ChannelSpec, deliver, open_channels
from publishers.errors import BrokenPublisherError, ConfigurationError, UnknownPublisherError
from publishers.settings import check_settings
from publishers.testing import MemorySecrets
from publishers.website import WebsitePublisher
from publishers.zalo import ZaloPublisher
from tests.fakes import FakeGraph
from tests.publishers.conftest import facebook_for, make_request, track

BUILT_INS = {"facebook", "zalo", "website", "outbox"}


def test_listing_names_imports_nothing() -> None:
    for name in BUILT_INS:
        sys.modules.pop(f"publishers.{name}", None)
    registry.load.cache_clear()
    assert set(registry.names()) >= BUILT_INS
    assert not any(f"publishers.{name}" in sys.modules for name in BUILT_INS)
    assert (
        registry.load("zalo") is ZaloPublisher.__class__
        or registry.load("zalo").type_name == "zalo"
    )


def test_unknown_type_lists_installed() -> None:
    with pytest.raises(UnknownPublisherError) as info:
        registry.load("tiktok")
    assert "facebook" in info.value.message and "tiktok" in info.value.message


def _fake_eps(monkeypatch: pytest.MonkeyPatch, extra: dict[str, str]) -> None:
    real = registry.entry_points_by_name()
    fakes = {n: EntryPoint(n, v, registry.GROUP) for n, v in extra.items()}
    monkeypatch.setattr(registry, "entry_points_by_name", lambda: {**real, **fakes})
    registry.load.cache_clear()


def test_broken_plugin_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_eps(monkeypatch, {"hong": "khong_co_module_nay:Publisher", "sai": "json:loads"})
    with pytest.warns(registry.PublisherWarning) as caught:
        loaded = registry.load_all()
    assert set(loaded) >= BUILT_INS and "hong" not in loaded and "sai" not in loaded
    assert len(caught) == 2
    with pytest.raises(BrokenPublisherError):
        registry.load("hong")
    registry.load.cache_clear()


def test_every_built_in_declares_its_settings() -> None:
    for name in BUILT_INS:
        cls: type[Publisher] = registry.load(name)
        assert cls.type_name == name and cls.label
        keys = {s.key for s in cls.settings}
        if name != "outbox":
            assert "base_url" in keys
        assert all(s.label for s in cls.settings)


def test_check_settings_reports_in_vietnamese() -> None:
    problems = dict(
        check_settings(
            WebsitePublisher.settings,
            {"base_url": "http://phuong.example.vn", "categories": "Tin tức", "mau": 1},
        )
    )
    assert "https://" in problems["base_url"]
    assert "danh sách" in problems["categories"]
    assert "username" in problems and "mau" in problems
    assert (
        check_settings(
            WebsitePublisher.settings, {"base_url": "http://127.0.0.1:8089", "username": "a"}
        )
        == []
    )


def test_calendar_channels_are_checked_against_declarations(tmp_path: Path) -> None:
    from campaigns.config.load import load_calendar
    from campaigns.errors import ConfigError

    root = Path(__file__).resolve().parents[2]
    text = (root / "calendar.toml").read_text(encoding="utf-8")
    load_calendar(root / "calendar.toml")  # the bundled example is valid
    bad = text.replace(
        'base_url = "https://graph.facebook.com"',
        'base_url = "http://graph.facebook.com"\npage = 1',
    )
    (tmp_path / "calendar.toml").write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_calendar(tmp_path / "calendar.toml")
    message = str(info.value)
    assert "channels[0].settings.base_url" in message or "settings.base_url" in message
    assert "https://" in message and "'page'" in message


def test_open_channels_wires_the_cover_host(tmp_path: Path) -> None:
    secrets = MemorySecrets()
    specs = [
        ChannelSpec("web", "website", {"base_url": "https://phuong.example.vn", "username": "a"}),
        ChannelSpec("zalo", "zalo", {"oa_id": "1", "app_id": "2", "cover_channel": "web"}),
    ]
    opened = open_channels(specs, secrets)
    for p in opened.values():
        track(p)
    assert opened["zalo"].media_host is opened["web"]  # type: ignore[attr-defined]
    bad = [ChannelSpec("zalo", "zalo", {"oa_id": "1", "app_id": "2", "cover_channel": "x"})]
    with pytest.raises(ConfigurationError):
        open_channels(bad, secrets)


def test_deliver_reconciles_and_absorbs_duplicates(graph: FakeGraph) -> None:
    publisher = facebook_for(graph)
    request = make_request(image=None)
    first = deliver(publisher, request)
    again = deliver(publisher, request, reconcile=True)
    assert again.external_id == first.external_id
    dup = deliver(publisher, request)  # the platform says 506: take the live post
    assert dup.external_id == first.external_id
    assert len(graph.posts) == 1


def test_deliver_keeps_a_duplicates_scheduled_flag() -> None:
    """A post found natively scheduled on the platform is reported as scheduled."""
    from publishers.base import Publisher, PublishRequest, Receipt
    from publishers.errors import DuplicateError

    class Scheduled(Publisher):
        type_name = "scheduled"
        label = "thử"

        def publish(self, request: PublishRequest) -> Receipt:
            raise DuplicateError(external_id="7", url="https://x.vn/?p=7", scheduled=True)

    receipt = deliver(Scheduled("s", {}, MemorySecrets()), make_request(image=None))
    assert receipt.scheduled and receipt.external_id == "7"
