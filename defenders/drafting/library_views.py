"""The library pages: the standard law paragraphs and questions that staff maintain (list, add, edit, retire)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from defenders.accounts.access import staff_page
from defenders.workspace.audit import audit_trail

from . import actions
from .forms import LawParagraphForm, StandardQuestionForm
from .models import LawParagraph, StandardQuestion


@dataclass(frozen=True)
class Library:
    model: type[models.Model]
    form: type[forms.ModelForm]
    kind: str  # the URL names' prefix, e.g. "law" for drafting:law_list
    plural: str | Promise


LAW = Library(LawParagraph, LawParagraphForm, "law", _("Standard law paragraphs"))
QUESTIONS = Library(StandardQuestion, StandardQuestionForm, "questions", _("Standard questions"))


def _page(library: Library):
    return {"library": library, "other": QUESTIONS if library is LAW else LAW}


def entry_list(library: Library):
    @staff_page(f"drafting.view_{library.model._meta.model_name}")
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        entries = library.model._default_manager.order_by("-is_active", "order", "pk")
        return render(request, "drafting/library_list.html", {**_page(library), "entries": entries})

    return view


def entry_form(library: Library, *, adding: bool):
    permission = f"drafting.{'add' if adding else 'change'}_{library.model._meta.model_name}"

    @staff_page(permission)
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        entry = library.model() if adding else get_object_or_404(library.model, pk=pk)
        form = library.form(request.POST or None, instance=entry)
        if request.method == "POST" and form.is_valid():
            actions.save_library_entry(form.save(commit=False), by=request.user)
            messages.success(request, gettext("Saved in the library."))
            return redirect(f"drafting:{library.kind}_list")
        return render(
            request,
            "drafting/library_form.html",
            {**_page(library), "form": form, "entry": entry, "entries": [] if adding else audit_trail(entry)},
        )

    return view


def entry_retire(library: Library):
    @staff_page(f"drafting.change_{library.model._meta.model_name}")
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        entry = get_object_or_404(library.model, pk=pk)
        retired = entry.is_active  # type: ignore[attr-defined]
        actions.set_retired(entry, retired, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            gettext("Retired: no longer offered in drafts.") if retired else gettext("Offered again."),
        )
        return redirect(f"drafting:{library.kind}_list")

    return view
