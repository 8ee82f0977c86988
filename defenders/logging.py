"""Logging filters that keep requests (addresses, agents, paths of sources) out of every log line."""

import logging


class DropRequestDetails(logging.Filter):
    """Strip the request and its details that Django attaches to error records."""

    def filter(self, record: logging.LogRecord) -> bool:
        for attribute in ("request", "server_time", "status_code"):
            if hasattr(record, attribute):
                delattr(record, attribute)
        # Django's request logger puts the path in the message ("Internal Server Error: /path"); the path of a
        # source page may identify it, so only the method-free reason is kept.
        if record.name.startswith("django.request"):
            record.msg = "Request failed"
            record.args = ()
        return True
