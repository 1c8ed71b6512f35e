"""``campaigns.secrets`` and ``loa channels``: stored secrets, env overrides, check, set-token."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path

import pytest

from campaigns.secrets import SecretStore, env_name
from publishers.zalo_auth import ZaloTokens
from tests.fakes import FakeGraph


def test_file_is_private_and_replaced_atomically(tmp_path: Path) -> None:
    store = SecretStore(tmp_path / "cfg" / "secrets.json", environ={})
    store.set("facebook", {"page_token": "EAABsecret123"})
    assert stat.S_IMODE((tmp_path / "cfg" / "secrets.json").stat().st_mode) == 0o600
    assert store.get("facebook", "page_token") == "EAABsecret123"
    assert [p.name for p in (tmp_path / "cfg").iterdir() if p.suffix == ".tmp"] == []
    assert "EAAB" not in repr(store)


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    env = {env_name("bang-tin", "app_password"): "from-env"}
    assert env_name("bang-tin", "app_password") == "LOA_SECRET_BANG_TIN_APP_PASSWORD"
    store = SecretStore(tmp_path / "s.json", environ=env)
    store.set("bang-tin", {"app_password": "from-file"})
    assert store.get("bang-tin", "app_password") == "from-env"
    assert store.source("bang-tin", "app_password") == "env"


def test_a_rotated_value_beats_the_stale_environment(tmp_path: Path) -> None:
    env = {"LOA_SECRET_ZALO_REFRESH_TOKEN": "RT-old"}
    store = SecretStore(tmp_path / "s.json", environ=env)
    store.update(
        "zalo",
        lambda cur: {"refresh_token": "RT-new"} if cur["refresh_token"] == "RT-old" else None,
    )
    assert store.get("zalo", "refresh_token") == "RT-new"
    env["LOA_SECRET_ZALO_REFRESH_TOKEN"] = "RT-set-by-admin"  # a new value in env wins again
    assert store.get("zalo", "refresh_token") == "RT-set-by-admin"


def test_updates_under_the_lock_lose_nothing(tmp_path: Path) -> None:
    store = SecretStore(tmp_path / "s.json", environ={})
    store.set("c", {"n": "0"})

    def bump() -> None:
        for _ in range(20):
            SecretStore(store.path, environ={}).update(
                "c", lambda cur: {"n": str(int(cur["n"]) + 1)}
            )

    threads = [threading.Thread(target=bump) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get("c", "n") == "100"


def test_a_change_may_write_through_a_nested_update(tmp_path: Path) -> None:
    """A Zalo refresh stores its write-ahead marker, durably, while keeping the lock."""
    store = SecretStore(tmp_path / "s.json", environ={})
    store.set("zalo", {"refresh_token": "RT1"})
    on_disk: list[str] = []

    def change(current: dict[str, str]) -> dict[str, str]:
        store.update("zalo", lambda _current: {"refresh_state": "started"})
        on_disk.append(json.loads(store.path.read_text())["zalo"]["refresh_state"])
        return {"refresh_token": "RT2", "refresh_state": ""}

    assert store.update("zalo", change) == {"refresh_token": "RT2"}
    assert on_disk == ["started"]
    assert json.loads(store.path.read_text())["zalo"] == {"refresh_token": "RT2"}


def test_zalo_rotation_through_the_file_store(tmp_path: Path) -> None:
    import httpx

    calls = []

    def oauth(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(
            200, json={"access_token": "AT2", "refresh_token": "RT2", "expires_in": "90000"}
        )

    store = SecretStore(tmp_path / "s.json", environ={})
    store.set("zalo", {"secret_key": "k", "refresh_token": "RT1"})
    with httpx.Client(base_url="https://oauth.example", transport=httpx.MockTransport(oauth)) as c:
        from datetime import UTC, datetime

        tokens = ZaloTokens("zalo", "app", store, c, lambda: datetime.now(UTC))
        assert tokens.access_token() == "AT2"
        assert tokens.access_token() == "AT2"
    saved = json.loads(store.path.read_text())["zalo"]
    assert saved["refresh_token"] == "RT2" and len(calls) == 1


@pytest.fixture
def graph_calendar(calendar_file: Path):
    with FakeGraph() as fake:
        text = calendar_file.read_text(encoding="utf-8")
        text = text.replace('page_id = "100000000000001"', f'page_id = "{fake.page_id}"')
        text = text.replace('base_url = "https://graph.facebook.com"', f'base_url = "{fake.url}"')
        calendar_file.write_text(text, encoding="utf-8")
        yield fake


def test_set_token_list_and_check(run_cli, graph_calendar: FakeGraph, monkeypatch) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return graph_calendar.page_token

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    before = run_cli("channels", "list")
    assert before.code == 0 and "page_token: thiếu" in before.out
    saved = run_cli("channels", "set-token", "facebook")
    assert saved.code == 0 and "đã lưu page_token" in saved.out
    assert graph_calendar.page_token not in saved.out + saved.err
    assert "Page access token" in prompts[0]
    after = run_cli("channels", "list")
    assert "page_token: có" in after.out
    checked = run_cli("channels", "check", "facebook")
    assert checked.code == 0, checked.out + checked.err
    assert "Phường Kiến An" in checked.out and "không có hạn" in checked.out
    assert graph_calendar.page_token not in checked.out


def test_check_refuses_a_user_token(run_cli, graph_calendar: FakeGraph, monkeypatch) -> None:
    monkeypatch.setenv("LOA_SECRET_FACEBOOK_PAGE_TOKEN", graph_calendar.user_token)
    checked = run_cli("channels", "check", "facebook")
    assert checked.code == 1
    assert "không phải mã" in checked.out or "Page token" in checked.out


def test_unknown_channel_lists_known(run_cli) -> None:
    result = run_cli("channels", "set-token", "tiktok")
    assert result.code == 2 and "facebook" in result.err


def test_check_zalo_rotates_and_stores_the_pair(
    run_cli, calendar_file: Path, tmp_path: Path
) -> None:
    from tests.fakes import FakeZalo

    with FakeZalo() as fake:
        text = calendar_file.read_text(encoding="utf-8")
        text = text.replace(
            'base_url = "https://openapi.zalo.me"',
            f'base_url = "{fake.url}"\noauth_base_url = "{fake.url}"',
        )
        text = text.replace('app_id = "4000000000000000004"', f'app_id = "{fake.app_id}"')
        calendar_file.write_text(text, encoding="utf-8")
        _access, refresh = fake.issue_tokens()
        store = SecretStore()
        store.set("zalo", {"secret_key": fake.secret_key, "refresh_token": refresh})
        result = run_cli("channels", "check", "zalo")
        assert result.code == 0, result.out + result.err
        assert "Phường Kiến An" in result.out and "hết hạn" in result.out
        assert fake.refreshes == 1
        stored = json.loads(store.path.read_text(encoding="utf-8"))["zalo"]
        assert stored["refresh_token"] != refresh and stored["access_token"]
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
        assert refresh not in result.out and stored["access_token"] not in result.out
