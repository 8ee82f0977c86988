"""Who may open what: every URL pattern of the site, enumerated from the resolver, against every role, walked in
full with GET and POST. A new view without its row in ACCESS fails `test_every_url_pattern_has_its_row`.

Answers are written as: "ok" (200), "login" (sent to the staff login), "unlock" (sent to unlock the intake
key), "redirect" (any other redirect), or the status code ("403", "404", "405", ...). Later roles (co-signer,
case officer, mandate holder, analyst) join as columns when the workspace defines them.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import OFFICER_PASSWORD
from defenders.analytics.models import ReportingPeriod
from defenders.cases.models import Case
from defenders.clock import office_today
from defenders.communications import actions
from defenders.communications.models import Communication
from defenders.drafting import actions as drafting_actions
from defenders.drafting.models import LawParagraph, StandardQuestion
from defenders.intake.models import Submission, SubmissionFile
from defenders.intake.tests.helpers import codename_from, confidential_form
from defenders.meetings import actions as meeting_actions
from defenders.press import actions as press_actions

ROLES = (
    "anonymous",
    "source",
    "staff_without_permissions",
    "case_officer",
    "mandate_holder",
    "co_signer",
    "analyst",
    "administrator",
)

# For each pattern (its name, or its route when it has none): what each role gets for GET and for POST.
ANON, SOURCE, BARE, OFFICER, HOLDER, COSIGNER, ANALYST, ADMIN = ROLES
STAFF = (BARE, OFFICER, HOLDER, COSIGNER, ANALYST, ADMIN)
PUBLIC_PAGE = {role: ("ok", "405") for role in ROLES}
SOURCE_FORM = {role: ("ok", "400") for role in ROLES}
STAFF_ONLY_LOGIN = {ANON: ("login", "login"), SOURCE: ("login", "login")}
Answers = tuple[str, str]


def staff_row(everyone: Answers | None = None, **by_role: Answers) -> dict[str, Answers]:
    """A staff page's row: login for those not logged in; `everyone` for each staff role not named."""
    unknown = set(by_role) - set(STAFF)
    assert not unknown, unknown
    return {**STAFF_ONLY_LOGIN, **{role: by_role.get(role, everyone or ("403", "403")) for role in STAFF}}


FORBIDDEN = ("403", "403")
OFFICE = (OFFICER, HOLDER, ADMIN)
OFFICE_PAGE = {role: ("ok", "405") for role in OFFICE}
OFFICE_FORM = {role: ("ok", "ok") for role in OFFICE}
OFFICE_POST = {role: ("405", "redirect") for role in OFFICE}
DRAFT_READERS = {**OFFICE_PAGE, COSIGNER: ("ok", "405")}

# The figures' pages, the same names for the public (statistics:) and for staff (figures:).
FIGURE_PAGES = (
    "overview",
    "addressees",
    "addressees_csv",
    "mandates",
    "mandates_csv",
    "map",
    "years",
    "years_csv",
    "years_by_type_csv",
    "types_csv",
    "themes_csv",
    "reports",
    "report",
    "report_csv",
    "report_pdf",
)

