"""Staff login (password and a one-time code), the first login's enrolment of an authenticator app, logout, and
the signed-in person's account page (their language)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as verify_session

from . import second_factor
from .access import staff_page
from .forms import EnrolForm, LanguageForm, LoginForm
from .language import remember_in_session, set_preferred_language
from .models import StaffMember

REFUSED = _("This username and password do not open a staff account.")


def safe_next(request: HttpRequest) -> str:
    """Where to go after logging in: a page of this site only, the dashboard by default."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("workspace:dashboard")


@never_cache
@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def staff_login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # django-axes counts each failure here (and the wrong codes below) and locks the account out for a while.
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None or not user.is_staff:
            form.add_error(None, REFUSED)
        elif not second_factor.has_second_factor(user):
            login(request, user)
            return redirect(f"{reverse('accounts:enrol')}?{urlencode({'next': safe_next(request)})}")
        else:
            device = second_factor.verify(user, form.cleaned_data["code"])
            if device is None:
                user_login_failed.send(__name__, credentials={"username": username}, request=request)
                form.add_error(
                    "code", _("This code is not valid. Enter the code your app shows now, or a backup code.")
                )
            else:
                login(request, user)
                verify_session(request, device)
                return redirect(safe_next(request))
    context = {"form": form, "next": safe_next(request)}
    return render(request, "accounts/login.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """At the first login: set up an authenticator app; confirming it shows the backup codes, once."""
    user = request.user
    if not user.is_authenticated or not user.is_staff:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
    if second_factor.has_second_factor(user):
        if user.is_verified():  # type: ignore[union-attr,attr-defined]  # set by django-otp's middleware
            return redirect(safe_next(request))
        raise Http404("Already enrolled: log in with a code")
    device = second_factor.pending_enrolment(user) or second_factor.start_enrolment(user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_enrolment(device, form.cleaned_data["code"])
        if codes is None:
            form.add_error(
                "code", _("This code does not match. Check the app's clock and enter the code it shows now.")
            )
        else:
            verify_session(request, device)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "next": safe_next(request)})
    context = {
        "form": form,
        "secret": second_factor.secret_of(device),
        # Safe to mark: qrcode draws the SVG from our own otpauth:// address, with nothing a visitor typed.
        "qr_code": mark_safe(second_factor.qr_code_svg(device)),
        "next": safe_next(request),
    }
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


@never_cache
@require_POST
def staff_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@staff_page()
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own account: the language of the workspace and of their emails."""
    member = StaffMember.objects.filter(user=request.user).first()  # type: ignore[misc]  # staff_page: signed in
    initial = {"language": member.language if member else ""}
    form = LanguageForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        set_preferred_language(request.user, language)
        remember_in_session(request, language)
        with translation.override(language or translation.get_language()):
            messages.success(request, _("Your language is saved."))
        return redirect("accounts:account")
    context = {
        "form": form,
        "last_used": member.last_used_language if member else "",
        "last_used_name": dict(settings.LANGUAGES).get(member.last_used_language, "") if member else "",
    }
    return render(request, "accounts/account.html", context, status=400 if form.errors else 200)
