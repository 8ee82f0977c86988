import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from defenders.intake import source_forms
from defenders.intake.actions import reading, sources
from defenders.intake.models import Message, Submission, SubmissionFile, WrappedSubmissionKey
from defenders.intake.tests.helpers import codename_from, confidential_form

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_confidential_submission_gives_a_seven_word_codename_once(client, recovery_key, officer):
    response = client.post("/submit/confidential/", confidential_form())
    assert response.status_code == 200
    codename = codename_from(response)
    assert len(codename.split()) >= 7
    assert "no-store" in response["Cache-Control"]
    submission = Submission.objects.get()
    assert submission.kind == "confidential" and submission.status == "new"
    assert codename not in submission.codename_hash
    assert WrappedSubmissionKey.objects.filter(submission=submission).count() == 2  # officer and recovery


def test_staff_read_what_the_source_wrote_and_the_reading_is_recorded(
    client, recovery_key, officer, officer_private_key
):
    client.post("/submit/confidential/", confidential_form())
    submission = Submission.objects.get()

    staff_key = officer_private_key
    opened = reading.open_submission(submission, by=officer, staff_private_key=staff_key)
    assert opened.content["persons"][0]["name"] == "Leyla Defender"
    assert opened.content["incidents"][0]["date"] == "2024-03"
    assert opened.content["form"]["consents_to_naming_in_public"] == "no"
    assert submission.access_records.get().user == officer


def test_invalid_form_keeps_what_was_typed_shows_errors_and_stores_nothing(client, recovery_key):
    response = client.post(
        "/submit/confidential/",
        confidential_form(**{"persons-0-name": "", "incidents-0-day": "31", "incidents-0-month": "2"}),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "This field is required." in html
    assert "This date does not exist." in html
    assert "She was arrested at her office." in html  # kept
    assert 'aria-invalid="true"' in html
    assert Submission.objects.count() == 0


def test_adding_a_person_without_javascript_keeps_the_data_and_stores_nothing(client, recovery_key):
    response = client.post("/submit/confidential/", confidential_form(add_persons="1", send=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Person 2" in html and 'name="persons-1-name"' in html
    assert "Leyla Defender" in html
    assert "There is a problem" not in html
    assert Submission.objects.count() == 0


def test_html_typed_by_a_source_in_every_text_field_is_shown_escaped_to_staff(client, recovery_key, officer):
    from django import forms as django_forms

    from defenders.intake import source_forms as forms

    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    overrides = {}
    for prefix, form_class in (
        ("", forms.ConfidentialSubmissionForm),
        ("persons-0-", forms.PersonConcernedForm),
        ("incidents-0-", forms.IncidentForm),
    ):
        for name, field in form_class.base_fields.items():
            if type(field) is django_forms.CharField:
                overrides[f"{prefix}{name}"] = script
    overrides["preferred_contact"] = "email"  # so that contact_details is kept
    assert len(overrides) >= 15
    assert client.post("/submit/confidential/", confidential_form(**overrides)).status_code == 200
    client.force_login(officer)
    response = client.post("/staff/unlock/", {"password": "correct horse battery staple 42"})
    assert response.status_code == 302
    page = client.get(f"/staff/inbox/{Submission.objects.get().uid}/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= len(overrides) - 1


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("report.pdf", PDF, True),
        ("photo.png", PNG, True),
        ("notes.txt", "Plain notes, UTF-8: été".encode(), True),
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, False),  # a Windows program named .pdf
        ("empty.pdf", b"", False),
    ],
)
def test_file_type_is_checked_by_content_not_by_name(client, recovery_key, officer, name, content, accepted):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    form = confidential_form()
    del form["remove_metadata"]  # the type is checked first, whatever mat2 then makes of this minimal PNG
    response = client.post("/submit/confidential/", {**form, "attachments": [upload]})
    if accepted:
        assert response.status_code == 200
        assert SubmissionFile.objects.count() == 1
    else:
        assert response.status_code == 400
        assert (
            "empty" in response.content.decode()
            or "not a type of file we can accept" in response.content.decode()
        )
        assert Submission.objects.count() == 0


def test_oversize_file_is_refused_with_a_413_page_and_nothing_stored(
    client, recovery_key, settings, isolated_data_dir
):
    settings.DEFENDERS_MAX_FILE_BYTES = 100 * 1024
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (200 * 1024), content_type="application/pdf")
    response = client.post("/submit/confidential/", {**confidential_form(), "attachments": [big]})
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    assert Submission.objects.count() == 0
    assert not list((isolated_data_dir / "files").glob("**/*.sealed"))


