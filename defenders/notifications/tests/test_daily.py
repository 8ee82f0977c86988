"""`defenders notify daily`: each person's digest of the dashboard's counts, and communications public tomorrow."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.accounts.models import StaffMember
from defenders.clock import office_today
from defenders.communications.models import Communication
from defenders.intake.models import Submission
from defenders.notifications.daily import becoming_public_on


def waiting_submission() -> Submission:
    today = office_today()
    return Submission.objects.create(
        kind="confidential", received_on=today, status_changed_on=today, public_key=b"k", sealed_payload=b"s"
    )


def run_daily(capsys) -> str:
    call_command("notify", "daily")
    return capsys.readouterr().out


def test_each_person_with_something_waiting_gets_a_digest_of_counts(
    tasks_run_at_once, capsys, officer, mandate_holder, analyst
):
    waiting_submission()
    waiting_submission()
    StaffMember.objects.filter(user=mandate_holder).update(notify_by_email=False)
    output = run_daily(capsys)
    assert "Queued 1 digest(s) and 0 email(s)" in output
    (digest,) = mail.outbox
    assert digest.to == ["amina.officer@example.org"]
    assert digest.subject.startswith("Today in the workspace: 2 waiting")
    assert (
        "- Submissions waiting for triage: 2\n  http://127.0.0.1:8000/staff/inbox/?status=new" in digest.body
    )
    assert "http://127.0.0.1:8000/staff/" in digest.body


def test_nobody_gets_a_digest_when_nothing_waits(tasks_run_at_once, capsys, officer):
    assert "Queued 0 digest(s)" in run_daily(capsys)
    assert mail.outbox == []


def test_links_in_email_use_the_configured_site_address(tasks_run_at_once, capsys, settings, officer):
    settings.DEFENDERS_SITE_URL = "https://defenders.example.org"
    waiting_submission()
    run_daily(capsys)
    assert "https://defenders.example.org/staff/inbox/?status=new" in mail.outbox[0].body


@pytest.fixture
def letters(make_communication):
    """Sent letters around the publication boundary, as of today."""
    today = office_today()
    return {
        "tomorrow": make_communication(sent_on=today - timedelta(days=59), reference="AL RUS 7/2026"),
        "today": make_communication(sent_on=today - timedelta(days=60), title="public already"),
        "later": make_communication(sent_on=today - timedelta(days=58), title="the day after"),
        "withheld": make_communication(
            sent_on=today - timedelta(days=59), title="held back", withheld=True, withheld_reason="Risk"
        ),
    }


def test_only_the_letter_public_tomorrow_is_becoming_public(letters):
    tomorrow = office_today() + timedelta(days=1)
    assert becoming_public_on(tomorrow) == [letters["tomorrow"]]


def test_an_other_letter_sent_on_friday_becomes_public_on_tuesday(make_communication):
    friday = office_today() - timedelta(days=(office_today().weekday() - 4) % 7 or 7)
    letter = make_communication(type="OL", sent_on=friday, code="RUS")
    tuesday = friday + timedelta(days=4)
    assert becoming_public_on(tuesday) == [letter]
    assert becoming_public_on(tuesday - timedelta(days=1)) == []


def test_staff_who_may_see_it_hear_the_day_before_it_becomes_public(
    tasks_run_at_once, capsys, letters, officer, mandate_holder, analyst
):
    output = run_daily(capsys)
    # The office's digests count the letter too (the dashboard's "becoming public in the next 7 days").
    assert "2 digest(s) and 2 email(s) on communications public tomorrow" in output
    public_tomorrow = [message for message in mail.outbox if message.subject.startswith("Public tomorrow")]
    assert sorted(address for message in public_tomorrow for address in message.to) == [
        "amina.officer@example.org",
        "mary.rapporteur@example.org",
    ]
    assert not any("ana.analyst@example.org" in message.to for message in mail.outbox)
    message = public_tomorrow[0]
    tomorrow = office_today() + timedelta(days=1)
    assert message.subject == "Public tomorrow: AL RUS 7/2026 (judicial harassment of a defender)"
    assert f"becomes public on {tomorrow:%A %d %B %Y} at 00:00, Geneva time" in message.body
    assert f"/staff/communications/{letters['tomorrow'].uid}/" in message.body
    assert Communication.objects.count() == 4


def test_one_persons_failure_holds_back_nobody_elses_digest_and_is_reported(
    tasks_run_at_once, capsys, monkeypatch, officer, mandate_holder
):
    from defenders.notifications import daily
    from defenders.workspace.tiles import tiles_for

    def broken_for_the_rapporteur(user):
        if user.get_username() == "mary.rapporteur":
            raise RuntimeError("a tile module failed")
        return tiles_for(user)

    monkeypatch.setattr(daily, "tiles_for", broken_for_the_rapporteur)
    waiting_submission()
    with pytest.raises(CommandError, match=r"The emails of mary\.rapporteur could not be built"):
        call_command("notify", "daily")
    assert [message.to for message in mail.outbox] == [["amina.officer@example.org"]]


def test_a_subject_is_always_one_line(make_communication):
    from defenders.notifications import messages

    letter = make_communication(title="two\nlines")
    assert messages.public_tomorrow(letter, office_today()).subject.startswith("Public tomorrow: “two lines”")
