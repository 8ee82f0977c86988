"""Who may act on a submission: only staff it is sealed to, and only staff allowed to read submissions."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType

from defenders.clock import office_today
from defenders.intake.actions import reading, retention
from defenders.intake.actions import staff_keys as staff_key_actions
from defenders.intake.errors import NotSharedWithYou
from defenders.intake.models import AccessRecord, Message, Submission
from defenders.intake.tests.helpers import confidential_form

PASSWORD = "a late colleague's long passphrase 7"


@pytest.fixture
def submission(client, recovery_key, officer) -> Submission:
    client.post("/submit/confidential/", confidential_form())
    return Submission.objects.get()


@pytest.fixture
def latecomer(submission) -> User:
    """A reader whose key was made after the submission arrived: it is not sealed to them."""
    user = User.objects.create_user("omar.latecomer", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="read_submission"))
    user = User.objects.get(pk=user.pk)
    staff_key_actions.enable_recipient(user, by=None)
    staff_key_actions.set_up_staff_key(user, PASSWORD)
    return user


def test_actions_refuse_a_staff_member_the_submission_is_not_sealed_to(submission, latecomer):
    with pytest.raises(NotSharedWithYou):
        reading.reply_to_source(submission, "Tell us your address.", by=latecomer)
    with pytest.raises(NotSharedWithYou):
        reading.change_status(submission, Submission.Status.DECLINED, by=latecomer)
    with pytest.raises(NotSharedWithYou):
        retention.extend_retention(
            submission, until=office_today() + timedelta(days=30), reason="mine now", by=latecomer
        )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NEW and submission.keep_until is None
    assert not Message.objects.exists()
    assert not AccessRecord.objects.filter(user=latecomer).exists()


@pytest.mark.parametrize(
    "post",
    [
        {"action": "reply", "text": "Tell us your address."},
        {"action": "status", "status": "declined"},
        {"action": "extend", "until": "2999-01-01", "reason": "mine now"},
    ],
)
def test_inbox_posts_from_a_staff_member_it_is_not_sealed_to_get_the_not_shared_page(
    client, submission, latecomer, post
):
    client.force_login(latecomer)
    client.post("/staff/unlock/", {"password": PASSWORD})
    response = client.post(f"/staff/inbox/{submission.uid}/", post)
    assert response.status_code == 403
    assert "This submission was not sealed to your key" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NEW and submission.keep_until is None
    assert not Message.objects.exists()
    assert not AccessRecord.objects.filter(user=latecomer).exists()


def test_reading_and_downloading_unshared_get_the_same_not_shared_page(client, submission, latecomer):
    client.force_login(latecomer)
    client.post("/staff/unlock/", {"password": PASSWORD})
    read = client.get(f"/staff/inbox/{submission.uid}/")
    download = client.get(f"/staff/inbox/{submission.uid}/files/anything.sealed/")
    assert read.status_code == 403 and "This submission was not sealed to your key" in read.content.decode()
    assert download.status_code in {403, 404}


def test_the_inbox_list_needs_the_read_permission(client, submission):
    clerk = User.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    client.force_login(clerk)
    response = client.get("/staff/inbox/")
    assert response.status_code == 403
    assert "Confidential information" not in response.content.decode()


def test_view_on_site_does_not_reveal_a_draft_or_embargoed_communication(client, db, make_communication):
    # The admin (and its "view on site") is for administrators only.
    clerk = User.objects.create_superuser("clerk", password=PASSWORD)
    client.force_login(clerk)
    draft = make_communication(sent_on=None, title="a draft about a defender")
    embargoed = make_communication(sent_on=office_today(), reference="AL RUS 9/2099")
    content_type = ContentType.objects.get_for_model(draft)
    for hidden in (draft, embargoed):
        response = client.get(f"/staff/admin/r/{content_type.pk}/{hidden.pk}/")
        assert response.status_code == 404, hidden
        assert hidden.slug not in response.get("Location", "")


def test_view_on_site_still_leads_to_a_public_communication(client, db, make_communication):
    clerk = User.objects.create_superuser("clerk", password=PASSWORD)
    client.force_login(clerk)
    public = make_communication()
    content_type = ContentType.objects.get_for_model(public)
    response = client.get(f"/staff/admin/r/{content_type.pk}/{public.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(public.get_absolute_url())
