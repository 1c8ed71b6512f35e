"""post.images, post.link: the officer's own posts carry their photos and a link

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:00:00

An own post (kind "own") is written by the officer, not planned: its photos are copies in
Loa's data folder (``images``: their paths, in order) and it may point to a web page.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(sa.Column("images", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("link", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("link")
        batch_op.drop_column("images")
