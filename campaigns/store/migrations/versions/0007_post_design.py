"""post.design, post.variant: the card's layout and background, the caption's variant

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:00:00

"<layout>/<background>" (``campaigns.render.designs``); empty for posts planned before
designs, which keep the original poster. ``variant`` numbers the post among its channel's
posts, so the channel's caption templates take turns (empty: the first template).
Re-planning never changes either on a stored post.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(sa.Column("design", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("variant", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("variant")
        batch_op.drop_column("design")
