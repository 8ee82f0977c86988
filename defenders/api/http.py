"""What every open data answer carries, as one view decorator: the rate limit (a clear 429 with Retry-After),
conditional GET (ETag and Last-Modified, 304), and CORS open to any site for reading, never with credentials."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.template.response import SimpleTemplateResponse
from django.utils.translation import gettext, ngettext

from .limits import count_request

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    # Conditional requests from a browser send these, which are not CORS-safelisted: a preflight allows them.
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Content-Disposition",
    "Access-Control-Max-Age": "86400",
}
READ_METHODS = ("GET", "HEAD")
CONDITIONAL_GET = ConditionalGetMiddleware(lambda request: HttpResponse())


def error(status: int, message: str, **details) -> JsonResponse:
    """A JSON error every client can read: {"detail": "..."} as django-ninja answers its own errors."""
    return JsonResponse(
        {"detail": message, **details}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def too_many_requests(retry_after: int) -> JsonResponse:
    response = error(
        429,
        ngettext(
            "Too many requests from this client: wait %(seconds)d second and try again.",
            "Too many requests from this client: wait %(seconds)d seconds and try again.",
            retry_after,
        )
        % {"seconds": retry_after},
        retry_after=retry_after,
    )
    response["Retry-After"] = str(retry_after)
    return response


def _conditional(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    # Django's own: an ETag from the body unless the view set one, then 304 for a matching If-None-Match, or
    # for If-Modified-Since against the view's Last-Modified (ignored when If-None-Match is sent).
    return CONDITIONAL_GET.process_response(request, response)


def open_data(group: str = "api", rate_setting: str = "DEFENDERS_API_RATE") -> Callable:
    """Wrap a read-only view: OPTIONS answers the CORS preflight, any other method but GET and HEAD is refused,
    each request counts against the client's rate of its group (the API's pages share one, exports another),
    as the setting named by `rate_setting` says."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            response: HttpResponseBase
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
            elif request.method not in READ_METHODS:
                response = error(405, gettext("This address only answers GET, HEAD and OPTIONS."))
                response["Allow"] = "GET, HEAD, OPTIONS"
            else:
                usage = count_request(request, group, getattr(settings, rate_setting))
                if usage.limited:
                    response = too_many_requests(usage.retry_after)
                else:
                    # HEAD is answered as GET (the server sends no body): django-ninja routes only GET.
                    request.method = "GET"
                    response = view(request, *args, **kwargs)
                    if isinstance(response, SimpleTemplateResponse):
                        response.render()  # the ETag is of the body (the sitemap answers a template)
                    if response.status_code == 200:
                        # Revalidate every time: a letter withheld again must not live on in a cache.
                        response.setdefault("Cache-Control", "public, no-cache")
                        response = _conditional(request, response)
            for header, value in CORS_HEADERS.items():
                response[header] = value
            return response

        # CSRF does not apply: nothing here writes, and no cookie is read.
        wrapper.csrf_exempt = True  # type: ignore[attr-defined]
        return wrapper

    return decorate
