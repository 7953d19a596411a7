"""Services: what reads files with the reading layer and then keeps them in the store.

The store only persists and answers queries; the reading layer never touches the store. Importing, re-reading
and seeding the sample data join the two, here.
"""

from .importing import ImportOutcome, import_bytes, import_paths
from .rereading import reread
from .seeding import ensure_seeded

__all__ = ["ImportOutcome", "import_bytes", "import_paths", "reread", "ensure_seeded"]
