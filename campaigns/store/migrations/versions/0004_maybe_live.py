"""post.maybe_live: an attempt whose outcome is unknown is persisted state

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00

Before this revision the engine inferred "may be live" from ``attempts > 1``. Every post
that was tried and is not published may have gone out, so they start flagged: the next
attempt asks the platform first, which costs one look-up and never a duplicate.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("maybe_live", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "UPDATE post SET maybe_live = TRUE WHERE attempts > 0 "
        "AND status IN ('approved', 'publishing', 'failed', 'missed')"
    )


def downgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("maybe_live")
