"""Every log record leaves without network addresses: IPv4 and IPv6, with or without a port."""

import logging
import sys

import pytest
from django.conf import settings

from defenders.logging import DropAddresses, without_addresses


@pytest.mark.parametrize(
    "line",
    [
        "Invalid request from ip=203.0.113.7: Invalid HTTP request line: 'x'",
        "connection from 203.0.113.7:51234 reset",
        "Invalid request from ip=::1: bad",
        "peer [2001:db8::7]:443 went away",
        "peer 2001:db8:0:0:0:0:0:7 went away",
        "mapped ::ffff:203.0.113.7 seen",
        "link-local fe80::1%eth0 seen",
        "('2001:db8::7', 5432, 0, 0)",
    ],
)
def test_addresses_are_replaced_in_log_text(line):
    scrubbed = without_addresses(line)
    assert "[address]" in scrubbed
    for fragment in ("203.0.113.7", "2001:db8", "::1", "fe80", "::ffff"):
        assert fragment not in scrubbed


def test_times_and_plain_words_are_kept():
    assert without_addresses("at 12:34:56, std::string, 5 of 24") == "at 12:34:56, std::string, 5 of 24"


def test_the_filter_cleans_message_arguments_and_traceback():
    try:
        raise ConnectionError('connection to server at "198.51.100.9", port 5432 failed')
    except ConnectionError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "from %s", ("198.51.100.9",), None)
        record.exc_info = sys.exc_info()
    assert DropAddresses().filter(record)
    assert record.getMessage() == "from [address]"
    assert record.exc_text and "198.51.100.9" not in record.exc_text and "[address]" in record.exc_text


def test_every_django_log_line_goes_through_the_address_filter():
    logging_config: dict = settings.LOGGING  # type: ignore[assignment]
    handlers = logging_config["handlers"]
    assert "drop_addresses" in handlers["console"]["filters"]
