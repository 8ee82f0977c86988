import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.accounts.roles import ADMINISTRATOR, assign_role
from defenders.intake import keyring
from defenders.intake.actions import reading, retention
from defenders.intake.actions import staff_keys as staff_key_actions
from defenders.intake.errors import NotSharedWithYou, RetentionRefused, WrongRecoveryKey
from defenders.intake.models import AccessRecord, OfficeKey, StaffKey, Submission, WrappedSubmissionKey
from defenders.intake.tests.helpers import confidential_form
from defenders.vault import kdf, recovery, staff_keys, submissions
from defenders.vault.boxes import WrongPassword

PASSWORD = "correct horse battery staple 42"


def staff_private_key(user: User, password: str = PASSWORD):
    key = StaffKey.objects.get(user=user)
    return staff_keys.unlock_staff_key(
        password, bytes(key.salt), bytes(key.wrapped_private_key), cost=kdf.INTERACTIVE
    )


def submit(client) -> Submission:
    client.post("/submit/confidential/", confidential_form())
    return Submission.objects.latest("pk")


def test_staff_unlock_reads_and_the_read_is_audited(client, recovery_key, officer):
    submission = submit(client)
    client.force_login(officer)
    assert client.get(f"/staff/inbox/{submission.uid}/").status_code == 302  # locked: asks for the password
    wrong = client.post("/staff/unlock/", {"password": "not it"})
    assert wrong.status_code == 400
    client.post("/staff/unlock/", {"password": PASSWORD})
    page = client.get(f"/staff/inbox/{submission.uid}/")
    assert page.status_code == 200
    assert "She was arrested at her office." in page.content.decode()
    assert AccessRecord.objects.filter(submission=submission, user=officer, action="read").count() == 1


def test_inbox_is_for_staff_only(client, recovery_key, officer):
    submit(client)
    assert client.get("/staff/inbox/").status_code == 302
    outsider = User.objects.create_user("visitor", password=PASSWORD)
    client.force_login(outsider)
    assert client.get("/staff/inbox/").status_code == 302
    client.force_login(officer)
    inbox = client.get("/staff/inbox/?status=new")
    assert inbox.status_code == 200 and "Confidential information" in inbox.content.decode()
    assert "Nothing here with these filters" in client.get("/staff/inbox/?status=closed").content.decode()


def test_staff_without_the_read_permission_cannot_open_submissions(client, recovery_key, officer):
    submission = submit(client)
    clerk = User.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    client.force_login(clerk)
    assert client.get(f"/staff/inbox/{submission.uid}/").status_code == 403


def test_status_change_and_reply_through_the_inbox(client, recovery_key, officer):
    submission = submit(client)
    client.force_login(officer)
    client.post("/staff/unlock/", {"password": PASSWORD})
    client.post(f"/staff/inbox/{submission.uid}/", {"action": "status", "status": "needs_information"})
    client.post(f"/staff/inbox/{submission.uid}/", {"action": "reply", "text": "Which court?"})
    submission.refresh_from_db()
    assert submission.status == "needs_information"
    assert submission.messages.get().author == "staff"
    assert set(submission.access_records.values_list("action", flat=True)) >= {"status", "replied"}


