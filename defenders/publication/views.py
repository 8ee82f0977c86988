"""Public pages. Each asks the publication rule (through the `public()` querysets) what it may show."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from defenders.cases.models import CasePerson
from defenders.communications.models import Communication, CommunicationMandate, Reply
from defenders.search import InvalidSearch, SearchParams, search
from defenders.search.query import MAX_QUERY_LENGTH

from . import search_page
from .cache import cached_first_pages, cached_public_page
from .press import PublicPressRelease, public_press_releases
from .summary import PublicReply, PublicSummary
from .timeline import public_timeline


def _public_communications():
    return (
        Communication.objects.public()
        .select_related("addressee")
        .prefetch_related(
            Prefetch("mandate_links", queryset=CommunicationMandate.objects.select_related("mandate")),
            Prefetch("replies", queryset=Reply.objects.public(), to_attr="public_replies"),
            Prefetch("cases__caseperson_set", queryset=CasePerson.objects.select_related("person")),
            "public_versions",
        )
    )


def _summary(communication: Communication) -> PublicSummary:
    """The public summary in the page's language where a public version has it."""
    return PublicSummary(
        communication,
        replies=getattr(communication, "public_replies", None),
        page_language=get_language() or settings.LANGUAGE_CODE,
    )


def _public_follow_ups():
    """The communications on either side of a follow-up link, as far as the publication rule holds them public."""
    return _public_communications().order_by("-sent_on", "-created_at")


def _public_summary(slug: str) -> PublicSummary:
    # Embargoed, withheld and unknown slugs all end here, in the same 404.
    communication = get_object_or_404(_public_communications(), slug=slug)
    return _summary(communication)


@require_safe
@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    latest = [_summary(c) for c in _public_communications()[:5]]
    return render(request, "publication/home.html", {"latest": latest})


@require_safe
def how_communications_work(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/how_communications_work.html")


@require_safe
@cached_first_pages
def communication_list(request: HttpRequest) -> HttpResponse:
    """The public database: full-text search with facets; every combination of parameters is an address."""
    try:
        params = SearchParams.from_query(request.GET)
    except InvalidSearch as error:
        context = {
            "error": str(error),
            "q": request.GET.get("q", "")[:MAX_QUERY_LENGTH],
            "anything_public": True,
        }
        return render(request, "publication/communication_list.html", context, status=400)
    result = search(params, per_page=settings.DEFENDERS_PAGE_SIZE)
    hits = [(_summary(hit.communication), hit) for hit in result.hits]
    context = {
        "params": params,
        "q": params.q,
        "result": result,
        "hits": hits,
        "facets": search_page.facets(params, result),
        "chosen": search_page.chosen_filters(params, result),
        "kept_fields": search_page.kept_fields(params),
        "relevance_query": params.as_query(sort="relevance", page=params.page),
        "date_query": params.as_query(sort="date", page=params.page),
        "previous_query": params.as_query(page=result.page - 1) if result.has_previous else None,
        "next_query": params.as_query(page=result.page + 1) if result.has_next else None,
        "anything_public": result.count > 0 or Communication.objects.public().exists(),
        "more_than_shown": result.count > result.num_pages * settings.DEFENDERS_PAGE_SIZE,
    }
    return render(request, "publication/communication_list.html", context)


@require_safe
@cached_public_page
def communication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    communication = get_object_or_404(
        _public_communications().prefetch_related(
            # Only public ones are fetched: an embargoed or withheld letter is not named, not even by reference.
            Prefetch("follows_up", queryset=_public_follow_ups(), to_attr="public_earlier"),
            Prefetch("followed_up_by", queryset=_public_follow_ups(), to_attr="public_later"),
        ),
        slug=slug,
    )
    context = {
        "summary": _summary(communication),
        "earlier": [_summary(c) for c in communication.public_earlier],
        "later": [_summary(c) for c in communication.public_later],
        "press_releases": _shown(public_press_releases().filter(communications=communication)),
    }
    context["events"], context["timeline"] = public_timeline(communication)
    return render(request, "publication/communication_detail.html", context)


@require_safe
@cached_public_page
def communication_letter(request: HttpRequest, slug: str) -> HttpResponse:
    summary = _public_summary(slug)
    if not summary.full_text:
        raise Http404("No full text")
    return render(request, "publication/communication_letter.html", {"summary": summary})


def _public_reply(slug: str, uid) -> tuple[PublicSummary, PublicReply]:
    summary = _public_summary(slug)
    for public in summary.public_replies:
        if public.reply.uid == uid:
            return summary, public
    raise Http404("No such public reply")


@require_safe
@cached_public_page
def reply_detail(request: HttpRequest, slug: str, uid) -> HttpResponse:
    summary, public = _public_reply(slug, uid)
    return render(request, "publication/reply_detail.html", {"summary": summary, "public": public})


@require_safe
def reply_file(request: HttpRequest, slug: str, uid) -> FileResponse:
    reply = _public_reply(slug, uid)[1].reply
    if not reply.content_is_public or not reply.file:
        raise Http404("No public file")
    return FileResponse(
        reply.file.open("rb"), as_attachment=True, filename=(reply.file.name or "reply").rsplit("/", 1)[-1]
    )


def _shown(releases) -> list[PublicPressRelease]:
    public = [PublicPressRelease(release) for release in releases]
    return [release for release in public if not release.shows_withheld_name]


@require_safe
def press_release_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(public_press_releases(), settings.DEFENDERS_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "publication/press_release_list.html", {"page": page, "releases": _shown(page.object_list)}
    )


@require_safe
def press_release_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Drafts, releases scheduled for later, withdrawn and unknown slugs all end here, in the same 404.
    shown = _shown(public_press_releases().filter(slug=slug))
    if not shown:
        raise Http404("No such public press release")
    return render(request, "publication/press_release_detail.html", {"release": shown[0]})
