"""Reading and writing the search's query string."""

import pytest

from defenders.search import InvalidSearch, SearchParams


def test_a_full_query_string_is_read_and_written_back_the_same():
    query = "q=torture+lawyer&addressee=TUR&year=2023&type=UA&mandate=SR+HRDs&theme=detention&reply=none&language=fr&sort=date&page=3"
    params = SearchParams.from_query(dict(pair.split("=") for pair in query.replace("+", " ").split("&")))
    assert params == SearchParams(
        q="torture lawyer",
        addressee="TUR",
        year=2023,
        type="UA",
        mandate="SR HRDs",
        theme="detention",
        reply="none",
        language="fr",
        sort="date",
        page=3,
    )
    assert params.as_query(page=3) == query


def test_defaults_are_left_out_and_a_changed_filter_goes_back_to_page_one():
    params = SearchParams(q="x", page=4)
    assert SearchParams().as_query() == ""
    assert params.as_query() == "q=x&page=4"
    assert params.as_query(type="AL") == "q=x&type=AL"
    assert params.as_query(page=5) == "q=x&page=5"


def test_lower_case_codes_are_read():
    assert SearchParams.from_query({"addressee": "tur", "type": "ua"}) == SearchParams(
        addressee="TUR", type="UA"
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("addressee", "Turkey", "three-letter"),
        ("year", "last", "number"),
        ("year", "1066", "between"),
        ("year", "-3", "number"),
        ("type", "XX", "AL, UA or OL"),
        ("theme", "<script>", "theme"),
        ("reply", "maybe", "reply status"),
        ("language", "xx", "language"),
        ("sort", "title", "relevance"),
        ("page", "0", "Pages go"),
        ("page", "51", "Pages go"),
        ("page", "two", "whole number"),
        ("page", "١", "whole number"),
        ("q", "x" * 301, "too long"),
    ],
)
def test_unreadable_parameters_are_refused_in_words(name, value, message):
    with pytest.raises(InvalidSearch, match=message):
        SearchParams.from_query({name: value})
