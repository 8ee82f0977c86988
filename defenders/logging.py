"""Logging filters that keep requests (addresses, agents, paths of sources) out of every log line, and the
gunicorn logger class that applies them to the server's own lines."""

import logging
import re

from gunicorn import glogging

# IPv4 with an optional port; IPv6 in brackets (with an optional port), written out in full, or compressed
# with "::" (an IPv4 tail included). Version numbers such as 1.2.3.4 are caught too: a small price.
_IPV4 = r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?![\w.])"
_IPV6_BRACKETED = r"\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\w]*\](?::\d{1,5})?"
_IPV6_END = r"(?:%[\w.]+)?(?![\w.])(?!:[0-9A-Fa-f:])"  # a zone such as %eth0; a colon may follow in prose
_IPV6_FULL = r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}" + _IPV6_END
_IPV6_COMPRESSED = (
    r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::"
    r"(?:(?:[0-9A-Fa-f]{1,4}:){0,6}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3}))?"
) + _IPV6_END
ADDRESS_PATTERN = re.compile("|".join((_IPV6_BRACKETED, _IPV6_FULL, _IPV6_COMPRESSED, _IPV4)))
ADDRESS_REPLACEMENT = "[address]"


def without_addresses(text: str) -> str:
    """The text with every IPv4 and IPv6 address (and its port) replaced by a placeholder."""
    return ADDRESS_PATTERN.sub(ADDRESS_REPLACEMENT, text)


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


class DropAddresses(logging.Filter):
    """Replace every network address in a record (message, arguments and traceback) by a placeholder: a
    client's address must never reach a log, and neither the server's nor the database's is needed there."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the message: keep both, as text
            message = f"{record.msg} {record.args}"
        record.msg = without_addresses(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = without_addresses(record.exc_text)
        if record.stack_info:
            record.stack_info = without_addresses(record.stack_info)
        return True


class AddressFreeLogger(glogging.Logger):
    """gunicorn's logger (`--logger-class`) with addresses removed from every error-log line (e.g. "Invalid
    request from ip=..." on a malformed request line) and no access log at all."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        address_filter = DropAddresses()
        for log in (self.error_log, self.access_log):
            log.addFilter(address_filter)
            for handler in log.handlers:
                handler.addFilter(address_filter)

    def access(self, resp, req, environ, request_time) -> None:
        """Request lines carry addresses and agents of sources: nothing is written."""
