import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from defenders.intake.actions import reading
from defenders.intake.models import Submission, SubmissionFile
from defenders.intake.tests.helpers import codename_from, confidential_form


@pytest.fixture
def source(client, recovery_key, officer):
    """A source who submitted and kept their codename."""
    codename = codename_from(client.post("/submit/confidential/", confidential_form()))
    client.logout()
    return codename


def test_source_logs_in_with_the_codename_typed_loosely(client, source):
    response = client.post(
        "/submit/follow-up/", {"codename": "  " + source.upper().replace(" ", "   ") + " "}
    )
    assert response.status_code == 200
    assert "Your conversation with the team" in response.content.decode()


def test_codename_login_fails_the_same_way_for_unknown_and_wrong(client, source):
    words = source.split()
    wrong = " ".join([*words[:-1], "zebra" if words[-1] != "zebra" else "yacht"])
    unknown = "alpha bravo charlie delta echo foxtrot golf"
    first = client.post("/submit/follow-up/", {"codename": wrong})
    second = client.post("/submit/follow-up/", {"codename": unknown})
    assert first.status_code == second.status_code == 400

    def comparable(response) -> str:
        # The CSRF token is masked afresh on every page, and each page echoes what was typed.
        html = response.content.decode().replace(wrong, "X").replace(unknown, "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert comparable(first) == comparable(second)
    assert "This codename was not recognised." in first.content.decode()


def test_replies_go_both_ways_and_only_the_codename_opens_them(client, source, officer, officer_private_key):
    submission = Submission.objects.get()
    reading.reply_to_source(submission, "Could you tell us where she is held?", by=officer)
    thread = client.post("/submit/follow-up/", {"codename": source}).content.decode()
    assert "Could you tell us where she is held?" in thread
    added = client.post(
        "/submit/follow-up/add/", {"message": "In the central prison.", "remove_metadata": "on"}
    )
    assert added.status_code == 200
    again = client.post("/submit/follow-up/", {"codename": source}).content.decode()
    assert again.index("Could you tell us") < again.index("In the central prison.")

    key = officer_private_key
    opened = reading.open_submission(submission, by=officer, staff_private_key=key)
    assert [text for _, text, _ in opened.messages] == [
        "Could you tell us where she is held?",
        "In the central prison.",
    ]


def test_source_adds_a_file_later(client, source):
    client.post("/submit/follow-up/", {"codename": source})
    upload = SimpleUploadedFile("more.txt", b"More evidence, in plain text.", content_type="text/plain")
    response = client.post(
        "/submit/follow-up/add/", {"message": "", "attachments": [upload], "remove_metadata": "on"}
    )
    assert response.status_code == 200
    assert SubmissionFile.objects.count() == 1


def test_adding_without_a_codename_session_is_refused(client, source):
    response = client.post("/submit/follow-up/add/", {"message": "sneaky"})
    assert response.status_code == 403
    assert Submission.objects.get().messages.count() == 0


def test_a_source_cannot_see_another_sources_submission(client, recovery_key, officer):
    first = codename_from(client.post("/submit/confidential/", confidential_form()))
    second = codename_from(
        client.post("/submit/confidential/", confidential_form(**{"persons-0-name": "Other"}))
    )
    one, two = Submission.objects.order_by("pk")
    reading.reply_to_source(one, "Only for the first source", by=officer)
    reading.reply_to_source(two, "Only for the second source", by=officer)
    page = client.post("/submit/follow-up/", {"codename": second}).content.decode()
    assert "Only for the second source" in page and "Only for the first source" not in page
    client.post("/submit/follow-up/add/", {"message": "from the second"})
    assert two.messages.filter(author="source").count() == 1
    assert one.messages.filter(author="source").count() == 0
    assert first != second


def test_leaving_ends_the_source_session(client, source):
    client.post("/submit/follow-up/", {"codename": source})
    client.post("/submit/follow-up/leave/")
    assert client.post("/submit/follow-up/add/", {"message": "after leaving"}).status_code == 403
