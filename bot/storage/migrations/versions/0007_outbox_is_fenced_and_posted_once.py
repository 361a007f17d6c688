"""outbox is fenced and posted once

The outbox gets the two columns that made a job's answer posted once (0006):
``takes`` counts the times a dispatcher took the row (it may change the row only
under its own take), and ``posting_take`` is the take that began posting, after
which a later take looks for that post before posting again. Rows written
before this revision start at no take and no post begun, as a new row does.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("takes", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("posting_take", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("posting_take")
        batch.drop_column("takes")
