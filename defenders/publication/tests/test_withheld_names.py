"""Names withheld from the public never reach a public page: redacted everywhere, and a communication whose
redacted text still shows a part of one is not published until the text is fixed."""

from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.communications.models import Communication

AFTER_PUBLICATION = datetime(2024, 6, 1, 12, tzinfo=OFFICE_TIME_ZONE)
PUBLIC_PAGES = ("/", "/communications/", "/fr/communications/")


def pages(client, communication: Communication) -> list[str]:
    with time_machine.travel(AFTER_PUBLICATION):
        urls = [*PUBLIC_PAGES, communication.get_absolute_url(), f"{communication.get_absolute_url()}letter/"]
        urls += [
            f"{communication.get_absolute_url()}replies/{reply.uid}/" for reply in communication.replies.all()
        ]
        return [client.get(url).content.decode() for url in urls]


@pytest.mark.django_db
def test_a_reply_summary_is_redacted_on_its_page(client, make_communication, concerning):
    communication = make_communication(full_text="Excellency, ...")
    concerning(communication, "Ivan Secretov", named_in_public=False)
    actions.record_reply(
        communication, received_on=date(2023, 12, 1), summary="Mr. SECRETOV was lawfully detained.", by=None
    )
    for html in pages(client, communication):
        assert "secretov" not in html.casefold()
    assert "[name withheld] was lawfully detained." in pages(client, communication)[-1]


@pytest.mark.django_db
def test_a_leftover_part_of_a_withheld_name_keeps_the_communication_unpublished_until_fixed(
    client, make_communication, concerning
):
    communication = make_communication(background="Li was arrested at dawn.", full_text="Excellency, ...")
    concerning(communication, "Li Wei", named_in_public=False)
    communication.refresh_from_db()
    assert communication.exposes_withheld_name
    assert not Communication.objects.public(at=AFTER_PUBLICATION).filter(pk=communication.pk).exists()
    with time_machine.travel(AFTER_PUBLICATION):
        assert client.get(communication.get_absolute_url()).status_code == 404
    for html in pages(client, communication)[:3]:
        assert "arrested at dawn" not in html

    actions.edit_communication(communication, background="Ms. Li was arrested at dawn.", by=None)
    communication.refresh_from_db()
    assert not communication.exposes_withheld_name
    with time_machine.travel(AFTER_PUBLICATION):
        html = client.get(communication.get_absolute_url()).content.decode()
    assert "Ms. [name withheld] was arrested at dawn." in html


@pytest.mark.django_db
def test_withdrawing_consent_later_unpublishes_a_text_that_would_expose_the_name(
    client, make_communication, concerning
):
    communication = make_communication(background="Li, a lawyer, was arrested.")
    person = concerning(communication, "Li Wei", named_in_public=True)
    assert Communication.objects.public(at=AFTER_PUBLICATION).filter(pk=communication.pk).exists()
    link = person.caseperson_set.get()
    link.consents_to_naming_in_public = False
    link.save()
    assert not Communication.objects.public(at=AFTER_PUBLICATION).filter(pk=communication.pk).exists()


@pytest.mark.django_db
def test_the_admin_shows_the_officer_where_the_name_is(client, make_communication, concerning):
    communication = make_communication(background="Li was arrested at dawn.")
    concerning(communication, "Li Wei", named_in_public=False)
    admin = get_user_model().objects.create_superuser("ada.admin", password="a long admin password 7")
    client.force_login(admin)
    html = client.get(
        f"/staff/admin/communications/communication/{communication.pk}/change/"
    ).content.decode()
    assert "Withheld names still shown" in html
    assert "background: “li” in “…Li was arrested at dawn.…”" in html