ACCESS: dict[str, dict[str, Answers]] = {
    # Public pages: the same for everyone, read-only.
    "publication:home": PUBLIC_PAGE,
    "publication:how_communications_work": PUBLIC_PAGE,
    "publication:communications": PUBLIC_PAGE,
    "publication:communication": PUBLIC_PAGE,
    "publication:letter": PUBLIC_PAGE,
    "publication:reply": PUBLIC_PAGE,
    "publication:reply_file": PUBLIC_PAGE,
    "publication:press_releases": PUBLIC_PAGE,
    "publication:press_release": PUBLIC_PAGE,
    # Open data (defenders/api/): read-only JSON for everyone; other methods are refused in JSON.
    "api:api-root": PUBLIC_PAGE,
    "api:openapi-json": PUBLIC_PAGE,
    "api:communication_list": PUBLIC_PAGE,
    "api:communication_detail": PUBLIC_PAGE,
    # Exports of a search, streamed (defenders/api/exports.py).
    "exports:csv": PUBLIC_PAGE,
    "exports:jsonl": PUBLIC_PAGE,
    "api:mandate_list": PUBLIC_PAGE,
    "api:addressee_list": PUBLIC_PAGE,
    "api:statistics_addressees": PUBLIC_PAGE,
    "api:unknown": {role: ("404", "405") for role in ROLES},
    # Atom feeds and the sitemap (defenders/publication/feeds.py, sitemaps.py): read-only, for everyone.
    "feeds:communications": PUBLIC_PAGE,
    "feeds:addressee": PUBLIC_PAGE,
    "feeds:mandate": PUBLIC_PAGE,
    "feeds:theme": PUBLIC_PAGE,
    "feeds:sitemap": PUBLIC_PAGE,
    "feeds:sitemap_section": PUBLIC_PAGE,
    # Figures of published communications: pages and CSV files, read-only.
    **{f"statistics:{name}": PUBLIC_PAGE for name in FIGURE_PAGES},
    # Source pages: open to all; an empty POST is refused with the form's errors.
    "intake:submit_information": SOURCE_FORM,
    "intake:submit_confidential": SOURCE_FORM,
    "intake:request_meeting": SOURCE_FORM,
    "intake:contact": SOURCE_FORM,
    "intake:follow_up": SOURCE_FORM,
    # Only a source logged in with a codename may add to a submission; others are sent to log in (403).
    "intake:follow_up_add": {
        ANON: ("405", "403"),
        SOURCE: ("405", "400"),
        **{role: ("405", "403") for role in STAFF},
    },
    "intake:follow_up_logout": {role: ("405", "ok") for role in ROLES},
    # Staff login and second factor.
    "accounts:login": {role: ("ok", "400") for role in ROLES},
    # Enrolled and verified already: nothing more to set up, on to the dashboard.
    "accounts:enrol": staff_row(("redirect", "redirect")),
    "accounts:logout": {role: ("405", "login") for role in ROLES},
    # One's own account (the language of the workspace and of one's emails): every staff member with a role in the
    # workspace; an empty choice is valid (the language last used) and saved.
    "accounts:account": staff_row(("ok", "redirect"), staff_without_permissions=FORBIDDEN),
    "staff/admin/login/": {role: ("login", "login") for role in ROLES},
    # The inbox: the read permission, then a key the submission is sealed to.
    "inbox:inbox": staff_row(
        case_officer=("ok", "405"), mandate_holder=("ok", "405"), administrator=("ok", "405")
    ),
    # An administrator may open the page, but no key is made for one who is not enabled as a recipient.
    "inbox:unlock": staff_row(
        case_officer=("ok", "400"), mandate_holder=("ok", "400"), administrator=("ok", "400")
    ),
    "inbox:lock": staff_row(("405", "redirect")),
    "inbox:change_password": staff_row(("ok", "ok")),
    "inbox:submission": staff_row(
        case_officer=("ok", "400"), mandate_holder=("unlock", "unlock"), administrator=("unlock", "unlock")
    ),
    "inbox:download": staff_row(
        case_officer=("ok", "405"), mandate_holder=("unlock", "405"), administrator=("unlock", "405")
    ),
    # A frozen letter's PDF: staff who may view communications.
    "letters:sent_letter": staff_row(
        case_officer=("ok", "405"), mandate_holder=("ok", "405"), administrator=("ok", "405")
    ),
    # Case files: the office's staff (case officers, the Rapporteur) and administrators; opening one from a
    # submission needs the key unlocked too. Removals ask to be confirmed, so an empty post is refused.
    "cases:list": staff_row(
        case_officer=("ok", "405"), mandate_holder=("ok", "405"), administrator=("ok", "405")
    ),
    "cases:new": staff_row(
        case_officer=("ok", "400"), mandate_holder=("ok", "400"), administrator=("ok", "400")
    ),
    "cases:new_from_submission": staff_row(
        case_officer=("ok", "400"), mandate_holder=("unlock", "unlock"), administrator=("unlock", "unlock")
    ),
    **{
        f"cases:{name}": staff_row(
            case_officer=("ok", "400"), mandate_holder=("ok", "400"), administrator=("ok", "400")
        )
        for name in (
            "themes",
            "theme",
            "edit",
            "add_person",
            "edit_person",
            "remove_person",
            "add_organisation",
            "edit_organisation",
            "remove_organisation",
            "add_event",
            "edit_event",
            "delete_event",
            "link_submission",
            "unlink_submission",
            "suggest_timeline",
        )
    },
    "cases:detail": staff_row(
        case_officer=("ok", "405"), mandate_holder=("ok", "405"), administrator=("ok", "405")
    ),
    # The workspace.
    "workspace:dashboard": staff_row(("ok", "405"), staff_without_permissions=FORBIDDEN),
    # Drafting: the office drafts and sends; a co-signer (SR FoE) reads the drafts shared with its mandate and
    # decides for it only. An empty POST re-shows a form with its errors ("ok"); sending an unapproved draft
    # goes back to it with what is missing ("redirect").
    "drafting:list": staff_row(**DRAFT_READERS),
    "drafting:new": staff_row(**OFFICE_FORM),
    "drafting:detail": staff_row(**DRAFT_READERS),
    "drafting:edit": staff_row(**OFFICE_FORM),
    "drafting:signatories": staff_row(**OFFICE_FORM),
    "drafting:versions": staff_row(**DRAFT_READERS),
    "drafting:compare": staff_row(**DRAFT_READERS),
    "drafting:request_sign_off": staff_row(**OFFICE_POST),
    "drafting:sign_off": staff_row(
        case_officer=("ok", "403"),
        mandate_holder=("ok", "403"),
        co_signer=("ok", "ok"),
        administrator=("ok", "403"),
    ),
    "drafting:send": staff_row(**OFFICE_POST),
    "drafting:law_list": staff_row(**OFFICE_PAGE),
    "drafting:law_new": staff_row(**OFFICE_FORM),
    "drafting:law_edit": staff_row(**OFFICE_FORM),
    "drafting:law_retire": staff_row(**OFFICE_POST),
    "drafting:questions_list": staff_row(**OFFICE_PAGE),
    "drafting:questions_new": staff_row(**OFFICE_FORM),
    "drafting:questions_edit": staff_row(**OFFICE_FORM),
    "drafting:questions_retire": staff_row(**OFFICE_POST),
    # Communications after sending: the office and the Rapporteur; an empty form is refused (400).
    **{
        f"communications:{name}": staff_row(
            case_officer=answers, mandate_holder=answers, administrator=answers
        )
        for name, answers in {
            "list": ("ok", "405"),
            "detail": ("ok", "405"),
            "withhold": ("405", "400"),
            "release": ("405", "400"),
            "correct_letter": ("405", "400"),
            "record_reply": ("405", "400"),
            "reply_edit": ("ok", "400"),
            "reply_delete": ("ok", "400"),
            # No earlier communication and no update are valid answers: saved, back to the page.
            "follow_ups": ("405", "redirect"),
            "update": ("405", "redirect"),
        }.items()
    },
    # Press releases: the office and the Rapporteur.
    **{
        f"press:{name}": staff_row(case_officer=answers, mandate_holder=answers, administrator=answers)
        for name, answers in {
            "list": ("ok", "405"),
            "new": ("ok", "400"),
            "detail": ("ok", "400"),
            "links": ("405", "redirect"),
            "schedule": ("405", "400"),
            # Already published: refused with a message on the release's page.
            "publish": ("405", "redirect"),
            "withdraw": ("405", "400"),
        }.items()
    },
    # Meetings: the office and the Rapporteur.
    **{
        f"meetings:{name}": staff_row(case_officer=answers, mandate_holder=answers, administrator=answers)
        for name, answers in {
            "list": ("ok", "405"),
            "open": ("405", "400"),
            "detail": ("ok", "405"),
            "schedule": ("405", "400"),
            "decline": ("405", "400"),
            "outcome": ("405", "400"),
        }.items()
    },
    # Figures over everything sent: roles that may view figures (the office, the Rapporteur, analysts).
    **{
        f"figures:{name}": staff_row(
            case_officer=("ok", "405"),
            mandate_holder=("ok", "405"),
            analyst=("ok", "405"),
            administrator=("ok", "405"),
        )
        for name in FIGURE_PAGES
    },
    # Reporting periods: the office, the Rapporteur and analysts list, add and change them.
    "figures:periods": staff_row(
        case_officer=("ok", "405"),
        mandate_holder=("ok", "405"),
        analyst=("ok", "405"),
        administrator=("ok", "405"),
    ),
    **{
        f"figures:{name}": staff_row(
            case_officer=("ok", "400"),
            mandate_holder=("ok", "400"),
            analyst=("ok", "400"),
            administrator=("ok", "400"),
        )
        for name in ("period_new", "period")
    },
    # The admin and its shortcuts: administrators only.
    "staff/admin/password_change/": staff_row(administrator=("ok", "ok")),
    "staff/admin/r/<int:content_type_id>/<path:object_id>/": staff_row(administrator=("404", "404")),
    "staff/admin/": staff_row(administrator=("ok", "ok")),
}

