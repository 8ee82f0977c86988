"""The public search page: every parameter an address, facets as links, snippets, empty states, never a 500."""

import html
import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from defenders.clock import OFFICE_TIME_ZONE

pytestmark = pytest.mark.django_db
NOW = datetime(2024, 6, 1, 12, tzinfo=OFFICE_TIME_ZONE)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def facet_links(page: str) -> dict[str, int]:
    """Each facet link's address and the count it shows."""
    return {
        html.unescape(href): int(count)
        for href, count in re.findall(
            r'<a href="\?([^"]*)"[^>]*>[^<]*<span class="count">\((\d+)\)</span>', page
        )
    }


def test_a_text_search_shows_hits_with_marked_snippets(client, make_communication):
    make_communication(title="arrest of a lawyer", background="The lawyer was arrested in Kazan.")
    make_communication(title="closure of a newspaper", background="The newspaper was closed.")
    with time_machine.travel(NOW):
        response = client.get("/communications/?q=kazan")
    page = response.content.decode()
    assert response.status_code == 200
    assert "arrest of a lawyer" in page and "closure of a newspaper" not in page
    assert "<mark>Kazan</mark>" in page
    assert "1 communication matches “kazan”" in text_of(response)


def test_every_facet_link_leads_to_as_many_communications_as_it_counts(client, make_communication):
    make_communication(title="a", background="torture", code="TUR", type="UA", signers=("SR HRDs", "WGAD"))
    make_communication(title="b", background="torture", sent_on=date(2022, 5, 2), signers=("WGAD",))
    make_communication(title="c", background="torture", language="fr", signers=("SR HRDs",))
    with time_machine.travel(NOW):
        links = facet_links(client.get("/communications/?q=torture").content.decode())
        assert links
        for query, count in links.items():
            page = text_of(client.get(f"/communications/?{query}"))
            assert f"{count} communication{'s' if count > 1 else ''} match" in page, query


def test_every_parameter_together_is_an_address(client, make_communication):
    make_communication(title="a", background="torture", code="TUR", type="UA", sent_on=date(2023, 3, 1))
    query = "q=torture&addressee=TUR&year=2023&type=UA&mandate=SR+HRDs&reply=none&language=en&sort=date"
    with time_machine.travel(NOW):
        response = client.get(f"/communications/?{query}")
    page = text_of(response)
    assert response.status_code == 200
    assert "1 communication matches “torture”" in page
    # The form keeps the filters for the next words typed.
    assert '<input type="hidden" name="addressee" value="TUR">' in page
    assert '<input type="hidden" name="sort" value="date">' in page


def test_an_unreadable_search_is_a_clear_400(client, make_communication):
    make_communication()
    with time_machine.travel(NOW):
        response = client.get("/communications/?q=***&year=soon")
    assert response.status_code == 400
    assert "This search could not be read" in text_of(response)


def test_no_match_says_what_to_try(client, make_communication):
    make_communication(title="a", background="torture")
    with time_machine.travel(NOW):
        page = text_of(client.get("/communications/?q=zebra&type=UA"))
    assert "No published communication matches “zebra” with these filters" in page
    assert "Check the spelling" in page
    assert 'href="?q=zebra"' in page


def test_embargoed_withheld_and_withheld_names_stay_out_of_the_page(client, make_communication, concerning):
    make_communication(title="embargoed", background="A torture case.", sent_on=date(2024, 4, 3), code="TUR")
    make_communication(
        title="withheld", background="A torture case.", withheld=True, withheld_reason="Risk", code="EGY"
    )
    named = make_communication(title="a defender", background="Ms. Zarina Secretova faced torture.")
    concerning(named, "Zarina Secretova", named_in_public=False)
    with time_machine.travel(NOW):
        page = text_of(client.get("/communications/?q=torture"))
        by_name = text_of(client.get("/communications/?q=Secretova"))
    assert "embargoed" not in page and "withheld" not in page.replace("name withheld", "")
    assert "Türkiye" not in page and "Egypt" not in page  # not even as a facet value
    assert (
        "Secretova" not in page
    )  # the search's own words aside, the name is nowhere: not a hit, not a snippet
    assert "a defender" not in by_name
    assert "No published communication matches" in by_name
    with time_machine.travel(NOW + timedelta(days=1)):
        assert "embargoed" in text_of(client.get("/communications/?q=torture"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            ["q", "addressee", "year", "type", "mandate", "theme", "reply", "language", "sort", "page"]
        ),
        st.text(max_size=40),
        max_size=4,
    )
)
def test_any_query_string_is_a_page_or_a_clear_refusal(client, query):
    clean = {name: value.replace("\x00", "") for name, value in query.items()}
    response = client.get("/communications/", clean)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "This search could not be read" in text_of(response)
