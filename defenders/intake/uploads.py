"""Uploads stream into a memory-backed scratch directory, counted as they arrive, and stop at the limits."""

import contextlib
import tempfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .scratch import request_folder

REFUSED_ATTRIBUTE = "intake_upload_refused"


class ScratchUploadedFile(UploadedFile):
    def __init__(self, name, content_type, charset, content_type_extra):
        file = tempfile.NamedTemporaryFile(suffix=".upload", dir=request_folder())  # noqa: SIM115 (closed by Django)
        super().__init__(file, name, content_type, 0, charset, content_type_extra)

    def temporary_file_path(self) -> str:
        assert self.file is not None
        return self.file.name

    def close(self) -> None:
        # NamedTemporaryFile deletes itself on close; a second close finds nothing, which is fine.
        with contextlib.suppress(FileNotFoundError):
            if self.file is not None:
                self.file.close()


class ScratchUploadHandler(FileUploadHandler):
    """Refuse a file over the per-file limit, or a request over the per-submission one, while it streams."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received_total = 0
        self.file_count = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received_total = 0
        self.file_count = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.file_count += 1
        self.received_for_file = 0
        self.file = ScratchUploadedFile(
            self.file_name, self.content_type, self.charset, self.content_type_extra
        )
        if self.file_count > settings.DEFENDERS_MAX_FILES:
            self._refuse("too_many_files")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received_for_file += len(raw_data)
        self.received_total += len(raw_data)
        if self.received_for_file > settings.DEFENDERS_MAX_FILE_BYTES:
            self._refuse("file_too_large")
        if self.received_total > settings.DEFENDERS_MAX_SUBMISSION_BYTES:
            self._refuse("submission_too_large")
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> UploadedFile:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if getattr(self, "file", None) is not None:
            self.file.close()

    def _refuse(self, reason: str) -> None:
        if self.request is not None:
            setattr(self.request, REFUSED_ATTRIBUTE, reason)
        self.file.close()
        raise StopUpload(connection_reset=False)
