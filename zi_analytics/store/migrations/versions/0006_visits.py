"""Studi tiru visits: which unit visited which, when, on which change areas, and what it will adopt."""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("host_key", sa.String(120), sa.ForeignKey("units.key"), nullable=False),
        sa.Column("visitor_key", sa.String(120), sa.ForeignKey("units.key"), nullable=False),
        sa.Column("visit_date", sa.Date, nullable=False),
        sa.Column("areas", sa.Text, nullable=False, server_default="[]"),
        sa.Column("adopted", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_visits_host", "visits", ["host_key"])
    op.create_index("ix_visits_visitor", "visits", ["visitor_key"])


def downgrade() -> None:
    op.drop_index("ix_visits_visitor", table_name="visits")
    op.drop_index("ix_visits_host", table_name="visits")
    op.drop_table("visits")
