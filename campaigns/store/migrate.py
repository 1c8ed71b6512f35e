"""Schema migrations with Alembic, run on open so an officer's database survives upgrades."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision. Alembic is imported only when the schema must change (it costs
# ~150 ms at every start otherwise); tests check this matches the scripts' head.
HEAD = "0004"


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
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there)."""
    if current(engine) == HEAD:
        return
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
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
