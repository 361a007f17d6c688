"""jobs are fenced and posted once

A job is now kept as the request's body alone (Bolt finds the listener from
it again), so its headers go. Two columns make its answer posted once: ``takes``
counts the times a worker took the job (a worker may change the row only under
its own take), and ``posting_take`` is the take that began posting, after which
a later take looks for that post before posting again. Jobs stored before this
revision are done as before: their body is all the new runner reads.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("headers")
        batch.add_column(sa.Column("takes", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("posting_take", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("posting_take")
        batch.drop_column("takes")
        batch.add_column(sa.Column("headers", sa.JSON(), nullable=False, server_default="{}"))
