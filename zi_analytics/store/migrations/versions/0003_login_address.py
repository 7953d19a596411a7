"""The address a login attempt came from, so failures slow that address and that name from it, and nobody can
lock a name out for everyone from elsewhere.

Existing audit entries get no address.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("address", sa.String(64), nullable=True))
    op.create_index("ix_audit_login", "audit_log", ["action", "target", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_login", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("address")
