"""peaceops: context, mandates, results frameworks and planning for UN peace operations."""

from peaceops.errors import PeaceopsError
from peaceops.workspace import Workspace

__version__ = "0.1.0"

__all__ = ["PeaceopsError", "Workspace", "__version__"]
