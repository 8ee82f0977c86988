"""Who may open a workspace page: a staff login verified by a second factor, in a role that grants the page's
permissions. A page the role may not use answers 403; an object the role may not see answers 404 (the view
looks it up among what the role sees)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

WORKSPACE = "accounts.use_workspace"

View = Callable[..., HttpResponse]


def staff_page(*permissions: str) -> Callable[[View], View]:
    """Decorate a workspace view: login (with its second factor) first, then the workspace and each permission."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if not user.has_perms((WORKSPACE, *permissions)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return never_cache(guarded)

    return decorate
