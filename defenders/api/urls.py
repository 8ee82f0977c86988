"""The open data API: `api` is the one NinjaAPI of the site, mounted at /api/v1/ (OpenAPI description at
/api/v1/openapi.json). Other apps add their own `ninja.Router` to it with `api.add_router(...)`."""

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from defenders.analytics.api import router as statistics_router

from .http import error, open_data
from .views import router

API_DESCRIPTION = """Read-only open data of the public communications database: what the public pages show,
as JSON. Nothing is here before the publication rule holds it public (60 days after sending for allegation
letters and urgent appeals, two working days for other letters), and names withheld from the public are
replaced by “[name withheld]”. No key is needed; each client may make a limited number of requests a
minute and is told when to come back (429 with Retry-After). Answers carry ETag and Last-Modified: send
If-None-Match or If-Modified-Since to get 304 when nothing changed."""

api = NinjaAPI(
    title="Defenders open data",
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api",
    # No documentation page: the description at openapi.json opens in any OpenAPI viewer.
    docs_url=None,
)
api.add_router("/", router)
api.add_router("/statistics/", statistics_router)


@api.exception_handler(ValidationError)
def refuse_parameters(request: HttpRequest, exc: ValidationError):
    """A parameter the schema refuses: 400 and, for each, where it is and why, rather than ninja's 422."""
    problems = [
        {
            "parameter": ".".join(str(part) for part in problem.get("loc", ())[1:]),
            "reason": problem.get("msg", ""),
        }
        for problem in exc.errors
    ]
    return error(400, "A parameter could not be read.", problems=problems)


def index(request: HttpRequest, **kwargs) -> JsonResponse:
    """What /api/v1/ offers, in place of ninja's bare 404: where the description is and the endpoints it lists."""
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "openapi": reverse("api:openapi-json"),
            "endpoints": sorted(api.get_openapi_schema()["paths"]),
        }
    )


def unknown_address(request: HttpRequest, rest: str):
    return error(
        404, "There is nothing at this address of the API; its description is at /api/v1/openapi.json."
    )


def open_data_patterns() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's patterns, each view wrapped in the open data headers and rate limit, and a JSON 404 after them."""
    patterns, app_name, namespace = api.urls
    wrapped: list[URLPattern | URLResolver] = [
        URLPattern(
            pattern.pattern,
            open_data()(index if pattern.name == "api-root" else pattern.callback),
            pattern.default_args,
            pattern.name,
        )
        for pattern in patterns
        if isinstance(pattern, URLPattern)
    ]
    wrapped.append(path("<path:rest>", open_data()(unknown_address), name="unknown"))
    return wrapped, app_name, namespace
