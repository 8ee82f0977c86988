from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications.models import Reply
from defenders.demo.loader import load_khamroev
from defenders.demo.published_summary import read_published_summary
from defenders.demo.records import DATA, KHAMROEV

AFTER_PUBLICATION = datetime(2024, 6, 1, 12, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def published_fixture():
    return read_published_summary((DATA / f"{KHAMROEV}.txt").read_text(encoding="utf-8"))


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_khamroev_page_reads_like_the_published_summary(client, mandates, published_fixture):
    communication = load_khamroev()
    with time_machine.travel(AFTER_PUBLICATION):
        response = client.get(communication.get_absolute_url())
    assert response.status_code == 200
    html = page_text(response)
    assert f"<h1>{published_fixture.title}</h1>" in html
    assert published_fixture.introduction in html
    assert "This is a shorter version of the original communication." in html
    assert f"<strong>Topic:</strong> {published_fixture.topic}" in html
    for heading in ("Background", "Allegations", "Concerns"):
        assert f"<h2>{heading}</h2>" in html
    for section in published_fixture.sections.values():
        for paragraph in section.split("\n\n"):
            assert f"<p>{paragraph}</p>" in html.replace("&#x27;", "'").replace("&quot;", '"')


def test_khamroev_has_no_reference_and_a_stable_slug(mandates):
    first = load_khamroev()
    again = load_khamroev()
    assert first.reference == ""
    assert first.slug == again.slug
    assert first.slug.startswith("rus-")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "translation_pending", "received_days", "expected"),
    [
        (None, False, None, "Regrettably, the Government did not reply within this timeframe."),
        ("substantive", False, 30, "The Government replied on 24 November 2023. The reply is available"),
        ("substantive", True, 30, "The reply is being translated and will be posted"),
        ("acknowledgement", False, 10, "On 4 November 2023, the Government acknowledged receipt"),
        ("extension_request", False, 50, "the Government requested an extension of the deadline"),
        ("confidential", False, 30, "asked that its reply be kept confidential"),
        ("substantive", False, 90, "replied on 23 January 2024, after the communication was made public"),
    ],
)
def test_introduction_states_each_reply_variant(
    client, make_communication, kind, translation_pending, received_days, expected
):
    communication = make_communication(sent_on=date(2023, 10, 25), full_text="Excellency, ...")
    if kind:
        Reply.objects.create(
            communication=communication,
            received_on=date(2023, 10, 25) + timedelta(days=received_days),
            kind=kind,
            translation_pending=translation_pending,
            summary="The Government said the charges were lawful.",
        )
    with time_machine.travel(AFTER_PUBLICATION):
        html = page_text(client.get(communication.get_absolute_url()))
    assert expected in html
    if kind in (None, "acknowledgement", "extension_request", "confidential"):
        assert "If a reply is received, it will be posted" in html
    if kind == "confidential":
        assert "The Government said the charges were lawful." not in html


@pytest.mark.django_db
def test_reply_pages_show_content_only_when_it_may_be_published(client, make_communication):
    communication = make_communication(sent_on=date(2023, 10, 25))
    public = Reply.objects.create(
        communication=communication, received_on=date(2023, 11, 5), summary="The detention was lawful."
    )
    secret = Reply.objects.create(
        communication=communication,
        received_on=date(2023, 11, 6),
        kind="confidential",
        summary="Do not publish.",
    )
    with time_machine.travel(AFTER_PUBLICATION):
        shown = page_text(client.get(f"{communication.get_absolute_url()}replies/{public.uid}/"))
        placeholder = page_text(client.get(f"{communication.get_absolute_url()}replies/{secret.uid}/"))
    assert "The detention was lawful." in shown
    assert "kept confidential" in placeholder
    assert "Do not publish." not in placeholder


@pytest.mark.django_db
def test_late_reply_is_not_shown_before_it_is_received(client, make_communication):
    communication = make_communication(sent_on=date(2023, 10, 25))
    Reply.objects.create(communication=communication, received_on=date(2024, 3, 1), summary="Late words.")
    with time_machine.travel(datetime(2024, 2, 1, 12, tzinfo=OFFICE_TIME_ZONE)):
        before = page_text(client.get(communication.get_absolute_url()))
    with time_machine.travel(datetime(2024, 3, 1, 9, tzinfo=OFFICE_TIME_ZONE)):
        after = page_text(client.get(communication.get_absolute_url()))
    assert "did not reply within this timeframe" in before
    assert "replied on 1 March 2024" not in before
    assert "replied on 1 March 2024" in after


@pytest.mark.django_db
def test_embargoed_communication_is_404_like_a_reference_that_never_existed(client, make_communication):
    communication = make_communication(
        sent_on=date(2024, 5, 20), reference="AL RUS 15/2024", full_text="Text"
    )
    with time_machine.travel(AFTER_PUBLICATION):
        embargoed = client.get(communication.get_absolute_url())
        letter = client.get(f"{communication.get_absolute_url()}letter/")
        unknown = client.get("/communications/al-rus-99-2024/")
        listing = page_text(client.get("/communications/"))
    assert embargoed.status_code == letter.status_code == unknown.status_code == 404
    assert embargoed.content == unknown.content
    assert communication.title not in listing
    assert "AL RUS 15/2024" not in listing


