"""Notifications' fixtures: tasks run at once (the immediate backend), and stand-ins for the models of the drafting
and follow-up branches, sent through the real signals."""

from types import SimpleNamespace

import pytest

from defenders.core import events


@pytest.fixture
def tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Send an event as its action does (on commit) and run what the receivers queued on commit."""

    def send(signal, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            signal.send(SimpleNamespace, **kwargs)

    return send


def cases_with_officers(*officers) -> SimpleNamespace:
    """The `cases` of a communication whose cases have these officers (Case.officer lands on the cases branch)."""
    cases = [SimpleNamespace(officer=officer) for officer in officers]
    return SimpleNamespace(all=lambda: cases)


def a_sign_off(communication, mandate, *, state="requested", requested_by=None, comment=""):
    """A stand-in for drafting.SignOff, with the fields the receivers read."""
    return SimpleNamespace(
        communication=communication, mandate=mandate, state=state, requested_by=requested_by, comment=comment
    )


__all__ = ["a_sign_off", "cases_with_officers", "events"]
