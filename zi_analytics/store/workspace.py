"""The workspace: every upload kept as versioned datasets, read back per role.

One object for the services, the CLI and the pages, joined from one class per concern:

- `units.UnitStore`: the units, their spellings and Kanwil, the workspace's own unit;
- `datasets.DatasetStore`: the current data as a `Dataset`, versions, files, reports, rejected rows;
- `uploads.UploadStore`: storing a reading of an upload, and a new reading of a stored file;
- `removal.RemovalStore`: removing and restoring a unit's part of an upload;
- `users.UserStore`: accounts, logins and sessions;
- `backup.BackupStore`: the whole workspace to one file and back;
- `visits.VisitStore`: studi tiru visits between units;
- `figures.FigureStore`: each unit's comparison figures with the data and settings versions they came from;
- `base.StoreBase`: who may change which unit, the audit log, workspace facts.

Every change is written in the audit log inside the same transaction as the change itself. The store never
reads a file: importing, re-reading and seeding are services (`zi_analytics.services`).
"""

from __future__ import annotations

from .backup import BackupStore
from .config import WorkspaceConfig, load_config
from .engine import create_workspace_engine, upgrade
from .uploads import UploadStore
from .users import UserStore
from .figures import FigureStore
from .visits import VisitStore


class Workspace(UploadStore, UserStore, BackupStore, VisitStore, FigureStore):
    @classmethod
    def open(cls, database_url: str | None = None, config: WorkspaceConfig | None = None) -> Workspace:
        """Connect and bring the schema up to date (created on first use)."""
        config = config or load_config(database_url)
        engine = create_workspace_engine(config.database_url)
        upgrade(engine)
        return cls(engine, config)

    def close(self) -> None:
        self.engine.dispose()
