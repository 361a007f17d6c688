"""done jobs are forgotten

A job keeps a Slack request as it came, and for a question that is the
teacher's own words. Once the answer is sent there is no reason to keep them:
a job is now deleted when it is done, and the ones kept as "done" so far are
deleted here, with the column that dated them. Failed jobs stay, for the
maintainers to look into.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.execute("DELETE FROM jobs WHERE status = 'done'")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("done_at")


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("done_at", sa.DateTime(), nullable=True))
