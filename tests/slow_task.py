"""A task that takes its time, for the test that stops `defenders worker` while it runs."""

import time
from pathlib import Path

from django_tasks import task


@task()
def write_slowly(folder: str, seconds: float) -> str:
    """Mark its start, wait, then mark its end: a task cut short leaves the start without the end."""
    Path(folder, "started").write_text("started", encoding="utf-8")
    time.sleep(seconds)
    Path(folder, "finished").write_text("finished", encoding="utf-8")
    return "finished"