def test_submission_over_the_total_limit_is_refused(client, recovery_key, settings):
    settings.DEFENDERS_MAX_FILE_BYTES = 100 * 1024
    settings.DEFENDERS_MAX_SUBMISSION_BYTES = 150 * 1024
    files = [
        SimpleUploadedFile(f"f{n}.pdf", PDF + b"0" * (60 * 1024), content_type="application/pdf")
        for n in range(3)
    ]
    response = client.post("/submit/confidential/", {**confidential_form(), "attachments": files})
    assert response.status_code == 413
    assert Submission.objects.count() == 0


def test_malformed_multipart_body_is_a_clear_400_and_stores_nothing(client, recovery_key):
    body = b'--boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end boundary'
    response = client.generic(
        "POST", "/submit/confidential/", body, content_type="multipart/form-data; boundary=boundary"
    )
    assert response.status_code == 400
    assert "Nothing was kept." in response.content.decode()
    assert Submission.objects.count() == 0


def test_database_error_gives_not_received_and_leaves_no_rows_or_files(
    client, recovery_key, monkeypatch, isolated_data_dir
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(WrappedSubmissionKey.objects, "bulk_create", broken)
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = client.post("/submit/confidential/", {**confidential_form(), "attachments": [upload]})
    assert response.status_code == 503
    assert "was not received" in response.content.decode()
    assert Submission.objects.count() == 0 and SubmissionFile.objects.count() == 0
    assert not [p for p in (isolated_data_dir / "files").glob("**/*") if p.is_file()]
    assert not [p for p in (isolated_data_dir / "scratch").glob("**/*") if p.is_file()]


def test_intake_refuses_cleanly_when_the_office_has_no_recovery_key(client, db):
    response = client.post("/submit/confidential/", confidential_form())
    assert response.status_code == 503
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (
            "/submit/",
            {"country": "Chad", "subject": "Closure of NGO", "information": "Details", "language": "fr"},
        ),
        (
            "/meeting/",
            {
                "name": "Ana",
                "country": "Peru",
                "email": "ana@example.org",
                "meet_with": "team",
                "topic": "Land",
                "format": "online",
                "preferred_dates": "next week",
                "time_zone": "UTC-5",
                "language": "es",
            },
        ),
        (
            "/contact/",
            {"name": "Ana", "email": "ana@example.org", "subject": "Hello", "message": "A question"},
        ),
    ],
)
def test_other_forms_store_sealed_and_thank(client, recovery_key, officer, url, data):
    response = client.post(url, data)
    assert response.status_code == 200
    assert "was received" in response.content.decode()
    submission = Submission.objects.get()
    assert submission.codename_lookup is None
    assert data["email" if "email" in data else "information"].encode() not in bytes(
        submission.sealed_payload
    )


