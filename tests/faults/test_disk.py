"""The files' disk full, then read-only, during an upload: the source is told "not received", nothing is half
written (no sealed file, no partial file, no row), and the next attempt succeeds once space (or writing) is
back. The files directory is a 2 MB tmpfs mounted by the test (root only; skipped where mounting is refused)."""

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from tests.serving import create_recovery_key, serve_environment, served

from .support import Source, assert_every_receipt_is_stored_whole

ATTACHMENT_BYTES = 256 * 1024


@contextlib.contextmanager
def small_disk(directory: Path):
    directory.mkdir(parents=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(directory)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine refuses to mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], capture_output=True, timeout=30)


def stored_names(files: Path) -> set[str]:
    return {path.name for path in files.rglob("*") if path.is_file() and path.name != "filler"}


def test_a_full_or_read_only_disk_says_not_received_keeps_nothing_and_recovers(tmp_path):
    data = tmp_path / "data"
    # The SQLite file stays on the real disk; only the sealed files (MEDIA_ROOT = data/files) are squeezed.
    with small_disk(data / "files") as files:
        env = serve_environment(data, DEFENDERS_KEY_DIR=str(tmp_path / "keys"))
        recovery_key = create_recovery_key(env)
        receipts = []
        with served(env, tmp_path / "serve.log") as server:
            first = Source(server.url, "Marker before", ATTACHMENT_BYTES)
            first.open_form()
            assert first.send().codename
            receipts.append(first.sent)
            kept = stored_names(files)

            filler = files / "filler"
            with contextlib.suppress(OSError), filler.open("wb") as stream:
                for _ in range(64):  # 64 x 64 KiB is twice the disk: it is full before the loop ends
                    stream.write(b"\0" * 65536)
                    stream.flush()
            full = Source(server.url, "Marker disk full", ATTACHMENT_BYTES)
            full.open_form()
            assert full.send().told_not_received, full.sent.page[:300]
            assert stored_names(files) == kept, "a half-written file was left on the full disk"

            filler.unlink()
            assert full.send().codename, full.sent.page[:300]  # the same source, trying again
            receipts.append(full.sent)
            kept = stored_names(files)

            subprocess.run(["mount", "-o", "remount,ro", str(files)], check=True, timeout=30)
            try:
                read_only = Source(server.url, "Marker read-only", ATTACHMENT_BYTES)
                read_only.open_form()
                assert read_only.send().told_not_received, read_only.sent.page[:300]
            finally:
                subprocess.run(["mount", "-o", "remount,rw", str(files)], check=True, timeout=30)
            assert stored_names(files) == kept
            assert read_only.send().codename, read_only.sent.page[:300]
            receipts.append(read_only.sent)

        seen = assert_every_receipt_is_stored_whole(env, recovery_key, receipts)
        assert seen["submissions"] == 3 and seen["file_rows"] == 3  # no row for either refused attempt
        assert len(stored_names(files)) == 3
