"""The page an admin action shows when it needs an answer first (a reason, a moment) for the rows chosen."""

from django.contrib.admin import ModelAdmin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest
from django.template.response import TemplateResponse


def action_form_page(
    model_admin: ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    form: Form,
    *,
    action: str,
    title: str,
    explanation: str,
) -> TemplateResponse:
    """Ask for `form` about the chosen rows; posted back with "apply", the action runs with the answer."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "explanation": explanation,
        "form": form,
        "queryset": queryset,
        "action": action,
        "opts": model_admin.model._meta,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_form.html", context)