def test_other_forms_show_errors_beside_fields(client, recovery_key):
    response = client.post(
        "/contact/", {"name": "", "email": "not an address", "subject": "x", "message": "y"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in html
    assert Submission.objects.count() == 0


def test_pages_for_sources_set_no_referrer_a_strict_csp_and_only_a_session_cookie(client, recovery_key):
    response = client.get("/submit/confidential/")
    assert response["Referrer-Policy"] == "no-referrer"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http" not in csp
    posted = client.post("/submit/confidential/", confidential_form())
    assert set(client.cookies.keys()) <= {"session"}
    assert "<script" not in posted.content.decode()


def test_staff_message_storage_is_sealed(client, recovery_key, officer):
    receipt = sources.receive_submission(
        kind="confidential", content={"x": 1}, prepared_files=[], language="en", with_codename=True
    )
    reading.reply_to_source(receipt.submission, "MARKER staff question", by=officer)
    message = Message.objects.get()
    assert b"MARKER" not in bytes(message.sealed_for_source or b"") + bytes(message.sealed_for_staff)


def test_incident_date_in_the_future_is_judged_by_the_office_calendar(monkeypatch):
    from datetime import date

    from defenders.intake import source_forms

    monkeypatch.setattr(source_forms, "office_today", lambda: date(2026, 3, 1))
    incident = {"day": "2", "month": "3", "year": "2026", "account": "Arrested at dawn."}
    assert not source_forms.IncidentForm(incident).is_valid()
    assert source_forms.IncidentForm({**incident, "day": "1"}).is_valid()


def test_keep_until_must_be_after_the_office_day(monkeypatch):
    from datetime import date

    from defenders.intake import inbox_forms

    monkeypatch.setattr(inbox_forms, "office_today", lambda: date(2026, 3, 1))
    assert not inbox_forms.ExtendForm({"until": "2026-03-01", "reason": "Ongoing case"}).is_valid()
    assert inbox_forms.ExtendForm({"until": "2026-03-02", "reason": "Ongoing case"}).is_valid()


@pytest.mark.parametrize("field", ["persons-TOTAL_FORMS", "incidents-TOTAL_FORMS"])
@pytest.mark.parametrize("value", ["10000", "-1", "31", "1e3", "٣"])
def test_a_forged_row_count_is_refused_before_any_row_is_built(
    client, recovery_key, monkeypatch, field, value
):
    built: list[str] = []

    def counting(form_class):
        original = form_class.__init__

        def init(self, *args, **kwargs) -> None:
            built.append(form_class.__name__)
            original(self, *args, **kwargs)

        return init

    for form_class in (source_forms.PersonConcernedForm, source_forms.IncidentForm):
        monkeypatch.setattr(form_class, "__init__", counting(form_class))
    response = client.post("/submit/confidential/", confidential_form(**{field: value}))
    assert response.status_code == 400
    assert "The form was damaged on the way and could not be read" in response.content.decode()
    assert len(built) <= 2  # the blank rows of the page shown again
    assert len(response.content) < 100_000
    assert not Submission.objects.exists()


def test_a_forged_row_count_is_refused_in_the_sources_language(client, recovery_key):
    response = client.post("/fr/submit/confidential/", confidential_form(**{"persons-TOTAL_FORMS": "10000"}))
    assert response.status_code == 400
    assert "Le formulaire a été abîmé en chemin" in response.content.decode()


def test_the_formsets_never_build_more_rows_than_the_page_offers():
    for formset_class in (source_forms.PersonsFormSet, source_forms.IncidentsFormSet):
        assert formset_class.absolute_max == formset_class.max_num == source_forms.MAX_ROWS
        assert formset_class.validate_max


def test_adding_rows_stops_at_the_maximum(client, recovery_key):
    data = confidential_form(**{"persons-TOTAL_FORMS": str(source_forms.MAX_ROWS), "add_persons": "1"})
    response = client.post("/submit/confidential/", data)
    assert response.status_code == 200
    assert response.content.decode().count('name="persons-TOTAL_FORMS" value="30"') == 1


def test_a_form_without_any_person_says_so_in_the_summary_at_the_top(client, recovery_key):
    response = client.post("/fr/submit/confidential/", confidential_form(**{"persons-TOTAL_FORMS": "0"}))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))
    ]
    assert "Veuillez soumettre au moins 1 formulaire" in summary