# Addresses that exist once, without a language prefix.
UNPREFIXED = ("staff/", "api/", "feeds/", "sitemap")

ENDS_THE_SESSION = ("inbox:lock", "intake:follow_up_logout", "accounts:logout")

# Pages of the admin site, which has hundreds of patterns of a few kinds: one of each kind per model family.
ADMIN_PAGES = {
    "/staff/admin/communications/communication/": {**{role: "403" for role in STAFF}, ADMIN: "ok"},
    "/staff/admin/communications/communication/add/": {**{role: "403" for role in STAFF}, ADMIN: "ok"},
    "/staff/admin/communications/reply/": {**{role: "403" for role in STAFF}, ADMIN: "ok"},
    "/staff/admin/press/pressrelease/": {**{role: "403" for role in STAFF}, ADMIN: "ok"},
    "/staff/admin/cases/case/": {**{role: "403" for role in STAFF}, ADMIN: "ok"},
    "/staff/admin/auth/user/": {**{role: "403" for role in STAFF}, ADMIN: "ok"},
    # Never in the admin.
    "/staff/admin/intake/submission/": {**{role: "403" for role in STAFF}, ADMIN: "404"},
}


def url_patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> dict[str, str]:
    """Every pattern of the site as {name or route: route}; the admin site counts as one."""
    found: dict[str, str] = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                found[route] = route
            else:
                found |= url_patterns(pattern, route, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            found[f"{namespace}:{pattern.name}" if pattern.name else route] = route
    return found


def test_every_url_pattern_has_its_row():
    assert set(url_patterns()) == set(ACCESS)
    for key, answers in ACCESS.items():
        assert set(answers) == set(ROLES), key


@pytest.fixture
def world(db, recovery_key, officer, mandate_holder, co_signer, analyst, mandates, settings, tmp_path):
    """A public communication with a reply and its file and a press release, an embargoed one, and a submission
    with a file."""
    public = actions.create_communication(
        by=None, addressee=_state("RUS"), type="AL", title="public matter", full_text="Excellency, ..."
    )
    actions.set_signatories(public, [_mandate("SR HRDs")], by=None)
    actions.record_sent(public, sent_on=date(2023, 10, 25), by=None)
    reply = actions.record_reply(
        public,
        received_on=date(2023, 12, 1),
        summary="A reply.",
        file=SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply"),
        by=None,
    )
    release = press_actions.draft_press_release(
        title="experts speak out", body="Geneva.", communications=[public], by=None
    )
    press_actions.publish_press_release(release, by=None)
    embargoed = actions.create_communication(
        by=None, addressee=_state("TUR"), type="UA", title="embargoed matter"
    )
    actions.set_signatories(embargoed, [_mandate("SR HRDs")], by=None)
    actions.record_sent(embargoed, sent_on=office_today() - timedelta(days=10), by=None)
    case = Case.objects.create(title="a case", country=_state("TUR"))
    draft = drafting_actions.start_draft(
        case,
        type="UA",
        addressee=_state("TUR"),
        lead_mandate=_mandate("SR HRDs"),
        co_signing_mandates=[_mandate("SR FoE")],
        by=officer,
    )
    drafting_actions.request_sign_off(draft, by=officer)
    sent = actions.create_communication(by=None, addressee=_state("TUR"), type="AL", title="sent here")
    actions.set_signatories(sent, [_mandate("SR HRDs")], by=None)
    actions.send_communication(sent, by=None, on=date(2023, 10, 26))
    source = Client()
    form = confidential_form()
    form["attachments"] = SimpleUploadedFile("account.txt", b"what happened")
    form["remove_metadata"] = ""
    codename = codename_from(source.post("/submit/confidential/", form))
    assert source.post("/submit/follow-up/", {"codename": codename}).status_code == 200
    submission = Submission.objects.get()
    case_file = _case_file(officer)
    meeting = meeting_actions.open_meeting(case=Case.objects.create(title="a case"), by=None)
    ReportingPeriod.objects.create(
        session=55,
        sent_from=date(2023, 9, 1),
        sent_to=date(2023, 11, 30),
        replies_from=date(2023, 11, 1),
        replies_to=date(2024, 1, 31),
    )
    return {
        "communication": str(public.uid),
        "press_release_uid": str(release.uid),
        "meeting": str(meeting.uid),
        "slug": public.slug,
        "reply": str(reply.uid),
        "submission": str(submission.uid),
        "file": SubmissionFile.objects.get().stored_name,
        "content_type": ContentType.objects.get_for_model(Communication).pk,
        "embargoed": embargoed.pk,
        "source": source,
        "sent": str(sent.uid),
        "press_release": release.slug,
        **case_file,
        "draft": str(draft.uid),
        "co_signed_mandate": str(_mandate("SR FoE").pk),
        "law_paragraph": str(LawParagraph.objects.first().pk),  # type: ignore[union-attr]
        "question": str(StandardQuestion.objects.first().pk),  # type: ignore[union-attr]
    }


def _case_file(officer) -> dict[str, str]:
    """A case with a person, an organisation, an event, a theme, and a second submission filed under it."""
    from defenders.cases import actions as case_actions
    from defenders.cases.models import Theme

    case = case_actions.create_case(by=officer, title="A defender detained", country=_state("RUS"))
    person = case_actions.add_person(case, case_actions.PersonDetails(name="Leyla Defender"), by=officer)
    organisation = case_actions.add_organisation(case, name="Defenders' Centre", by=officer)
    event = case_actions.add_event(
        case,
        case_actions.EventDetails(kind="arrest", summary="Arrested.", occurred_on=date(2024, 3, 1)),
        by=officer,
    )
    theme = Theme.objects.get_or_create(slug="judicial-harassment", defaults={"name": "Judicial harassment"})[
        0
    ]
    Client().post("/submit/confidential/", confidential_form())
    linked = Submission.objects.latest("pk")
    case_actions.link_submission(case, linked, by=officer)
    return {
        "case": str(case.uid),
        "case_person": str(person.pk),
        "case_organisation": str(organisation.pk),
        "case_event": str(event.pk),
        "theme": theme.slug,
        "linked_submission": str(linked.uid),
    }


def _state(code: str):
    from defenders.addressees.models import Addressee

    return Addressee.state(code)


def _mandate(short_name: str):
    from defenders.mandates.models import Mandate

    return Mandate.objects.get(short_name=short_name)


STAFF_ACCOUNTS = {HOLDER: "mary.rapporteur", COSIGNER: "irene.cosigner", ANALYST: "ana.analyst"}


def client_for(role: str, world: dict) -> Client:
    if role == "source":
        return world["source"]
    client = Client()
    users = get_user_model().objects
    if role == "staff_without_permissions":
        client.force_login(
            users.create_user("bare.staff", password="a long enough password 1", is_staff=True)
        )
    elif role in (HOLDER, COSIGNER, ANALYST):
        client.force_login(users.get(username=STAFF_ACCOUNTS[role]))
    elif role == OFFICER:
        officer = users.get(username="amina.officer")
        client.force_login(officer)
        assert client.post("/staff/unlock/", {"password": OFFICER_PASSWORD}).status_code == 302
    elif role == "administrator":
        client.force_login(users.create_superuser("ada.admin", password="a long enough password 2"))
    return client


def concrete(route: str, world: dict) -> str:
    """The route with the world's values for its parameters."""
    if route.startswith("press-releases/"):
        route = route.replace("<slug:slug>", world["press_release"])
    if route.startswith("feeds/themes/"):
        route = route.replace("<slug:slug>", world["theme"])
    if route.startswith("staff/cases/"):
        link = world["case_person"] if "/persons/" in route else world["case_organisation"]
        cases = {
            "<uuid:uid>": world["case"],
            "<uuid:submission_uid>/unlink": f"{world['linked_submission']}/unlink",
            "<slug:slug>": world["theme"],
            "<int:link_id>": link,
            "<int:event_id>": world["case_event"],
        }
        for parameter, value in cases.items():
            route = route.replace(parameter, value)
    if route.startswith("staff/drafts/"):
        route = route.replace("<uuid:uid>", world["draft"]).replace(
            "<int:mandate_pk>", world["co_signed_mandate"]
        )
        route = route.replace("law/<int:pk>", "law/" + world["law_paragraph"])
        route = route.replace("questions/<int:pk>", "questions/" + world["question"])
    for prefix, key in (
        ("staff/communications/", "communication"),
        ("staff/press-releases/", "press_release_uid"),
        ("staff/meetings/", "meeting"),
    ):
        if route.startswith(prefix):
            route = route.replace("<uuid:uid>", world[key])
    values = {
        "<slug:slug>": world["slug"],
        "<uuid:uid>": world["submission"] if route.startswith("staff/") else world["reply"],
        "<str:stored_name>": world["file"],
        "<int:content_type_id>": str(world["content_type"]),
        "<path:object_id>": str(world["embargoed"]),
        "<uuid:communication_uid>": world["sent"],
        "<uuid:submission_uid>": world["submission"],
        "<int:version>": "1",
        "<uuid:reply_uid>": world["reply"],
        "<slug>": world["slug"],
        "<str:code>": "RUS",
        "<str:short_name>": "WGAD",
        "<section>": "communications",
        "<int:session>": "55",
    }
    for parameter, value in values.items():
        route = route.replace(parameter, value)
    return "/" + route


def answer(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302:
        location = response["Location"]
        # The admin's login, where Django's staff decorator sends people, leads to the staff login.
        if location.startswith(("/staff/login/", "/staff/admin/login/")):
            return "login"
        if location.startswith("/staff/unlock/"):
            return "unlock"
        return "redirect"
    return str(response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_its_row_says_on_every_page(role, world):
    client = client_for(role, world)
    client.raise_request_exception = False
    got, expected = {}, {}
    for key, route in url_patterns().items():
        url = concrete(route, world)
        if key in ENDS_THE_SESSION:
            continue  # walked last: they end the session the other pages need
        got[key] = (answer(client.get(url)), answer(client.post(url)))
        expected[key] = ACCESS[key][role]
    for key in ENDS_THE_SESSION:
        url = concrete(url_patterns()[key], world)
        got[key] = (answer(client.get(url)), answer(client.post(url)))
        expected[key] = ACCESS[key][role]
    assert got == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF)
def test_admin_pages_need_their_permissions(role, world):
    client = client_for(role, world)
    assert {url: answer(client.get(url)) for url in ADMIN_PAGES} == {
        url: answers[role] for url, answers in ADMIN_PAGES.items()
    }


@pytest.mark.django_db
def test_the_language_prefixes_give_the_same_answers(world):
    anonymous = Client()
    for key, route in url_patterns().items():
        if route.startswith(UNPREFIXED) or key in {"intake:follow_up_add", "intake:follow_up_logout"}:
            continue
        for prefix in ("/fr", "/es"):
            assert answer(anonymous.get(prefix + concrete(route, world))) == ACCESS[key][ANON][0], (
                prefix,
                key,
            )
    assert anonymous.get("/fr/staff/inbox/").status_code == 404
