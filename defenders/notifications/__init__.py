"""Email to staff through the background task queue; never a submission's content."""
