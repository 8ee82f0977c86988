"""What a server start does before any worker runs: clear what a killed process left of uploads and files."""

from . import scratch
from .actions.retention import remove_orphan_files


def tidy_at_start() -> int:
    """Clear the scratch space (plaintext of uploads) and remove orphan files; only while no worker runs."""
    scratch.clear_space()
    return remove_orphan_files()