@pytest.mark.django_db
def test_withheld_communication_is_404_and_absent_from_the_list(client, make_communication):
    communication = make_communication(
        sent_on=date(2023, 1, 5),
        withheld=True,
        withheld_reason="Safety of the family",
        title="withheld matter",
    )
    with time_machine.travel(AFTER_PUBLICATION):
        assert client.get(communication.get_absolute_url()).status_code == 404
        home = page_text(client.get("/"))
        listing = page_text(client.get("/communications/"))
    assert "withheld matter" not in listing
    assert "withheld matter" not in home
    assert "No communication has been published yet." in listing


@pytest.mark.django_db
def test_list_is_newest_first_with_country_type_reply_status_and_pages(client, make_communication):
    for n in range(25):
        make_communication(sent_on=date(2023, 1, 1) + timedelta(days=n), title=f"matter number {n:02d}")
    with time_machine.travel(AFTER_PUBLICATION):
        first = page_text(client.get("/communications/"))
        second = page_text(client.get("/communications/?page=2"))
        beyond = client.get("/communications/?page=99")
    assert first.index("matter number 24") < first.index("matter number 23")
    assert "matter number 04" not in first
    assert "matter number 04" in second and "matter number 00" in second
    assert "Page 2 of 2" in second
    assert "Russia" in first and "No reply" in first and ">AL<" in first
    assert beyond.status_code == 200  # the last page, not an error


@pytest.mark.django_db
def test_names_without_public_consent_are_redacted_everywhere(client, make_communication, concerning):
    communication = make_communication(
        sent_on=date(2023, 10, 25),
        title="detention of defender Ivan Secretov",
        background="Mr. Ivan Secretov is a lawyer. Secretov's office was searched.",
        full_text="Excellency, Mr. Ivan Secretov was detained.",
    )
    concerning(communication, "Ivan Secretov", named_in_public=False)
    with time_machine.travel(AFTER_PUBLICATION):
        pages = [
            page_text(client.get(url))
            for url in (
                "/",
                "/communications/",
                communication.get_absolute_url(),
                f"{communication.get_absolute_url()}letter/",
            )
        ]
    for html in pages:
        assert "Secretov" not in html
    assert "[name withheld]" in pages[2]


@pytest.mark.django_db
def test_names_with_public_consent_are_shown(client, make_communication, concerning):
    communication = make_communication(
        sent_on=date(2023, 10, 25), background="Ms. Anna Openova is a journalist."
    )
    concerning(communication, "Anna Openova", named_in_public=True)
    with time_machine.travel(AFTER_PUBLICATION):
        assert "Ms. Anna Openova is a journalist." in page_text(client.get(communication.get_absolute_url()))


@pytest.mark.django_db
def test_other_letter_intro_speaks_of_two_working_days(client, make_communication):
    communication = make_communication(type="OL", sent_on=date(2024, 3, 1), signers=("SR HRDs",))
    with time_machine.travel(datetime(2024, 3, 5, 8, tzinfo=OFFICE_TIME_ZONE)):
        html = page_text(client.get(communication.get_absolute_url()))
    assert "made public two working days after it was sent" in html
    assert "(joint communication)" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/how-communications-work/", "/submit/", "/submit/confidential/", "/meeting/", "/contact/"]
)
def test_home_explainer_and_forms_answer(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if url not in ("/", "/how-communications-work/"):
        assert '<form method="post"' in page_text(response)


@pytest.mark.django_db
def test_press_releases_page_says_plainly_when_none_is_published(client):
    response = client.get("/press-releases/")
    assert response.status_code == 200
    assert "No press release has been published yet." in page_text(response)


@pytest.mark.django_db
def test_every_link_on_the_home_page_leads_somewhere(client):
    import re

    html = page_text(client.get("/"))
    for href in set(re.findall(r'href="(/[^"]*)"', html)):
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
def test_admin_is_behind_login(client):
    response = client.get("/staff/admin/communications/communication/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_two_or_twenty_communications(
    client, make_communication, concerning, django_assert_max_num_queries
):
    def fill(count: int) -> None:
        for n in range(count):
            communication = make_communication(
                sent_on=date(2023, 1, 1) + timedelta(days=n), title=f"detention of Ivan Hiddenov{n}"
            )
            concerning(communication, f"Ivan Hiddenov{n}", named_in_public=False)

    fill(2)
    with time_machine.travel(AFTER_PUBLICATION):
        with CaptureQueriesContext(connection) as few:
            client.get("/communications/")
        fill(18)
        with django_assert_max_num_queries(len(few.captured_queries)):
            html = page_text(client.get("/communications/"))
    assert "Hiddenov" not in html and html.count("[name withheld]") == 20
