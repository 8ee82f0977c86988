"""Each event emails the right people, through the task queue, once the transaction commits."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from defenders.accounts.models import StaffMember
from defenders.communications import actions
from defenders.core.events import reply_recorded, sign_off_decided, sign_off_requested
from defenders.mandates.models import Mandate

from .conftest import a_sign_off, cases_with_officers


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def draft(make_communication):
    return make_communication(sent_on=None, title="detention of a lawyer", signers=("SR HRDs", "SR FoE"))


def test_a_sign_off_request_reaches_the_staff_of_that_mandate_only(
    tasks_run_at_once, committed, draft, co_signer, second_co_signer, officer
):
    committed(sign_off_requested, sign_off=a_sign_off(draft, Mandate.objects.get(short_name="SR FoE")))
    assert recipients() == ["irene.cosigner@example.org"]
    (message,) = mail.outbox
    assert message.subject == "Sign-off requested for SR FoE: “detention of a lawyer”"
    assert f"http://127.0.0.1:8000/staff/drafts/{draft.uid}/" in message.body


def test_staff_who_turned_email_off_or_left_hear_nothing(
    tasks_run_at_once, committed, draft, co_signer, mandates, django_user_model
):
    StaffMember.objects.filter(user=co_signer).update(notify_by_email=False)
    departed = django_user_model.objects.create_user(
        "former.cosigner", email="former@example.org", is_staff=True, is_active=False
    )
    StaffMember.objects.create(user=departed, mandate=Mandate.objects.get(short_name="SR FoE"))
    committed(sign_off_requested, sign_off=a_sign_off(draft, Mandate.objects.get(short_name="SR FoE")))
    assert mail.outbox == []


def test_an_approval_reaches_who_asked_and_the_officers_of_the_cases(
    tasks_run_at_once, committed, draft, officer, mandate_holder, co_signer
):
    written_from = SimpleNamespace(
        uid=draft.uid, title=draft.title, reference="", cases=cases_with_officers(mandate_holder, None)
    )
    sign_off = a_sign_off(
        written_from, Mandate.objects.get(short_name="SR FoE"), state="approved", requested_by=officer
    )
    committed(sign_off_decided, sign_off=sign_off)
    assert recipients() == ["amina.officer@example.org", "mary.rapporteur@example.org"]
    assert {message.subject for message in mail.outbox} == {"SR FoE approved “detention of a lawyer”"}


def test_changes_asked_say_so_without_the_comment(tasks_run_at_once, committed, draft, officer):
    sign_off = a_sign_off(
        draft,
        Mandate.objects.get(short_name="SR FoE"),
        state="changes_requested",
        requested_by=officer,
        comment="Paragraph 3 names the witness; take it out.",
    )
    committed(sign_off_decided, sign_off=sign_off)
    (message,) = mail.outbox
    assert message.subject == "SR FoE asked for changes to “detention of a lawyer”"
    assert "their comment is on the draft's page" in message.body
    assert "witness" not in message.body


def test_the_requester_is_emailed_once_even_as_officer_of_the_case(tasks_run_at_once, committed, officer):
    communication = SimpleNamespace(
        uid="x", title="a letter", reference="", cases=cases_with_officers(officer, officer)
    )
    sign_off = SimpleNamespace(
        communication=communication,
        mandate=SimpleNamespace(short_name="WGAD"),
        state="approved",
        requested_by=officer,
    )
    committed(sign_off_decided, sign_off=sign_off)
    assert recipients() == ["amina.officer@example.org"]


def test_a_reply_reaches_every_case_officer_when_its_cases_have_none(
    tasks_run_at_once, committed, make_communication, officer, mandate_holder, analyst
):
    communication = make_communication(reference="AL RUS 4/2023")
    reply = actions.record_reply(communication, received_on=date(2023, 12, 1), summary="The State denies.")
    committed(reply_recorded, reply=reply)
    assert recipients() == ["amina.officer@example.org"]
    (message,) = mail.outbox
    assert message.subject == "Reply recorded: AL RUS 4/2023 (judicial harassment of a defender)"
    assert "received on 01 December 2023" in message.body
    assert f"/staff/communications/{communication.uid}/" in message.body
    assert "denies" not in message.body


def test_a_reply_reaches_the_officers_of_the_communications_cases(
    tasks_run_at_once, committed, officer, mandate_holder
):
    communication = SimpleNamespace(
        uid="x", title="a letter", reference="UA IRN 2/2024", cases=cases_with_officers(mandate_holder)
    )
    committed(
        reply_recorded, reply=SimpleNamespace(communication=communication, received_on=date(2024, 3, 1))
    )
    assert recipients() == ["mary.rapporteur@example.org"]


def test_events_queue_tasks_on_commit_and_never_send_inline(
    django_capture_on_commit_callbacks, draft, co_signer
):
    sign_off = a_sign_off(draft, Mandate.objects.get(short_name="SR FoE"))
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_requested.send(SimpleNamespace, sign_off=sign_off)
        assert DBTaskResult.objects.count() == 0  # not before the commit
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "defenders.notifications.tasks.send_to_staff"
    assert queued.args_kwargs["args"][0] == co_signer.pk
    assert mail.outbox == []  # the worker sends, not the request


def test_a_rolled_back_transaction_queues_nothing(django_capture_on_commit_callbacks, draft, co_signer):
    sign_off = a_sign_off(draft, Mandate.objects.get(short_name="SR FoE"))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        sign_off_requested.send(SimpleNamespace, sign_off=sign_off)
        raise RuntimeError("the action failed after the event")
    assert callbacks == []
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_a_person_who_left_before_the_worker_ran_gets_nothing(
    django_capture_on_commit_callbacks, draft, co_signer
):
    from defenders.notifications.tasks import send_to_staff

    with django_capture_on_commit_callbacks(execute=True):
        sign_off_requested.send(
            SimpleNamespace, sign_off=a_sign_off(draft, Mandate.objects.get(short_name="SR FoE"))
        )
    co_signer.is_active = False
    co_signer.save()
    (queued,) = DBTaskResult.objects.all()
    assert send_to_staff.call(*queued.args_kwargs["args"]) is False
    assert mail.outbox == []
