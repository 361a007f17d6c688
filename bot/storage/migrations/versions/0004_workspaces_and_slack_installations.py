"""workspaces and slack installations

One deployment can serve many Slack workspaces: consults, their numbers and
their notifications belong to a workspace ('' for a single-workspace
deployment, which is what every existing row becomes). Consult numbers restart
at 0001 in each workspace, so the number is unique per workspace. Bolt's OAuth
installation and state tables are created here too, from slack_sdk's own table
definitions, so every worker finds them migrated before it starts.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

revision = "0004"
down_revision = "0003"


def workspace() -> sa.Column[str]:
    return sa.Column("workspace", sa.String(length=32), nullable=False, server_default="")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.drop_constraint("consults_number_key", "consults", type_="unique")
        op.add_column("consults", workspace())
        op.create_unique_constraint(
            "uq_consults_workspace_number", "consults", ["workspace", "number"]
        )
    else:
        # SQLite's UNIQUE(number) has no name: the naming convention gives it one to drop
        with op.batch_alter_table(
            "consults",
            naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"},
            recreate="always",
        ) as batch:
            batch.drop_constraint("uq_consults_number", type_="unique")
            batch.add_column(workspace())
            batch.create_unique_constraint("uq_consults_workspace_number", ["workspace", "number"])

    op.rename_table("consult_counters", "consult_counters_before_workspaces")
    op.create_table(
        "consult_counters",
        workspace(),
        sa.Column("fiscal_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("workspace", "fiscal_year"),
    )
    op.execute(
        "INSERT INTO consult_counters (workspace, fiscal_year, last_number) "
        "SELECT '', fiscal_year, last_number FROM consult_counters_before_workspaces"
    )
    op.drop_table("consult_counters_before_workspaces")

    with op.batch_alter_table("outbox") as batch:
        batch.add_column(workspace())

    metadata = sa.MetaData()
    SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    for table in ("slack_oauth_states", "slack_bots", "slack_installations"):
        op.drop_table(table)
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("workspace")
    op.rename_table("consult_counters", "consult_counters_with_workspaces")
    op.create_table(
        "consult_counters",
        sa.Column("fiscal_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("fiscal_year"),
    )
    op.execute(
        "INSERT INTO consult_counters (fiscal_year, last_number) "
        "SELECT fiscal_year, MAX(last_number) FROM consult_counters_with_workspaces "
        "GROUP BY fiscal_year"
    )
    op.drop_table("consult_counters_with_workspaces")
    with op.batch_alter_table("consults", recreate="always") as batch:
        batch.drop_constraint("uq_consults_workspace_number", type_="unique")
        batch.drop_column("workspace")
        batch.create_unique_constraint("consults_number_key", ["number"])
