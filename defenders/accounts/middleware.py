"""Every page under /staff/ needs a session verified by a second factor; the login, enrolment and logout pages
are the way to get one. A password alone therefore opens nothing, the admin included."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from defenders.clock import office_now

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


class IdleSessionMiddleware:
    """A staff session ends after DEFENDERS_STAFF_IDLE_MINUTES without a request: a screen left open in an office
    or a café does not stay logged in to case files. The next request is sent to log in again."""

    SESSION_KEY = "staff_last_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(STAFF_PREFIX) and request.user.is_authenticated:
            now = int(office_now().timestamp())
            last_seen = request.session.get(self.SESSION_KEY)
            if last_seen is not None and now - int(last_seen) > settings.DEFENDERS_STAFF_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request, gettext("Your session ended after a time without activity. Please log in again.")
                )
                return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
            request.session[self.SESSION_KEY] = now
        return self.get_response(request)
