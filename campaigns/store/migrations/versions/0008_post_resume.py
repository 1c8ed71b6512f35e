"""post.resume: what a publishing attempt noted for the next one

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:00:00

A Zalo article is created, then verified for its id; an attempt that created it but never
heard the verification back leaves the creation's token here, and the next attempt
verifies that token instead of creating the article a second time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resume", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("resume")
