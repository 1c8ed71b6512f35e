"""SQLite older than 3.35 (no UPDATE … RETURNING) is refused at start-up, clearly, before
any database file is made."""

from __future__ import annotations

import unicodedata
from sqlite3 import dbapi2

import pytest


def _sqlite(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """The SQLite library version as SQLAlchemy's driver (``sqlite3.dbapi2``) reports it."""
    monkeypatch.setattr(dbapi2, "sqlite_version", version)
    monkeypatch.setattr(dbapi2, "sqlite_version_info", tuple(map(int, version.split("."))))


def test_an_old_sqlite_is_refused_with_what_to_do(run_cli, tmp_path, monkeypatch) -> None:
    db = tmp_path / "du-lieu" / "loa.db"
    _sqlite(monkeypatch, "3.31.1")
    result = run_cli("status", db=f"sqlite:///{db}")
    assert result.code != 0
    message = " ".join(result.err.split())
    assert "SQLite 3.35 trở lên" in message and "dùng SQLite 3.31.1" in message
    assert "Hãy cài Python" in message and "PostgreSQL" in message
    assert unicodedata.is_normalized("NFC", result.err)
    assert "Traceback" not in result.err + result.out
    assert not db.exists() and not db.parent.exists()


def test_sqlite_3_35_is_enough(run_cli, tmp_path, monkeypatch) -> None:
    db = tmp_path / "loa.db"
    _sqlite(monkeypatch, "3.35.0")
    result = run_cli("plan", "--from", "01/01/2026", "--to", "02/01/2026", db=f"sqlite:///{db}")
    assert result.code == 0, result.err
    assert db.exists()
