"""The OpenAPI description is valid, and the answers match the schemas it publishes."""

import jsonschema
import pytest
from openapi_spec_validator import validate

from .world import WITHHELD_NAME


@pytest.fixture
def description(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_description_is_valid_openapi(description):
    validate(description)
    assert description["info"]["title"] == "Defenders open data"


def test_the_description_names_every_endpoint(description):
    assert set(description["paths"]) == {
        "/api/v1/communications",
        "/api/v1/communications/{slug}",
        "/api/v1/mandates",
        "/api/v1/addressees",
        "/api/v1/statistics/addressees",
    }
    parameters = {p["name"] for p in description["paths"]["/api/v1/communications"]["get"]["parameters"]}
    assert parameters == {
        "q",
        "addressee",
        "year",
        "type",
        "mandate",
        "theme",
        "reply",
        "language",
        "sort",
        "page",
    }


def answer_schema(description: dict, path: str, status: str = "200") -> dict:
    """The JSON schema of an answer, with the description's components to resolve its references against."""
    schema = description["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": description["components"]}


def check(description: dict, path: str, body, status: str = "200") -> None:
    # OpenAPI 3.1 schemas are JSON Schema 2020-12; "#/components/..." resolves against the schema's root.
    schema = answer_schema(description, path, status)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(body)


def test_answers_match_their_schemas(client, world, description):
    check(
        description,
        "/api/v1/communications/{slug}",
        client.get(f"/api/v1/communications/{world.public.slug}").json(),
    )
    check(
        description, "/api/v1/communications/{slug}", client.get("/api/v1/communications/none").json(), "404"
    )
    check(description, "/api/v1/communications", client.get("/api/v1/communications?q=marker").json())
    check(description, "/api/v1/communications", client.get("/api/v1/communications?type=XX").json(), "400")
    check(description, "/api/v1/mandates", client.get("/api/v1/mandates").json())
    check(description, "/api/v1/addressees", client.get("/api/v1/addressees").json())


def test_a_schema_check_fails_on_a_wrong_answer(client, world, description):
    record = client.get(f"/api/v1/communications/{world.public.slug}").json()
    del record["replies"]
    with pytest.raises(jsonschema.ValidationError):
        check(description, "/api/v1/communications/{slug}", record)


def test_the_description_itself_names_no_person(description):
    assert WITHHELD_NAME not in str(description)