def test_password_change_rewraps_the_key_so_access_is_kept(client, recovery_key, officer):
    submission = submit(client)
    client.force_login(officer)
    response = client.post(
        "/staff/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )
    assert response.status_code == 302
    with pytest.raises(WrongPassword):
        staff_private_key(officer)
    opened = reading.open_submission(
        submission, by=officer, staff_private_key=staff_private_key(officer, "a brand new long passphrase")
    )
    assert opened.content["persons"][0]["name"] == "Leyla Defender"


def test_password_set_by_an_administrator_revokes_the_key(client, recovery_key, officer):
    submit(client)
    staff_key_actions.reset_staff_password(officer, new_password="reset by the administrator", by=None)
    assert not StaffKey.objects.filter(user=officer).exists()
    assert not WrappedSubmissionKey.objects.filter(staff_key__user=officer).exists()


def test_deactivated_staff_member_loses_access_and_new_submissions_skip_them(client, recovery_key, officer):
    first = submit(client)
    officer.is_active = False
    officer.save()
    assert not WrappedSubmissionKey.objects.filter(submission=first, staff_key__isnull=False).exists()
    second = submit(client)
    assert second.wrapped_keys.count() == 1  # the recovery key only


def test_new_staff_member_is_granted_old_submissions_with_the_recovery_key(client, recovery_key, officer):
    submission = submit(client)
    newcomer = User.objects.create_user("newcomer", password=PASSWORD, is_staff=True)
    newcomer.user_permissions.add(Permission.objects.get(codename="read_submission"))
    newcomer = User.objects.get(pk=newcomer.pk)
    staff_key_actions.enable_recipient(newcomer, by=None)
    staff_key_actions.set_up_staff_key(newcomer, PASSWORD)
    with pytest.raises(NotSharedWithYou):
        reading.open_submission(submission, by=newcomer, staff_private_key=staff_private_key(newcomer))
    granted = staff_key_actions.grant_access(newcomer, recovery_private_key=recovery_key)
    assert granted == 1
    opened = reading.open_submission(submission, by=newcomer, staff_private_key=staff_private_key(newcomer))
    assert opened.content["form"]["perpetrators"] == "Police unit 5"


def test_recovery_key_alone_reads_every_submission(client, recovery_key, officer):
    submission = submit(client)
    wrap = WrappedSubmissionKey.objects.get(submission=submission, office_key__isnull=False)
    plaintext = submissions.open_content(
        recovery_key, bytes(wrap.wrapped_key), bytes(submission.sealed_payload)
    )
    assert b"Leyla Defender" in plaintext


def test_keys_command_creates_rotates_and_refuses_a_second_create(db, monkeypatch, client, officer):
    out = io.StringIO()
    call_command("keys", "create-recovery", stdout=out)
    private = next(line.strip() for line in out.getvalue().splitlines() if line.startswith("    "))
    with pytest.raises(CommandError, match="exists already"):
        call_command("keys", "create-recovery", stdout=io.StringIO())
    submission = submit(client)
    monkeypatch.setattr("sys.stdin", io.StringIO(private + "\n"))
    rotated = io.StringIO()
    call_command("keys", "rotate-recovery", stdout=rotated)
    new_private = recovery.private_key_from_b64(
        next(line.strip() for line in rotated.getvalue().splitlines() if line.startswith("    "))
    )
    assert OfficeKey.objects.filter(retired_on__isnull=True).count() == 1
    wrap = WrappedSubmissionKey.objects.get(submission=submission, office_key__isnull=False)
    assert b"Leyla" in submissions.open_content(
        new_private, bytes(wrap.wrapped_key), bytes(submission.sealed_payload)
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(private + "\n"))
    with pytest.raises(CommandError, match="does not belong"):
        call_command("keys", "grant", officer.username, stdout=io.StringIO())


def test_retention_deletes_declined_submissions_keys_first_unless_extended(
    client, recovery_key, officer, isolated_data_dir
):
    kept, purged = submit(client), submit(client)
    for submission in (kept, purged):
        reading.change_status(submission, "declined", by=officer)
    retention.extend_retention(
        kept, until=date.today() + timedelta(days=800), reason="Court case pending", by=officer
    )
    assert kept.access_records.filter(action="extended", note__contains="Court case pending").exists()
    later = date.today() + timedelta(days=366)
    assert retention.purge_expired(today=later) == 1
    assert list(Submission.objects.all()) == [kept]
    assert not WrappedSubmissionKey.objects.filter(submission_id=purged.pk).exists()
    with pytest.raises(RetentionRefused):
        retention.extend_retention(kept, until=date.today() + timedelta(days=900), reason="  ", by=officer)


def test_purge_removes_the_encrypted_files_too(client, recovery_key, officer, isolated_data_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("notes.txt", b"some notes", content_type="text/plain")
    client.post("/submit/confidential/", {**confidential_form(), "attachments": [upload]})
    submission = Submission.objects.get()
    assert len(list((isolated_data_dir / "files" / "intake").glob("*.sealed"))) == 1
    reading.change_status(submission, "closed", by=officer)
    retention.purge_expired(today=date.today() + timedelta(days=400))
    assert not list((isolated_data_dir / "files" / "intake").glob("*.sealed"))


def test_declining_queues_the_purge_for_its_due_day(
    client, recovery_key, officer, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    submission = submit(client)
    with django_capture_on_commit_callbacks(execute=True):
        reading.change_status(submission, "declined", by=officer)
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("purge_expired_submissions")
    assert queued.run_after.date() >= date.today() + timedelta(days=364)


def test_replying_to_a_submission_without_codename_is_refused_plainly(client, recovery_key, officer):
    client.post("/contact/", {"name": "Ana", "email": "ana@example.org", "subject": "Hello", "message": "Hi"})
    submission = Submission.objects.get()
    client.force_login(officer)
    client.post("/staff/unlock/", {"password": PASSWORD})
    response = client.post(f"/staff/inbox/{submission.uid}/", {"action": "reply", "text": "Hello"})
    assert response.status_code == 400
    assert "has no codename" in response.content.decode()
    assert submission.messages.count() == 0


def test_rotating_the_recovery_key_reseals_every_submission_and_records_the_new_fingerprint(
    client, recovery_key, officer
):
    submission = submit(client)
    rotated = staff_key_actions.rotate_recovery_key(old_private_key=recovery_key)
    assert rotated.resealed == 1
    record = submission.access_records.get(action=AccessRecord.Action.RESEALED)
    assert rotated.new.fingerprint in record.note
    assert OfficeKey.objects.current() == rotated.new
    with pytest.raises(WrongRecoveryKey):
        staff_key_actions.grant_access(officer, recovery_private_key=recovery_key)


def test_rotation_with_a_key_that_is_not_the_current_one_changes_nothing(client, recovery_key, officer):
    submit(client)
    stranger = recovery.private_key_from_b64(recovery.new_recovery_keypair()[0])
    with pytest.raises(WrongRecoveryKey):
        staff_key_actions.rotate_recovery_key(old_private_key=stranger)
    assert OfficeKey.objects.count() == 1
    assert not AccessRecord.objects.filter(action=AccessRecord.Action.RESEALED).exists()


def test_rotation_is_all_or_nothing_when_a_submission_key_does_not_open(client, recovery_key, officer):
    first, second = submit(client), submit(client)
    WrappedSubmissionKey.objects.filter(submission=second, office_key__isnull=False).update(
        wrapped_key=b"damaged"
    )
    with pytest.raises(WrongRecoveryKey, match="nothing changed"):
        staff_key_actions.rotate_recovery_key(old_private_key=recovery_key)
    assert OfficeKey.objects.get().retired_on is None
    assert WrappedSubmissionKey.objects.filter(submission=first, office_key__isnull=False).count() == 1


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("grace.admin", password="the administrator's passphrase")


@pytest.fixture
def officer_who_administers(officer):
    """The admin is for administrators; an officer who is one changes their password there too."""
    assign_role(officer, ADMINISTRATOR)
    return User.objects.get(pk=officer.pk)


def test_changing_ones_own_password_in_the_admin_keeps_the_key(client, recovery_key, officer_who_administers):
    officer = officer_who_administers
    submission = submit(client)
    client.force_login(officer)
    new_password = "a brand new long passphrase"
    response = client.post(
        "/staff/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new_password)
    opened = reading.open_submission(
        submission, by=officer, staff_private_key=staff_private_key(officer, new_password)
    )
    assert opened.content["persons"][0]["name"] == "Leyla Defender"


def test_admin_password_change_with_a_wrong_old_password_changes_nothing(
    client, recovery_key, officer_who_administers
):
    officer = officer_who_administers
    client.force_login(officer)
    response = client.post(
        "/staff/admin/password_change/",
        {
            "old_password": "a guess",
            "new_password1": "a brand new passphrase",
            "new_password2": "a brand new passphrase",
        },
    )
    assert response.status_code == 200
    assert staff_private_key(officer)


def test_password_set_for_another_account_in_the_admin_revokes_their_key(
    client, recovery_key, officer, administrator
):
    submit(client)
    client.force_login(administrator)
    new_password = "set by the administrator 2026"
    response = client.post(
        f"/staff/admin/auth/user/{officer.pk}/password/",
        {"password1": new_password, "password2": new_password, "usable_password": "true", "set-password": ""},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new_password)
    assert not StaffKey.objects.filter(user=officer).exists()
    assert not WrappedSubmissionKey.objects.filter(staff_key__user=officer).exists()


def test_changepassword_command_revokes_the_key(recovery_key, officer, monkeypatch):
    # By name, as an operator types it: the intake's command must win over django.contrib.auth's.
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "set on the command line 2026")
    call_command("changepassword", officer.username, stdout=io.StringIO())
    officer.refresh_from_db()
    assert officer.check_password("set on the command line 2026")
    assert not StaffKey.objects.filter(user=officer).exists()


def test_a_password_upgrade_or_login_leaves_the_key_in_place(client, recovery_key, officer):
    officer.save(update_fields=["last_login"])
    officer.save()
    assert StaffKey.objects.filter(user=officer).exists()


def test_staff_key_cookie_is_sent_only_to_staff_pages(client, recovery_key, officer):
    client.force_login(officer)
    unlocked = client.post("/staff/unlock/", {"password": PASSWORD})
    cookie = unlocked.cookies[keyring.STAFF_KEY_COOKIE]
    assert cookie["path"] == "/staff/"
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    locked = client.post("/staff/lock/")
    assert locked.cookies[keyring.STAFF_KEY_COOKIE]["path"] == "/staff/"
    assert locked.cookies[keyring.STAFF_KEY_COOKIE].value == ""


@pytest.mark.parametrize("prefix", ["/fr", "/es"])
def test_staff_pages_have_no_language_prefixed_address(client, recovery_key, officer, prefix):
    client.force_login(officer)
    for page in ("/staff/inbox/", "/staff/unlock/", "/staff/password/"):
        assert client.get(f"{prefix}{page}").status_code == 404
    assert client.get("/staff/inbox/").status_code == 200
