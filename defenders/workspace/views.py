"""The dashboard at /staff/: what needs the signed-in person's attention today."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from defenders.accounts.access import staff_page


@staff_page()
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/dashboard.html", {})
