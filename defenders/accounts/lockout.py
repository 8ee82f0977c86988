"""What django-axes records of a login attempt: the account, never where it came from."""

from django.http import HttpRequest


def no_address(request: HttpRequest) -> None:
    """Axes asks for the client's address to store with each attempt; it gets none."""
    return None
