"""``loa posts publish`` (the shared path), ``loa status`` and ``loa daemon`` errors."""

from __future__ import annotations

import json
import unicodedata
from datetime import timedelta

import pytest

from campaigns.store.lifecycle import Status
from campaigns.timeutil import utcnow
from tests.daemon.conftest import add_posts


@pytest.fixture
def env_secrets(fakes, monkeypatch):
    for name, value in fakes.env().items():
        monkeypatch.setenv(name, value)


def test_posts_publish_prints_each_link(run_cli, db_url, dcal, fakes, env_secrets, open_store):
    store = open_store(db_url)
    ids = add_posts(store, dcal, utcnow() + timedelta(days=2), 1)
    result = run_cli("posts", "publish", *map(str, ids), calendar=dcal.path)
    assert result.code == 0, result.err
    assert result.out.count("đã đăng: ") == 3
    assert "https://www.facebook.com/" in result.out and "zalo.me" in result.out
    assert all(store.get(dcal.unit, i).status == Status.PUBLISHED for i in ids)
    again = run_cli("posts", "publish", str(ids[0]), calendar=dcal.path)
    assert again.code == 1 and "đã được đăng" in again.err
    assert len(fakes.graph.posts) == 1


def test_posts_publish_refuses_a_draft(run_cli, db_url, dcal, fakes, env_secrets, open_store):
    store = open_store(db_url)
    ids = add_posts(store, dcal, utcnow(), 1, channels=("facebook",), status=Status.DRAFT)
    result = run_cli("posts", "publish", str(ids[0]), calendar=dcal.path)
    assert result.code == 1 and "chưa được duyệt" in result.err
    assert not fakes.graph.posts


def test_posts_publish_reports_a_failure_in_vietnamese(
    run_cli, db_url, dcal, fakes, env_secrets, open_store
):
    store = open_store(db_url)
    ids = add_posts(store, dcal, utcnow(), 1, channels=("facebook",))
    fakes.graph.revoke_tokens()
    result = run_cli("posts", "publish", str(ids[0]), calendar=dcal.path)
    assert result.code == 1 and "chưa đăng được" in result.err
    assert fakes.graph.page_token not in result.err + result.out


def test_status_says_plainly_when_no_daemon_runs(run_cli, db_url, dcal, fakes, open_store):
    store = open_store(db_url)
    add_posts(store, dcal, utcnow() + timedelta(hours=1), 1)
    result = run_cli("status", calendar=dcal.path)
    assert result.code == 0
    assert "Không có daemon nào đang chạy" in result.out
    assert "Bài sắp đăng" in result.out
    assert unicodedata.is_normalized("NFC", result.out)
    data = json.loads(run_cli("status", "--json", calendar=dcal.path).out)
    assert data["running"] is False and data["counts"] == {"approved": 3}
    assert len(data["upcoming"]) == 3


def test_daemon_with_a_broken_channel_setting_is_a_clear_error(
    run_cli, make_daemon_cal, db_url, open_store
):
    cal = make_daemon_cal()
    text = cal.path.read_text("utf-8").replace(
        '[channels.settings]\nfolder = "', '[channels.settings]\nfolderx = "'
    )
    cal.path.write_text(text, "utf-8")
    result = run_cli("daemon", "--once", calendar=cal.path)
    assert result.code == 2 and "Traceback" not in result.err
