"""The API's record, mandates and addressees: only what the publication rule holds public, redacted."""

import time_machine

from .world import EMBARGO_ENDS, WITHHELD_NAME, assert_shows_only_the_public_one


def test_a_public_communication_is_its_interchange_record_redacted(client, world):
    response = client.get(f"/api/v1/communications/{world.public.slug}")
    assert response.status_code == 200
    record = response.json()
    assert record["id"] == str(world.public.uid)
    assert record["title"] == "detention of [name withheld] (public marker)"
    assert record["topic"] == "Arbitrary detention of [name withheld]"
    assert record["summary"]["background"].startswith("Mr. [name withheld], a lawyer")
    assert record["full_text"] == "Excellency, we write about [name withheld]."
    assert record["sent_on"] == "2023-10-25"
    assert record["public_from"] == "2023-12-24T00:00:00+01:00"
    assert record["url"] == f"http://testserver/communications/{world.public.slug}/"
    assert [mandate["short_name"] for mandate in record["mandates"]] == ["SR HRDs", "WGAD"]
    assert record["mandates"][0]["lead"] is True
    assert record["themes"] == ["Judicial harassment"]
    [reply] = record["replies"]
    assert reply["id"] == str(world.reply.uid) and reply["summary"] == "[name withheld] was released."
    assert WITHHELD_NAME.split()[1] not in response.content.decode()


def test_a_public_record_has_no_field_that_is_never_public(client, world):
    record = client.get(f"/api/v1/communications/{world.public.slug}").json()
    assert not {"persons", "withheld", "withheld_reason"} & set(record)


def test_embargoed_withheld_and_unknown_slugs_answer_the_same_json_404(client, world):
    answers = [
        client.get(f"/api/v1/communications/{slug}")
        for slug in (world.embargoed.slug, world.withheld.slug, "no-such-letter")
    ]
    assert {response.status_code for response in answers} == {404}
    assert len({response.content for response in answers}) == 1
    assert answers[0].json() == {"detail": "No public communication has this slug."}


def test_the_embargoed_one_appears_once_its_sixty_days_are_over(client, world):
    with time_machine.travel(EMBARGO_ENDS.replace(minute=1)):
        assert client.get(f"/api/v1/communications/{world.embargoed.slug}").status_code == 200
    with time_machine.travel(EMBARGO_ENDS.replace(day=19, hour=23, minute=59)):
        assert client.get(f"/api/v1/communications/{world.embargoed.slug}").status_code == 404


def test_a_reply_received_after_now_is_not_in_the_record(client, world, make_communication):
    from datetime import date

    from defenders.communications import actions

    actions.record_reply(world.public, received_on=date(2024, 2, 10), summary="Later reply.", by=None)
    record = client.get(f"/api/v1/communications/{world.public.slug}").json()
    assert [reply["received_on"] for reply in record["replies"]] == ["2023-12-01"]
    with time_machine.travel(EMBARGO_ENDS):
        record = client.get(f"/api/v1/communications/{world.public.slug}").json()
    assert [reply["received_on"] for reply in record["replies"]] == ["2023-12-01", "2024-02-10"]


def test_mandates_count_public_communications_signed_and_led(client, world):
    mandates = {mandate["short_name"]: mandate for mandate in client.get("/api/v1/mandates").json()}
    assert len(mandates) == 25
    assert (mandates["SR HRDs"]["communications"], mandates["SR HRDs"]["led"]) == (1, 1)
    assert (mandates["WGAD"]["communications"], mandates["WGAD"]["led"]) == (1, 0)
    assert mandates["SR FoE"]["communications"] == 0
    with time_machine.travel(EMBARGO_ENDS):
        mandates = {mandate["short_name"]: mandate for mandate in client.get("/api/v1/mandates").json()}
    assert mandates["SR HRDs"]["communications"] == 2


def test_addressees_list_only_those_with_public_communications(client, world):
    addressees = client.get("/api/v1/addressees").json()
    assert addressees == [
        {
            "code": "RUS",
            "name": "Russian Federation",
            "short_name": "Russia",
            "kind": "state",
            "communications": 1,
        }
    ]
    with time_machine.travel(EMBARGO_ENDS):
        codes = [addressee["code"] for addressee in client.get("/api/v1/addressees").json()]
    assert codes == ["RUS", "TUR"]


def test_every_answer_shows_only_the_public_one(client, world):
    body = client.get(f"/api/v1/communications/{world.public.slug}").content.decode()
    assert_shows_only_the_public_one(body)
    listing = (
        client.get("/api/v1/addressees").content.decode() + client.get("/api/v1/mandates").content.decode()
    )
    assert "TUR" not in listing and "BLR" not in listing


def test_an_unknown_address_of_the_api_is_a_json_404(client, db):
    response = client.get("/api/v1/letters")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "openapi.json" in response.json()["detail"]
