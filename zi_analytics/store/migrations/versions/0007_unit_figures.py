"""Each unit's comparison figures per day, stored with the data and settings versions they came from."""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_figures",
        sa.Column("unit_key", sa.String(120), primary_key=True),
        sa.Column("as_of", sa.Date, primary_key=True),
        sa.Column("data_version", sa.String(200), nullable=False),
        sa.Column("settings_version", sa.String(64), nullable=False),
        sa.Column("figures", sa.Text, nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unit_figures")
