"""Roles for a Kanwil server: users, the Kanwil a unit belongs to, and the role in each audit entry.

Existing rows stay: units get no Kanwil (an admin assigns it), old audit entries get an empty role.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("kanwil", sa.String(120), nullable=True))
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("role", sa.String(20), nullable=False, server_default=""))
    op.create_table(
        "users",
        sa.Column("username", sa.String(120), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("unit_key", sa.String(120), sa.ForeignKey("units.key"), nullable=True),
        sa.Column("kanwil", sa.String(120), nullable=True),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
