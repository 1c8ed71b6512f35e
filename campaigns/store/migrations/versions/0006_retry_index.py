"""ix_post_retry: the queue finds the next retry time without reading the whole plan

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 13:00:00

Only posts waiting for a retry have ``next_attempt_at``: a partial index over them keeps
the daemon's "when next" question independent of how many posts are planned.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

WHERE = sa.text("next_attempt_at IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_post_retry", "post", ["unit", "status", "next_attempt_at"],
        postgresql_where=WHERE, sqlite_where=WHERE,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_post_retry", table_name="post")
