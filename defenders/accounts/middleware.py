"""Every page under /staff/ needs a session verified by a second factor; the login, enrolment and logout pages
are the way to get one. A password alone therefore opens nothing, the admin included."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import second_factor

STAFF_PREFIX = "/staff/"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.path.startswith(STAFF_PREFIX)
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]  # set by django-otp's middleware
            and request.path not in self._open_paths()
        ):
            target = "accounts:login" if second_factor.has_second_factor(user) else "accounts:enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> set[str]:
        return {reverse("accounts:login"), reverse("accounts:enrol"), reverse("accounts:logout")}
