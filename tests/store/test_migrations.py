"""Alembic migrations: the recorded head is the scripts' head, and upgrade/downgrade work."""

from __future__ import annotations

import sqlalchemy as sa

from campaigns.store import migrate
from campaigns.store.db import open_engine


def test_recorded_head_matches_the_scripts() -> None:
    assert migrate.head() == migrate.HEAD


def test_upgrade_from_empty_and_again_is_a_no_op(db_url: str) -> None:
    engine = open_engine(db_url)
    assert migrate.current(engine) is None
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.HEAD
    migrate.upgrade(engine)
    tables = set(sa.inspect(engine).get_table_names())
    assert {"post", "transition", "alembic_version"} <= tables


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_postgresql_upgrade(pg_url: str) -> None:
    engine = open_engine(pg_url)
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.HEAD
    engine.dispose()
