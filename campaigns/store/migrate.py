"""Schema migrations with Alembic, run on open so an officer's database survives upgrades."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from campaigns.errors import RuntimeFailure
from campaigns.store.db import read_only
from campaigns.store.locks import exclusive

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision. Alembic is imported only when the schema must change (it costs
# ~150 ms at every start otherwise); tests check this matches the scripts' head.
HEAD = "0008"
WAIT_S = 120.0  # for another process's migration of the same database


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("campaigns.store") / "migrations"))
    return cfg


def head() -> str:
    """The head according to the migration scripts (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    head_rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert head_rev is not None
    return head_rev


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _version(conn)


def _version(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there).

    Two processes opening a fresh database at once take turns: the second waits for the
    first's migration and then finds nothing to do.
    """
    found = current(engine)
    if found == HEAD:
        return
    if read_only(engine):
        raise RuntimeFailure(
            f"Cơ sở dữ liệu chỉ đọc và có cấu trúc cũ (phiên bản {found or 'trống'}, Loa này "
            f"cần {HEAD}): hãy cấp quyền ghi cho tệp và thư mục chứa nó rồi chạy lại một lần "
            "để Loa cập nhật cấu trúc."
        )
    from alembic import command

    cfg = _config()
    with engine.connect() as conn, conn.begin():
        if not exclusive(conn, "migrate", WAIT_S):
            raise RuntimeFailure(
                "Một tiến trình Loa khác đang cập nhật cấu trúc cơ sở dữ liệu quá lâu; "
                "thử lại sau khi tiến trình đó xong."
            )
        if _version(conn) == HEAD:  # migrated while this process waited
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def make_revision(engine: Engine, message: str) -> None:  # pragma: no cover - developer tool
    """Autogenerate a new revision against ``engine`` (python -m campaigns.store.migrate)."""
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)


if __name__ == "__main__":  # pragma: no cover
    import sys

    from sqlalchemy import create_engine

    make_revision(create_engine(sys.argv[1]), sys.argv[2])
