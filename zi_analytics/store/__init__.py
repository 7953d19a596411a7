"""The workspace store: uploads kept as versioned datasets in SQLite or PostgreSQL, read per role."""

from .access import LAPTOP_USER, ROLES, AccessDenied, Principal
from .config import ConfigError, WorkspaceConfig, load_config
from .uploads import DENIED, DUPLICATE, FAILED, REREAD, RESTORED, STORED
from .visits import VisitError
from .workspace import Workspace

__all__ = ["Workspace", "VisitError", "Principal", "AccessDenied", "LAPTOP_USER", "ROLES", "WorkspaceConfig",
           "ConfigError", "load_config", "STORED", "DUPLICATE", "RESTORED", "FAILED", "DENIED", "REREAD"]
