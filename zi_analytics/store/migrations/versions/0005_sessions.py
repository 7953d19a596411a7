"""Sessions kept on the server: a password change, a deactivation or "Keluar" ends every tab and cookie of the
user at its next interaction, which a signed cookie alone could not do.

Existing signed cookies stop working: everybody signs in once more.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("token_digest", sa.String(64), nullable=True, unique=True),
        sa.Column("ticket_digest", sa.String(64), nullable=True, unique=True),
        sa.Column("ticket_expires_at", TZ, nullable=True),
        sa.Column("address", sa.String(64), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("ended_at", TZ, nullable=True),
        sa.Column("ended_why", sa.String(20), nullable=True),
    )
    op.create_index("ix_sessions_user", "sessions", ["username"])


def downgrade() -> None:
    op.drop_index("ix_sessions_user", table_name="sessions")
    op.drop_table("sessions")
