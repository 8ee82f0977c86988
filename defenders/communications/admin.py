"""The administrators' view of communications and replies. Every write calls an action: the sending date, the
reference and withholding are read-only here and change only through the admin actions of the list."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from defenders.clock import office_today
from defenders.core.admin_pages import action_form_page
from defenders.core.history import Reason
from defenders.drafting.actions import DraftingError, send_approved
from defenders.mandates.models import Mandate

from . import actions
from .exposure import exposures
from .models import Communication, Reply, SentLetter


class CommunicationForm(forms.ModelForm):
    """The communication's own fields, its signatories (`actions.set_signatories` writes them) and the earlier
    communications it follows up (`actions.set_follow_ups`)."""

    signatories = forms.ModelMultipleChoiceField(
        queryset=Mandate.objects.all(), required=False, help_text="Every mandate that signs the letter."
    )
    lead = forms.ModelChoiceField(
        queryset=Mandate.objects.all(),
        required=False,
        help_text="The mandate that leads; one of the signatories.",
    )

    class Meta:
        model = Communication
        fields = [*actions.CONTENT_FIELDS, "copied", "themes", "cases", "follows_up"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["signatories"] = [mandate.pk for mandate in self.instance.ordered_mandates()]
            lead = self.instance.lead_mandate()
            self.initial["lead"] = lead.pk if lead else None

    def clean(self):
        data = super().clean() or {}
        signatories, lead = data.get("signatories") or [], data.get("lead")
        if lead is not None and lead not in signatories:
            self.add_error("lead", "The lead mandate must be one of the signatories.")
        if signatories and lead is None:
            self.add_error("lead", "Choose the mandate that leads.")
        if data.get("follows_up") is not None:
            problem = actions.follow_up_problem(self.instance, list(data["follows_up"]))
            if problem is not None:
                self.add_error("follows_up", problem)
        return data

    def ordered_signatories(self) -> list[Mandate]:
        """The lead first, then the others in the order the letter listed them, new ones last."""
        lead = self.cleaned_data.get("lead")
        before = {pk: order for order, pk in enumerate(self.initial.get("signatories") or [])}
        return sorted(
            self.cleaned_data.get("signatories") or [],
            key=lambda mandate: (mandate != lead, before.get(mandate.pk, len(before)), mandate.short_name),
        )


class ReplyInline(admin.TabularInline):
    """Replies are listed here and recorded or corrected on their own page, through the reply actions."""

    model = Reply
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ("received_on", "kind", "language", "translation_pending")


class WithholdForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Kept in the history; required to withhold."
    )


@admin.register(Communication)
class CommunicationAdmin(SimpleHistoryAdmin):
    form = CommunicationForm
    list_display = ["__str__", "type", "addressee", "sent_on", "withheld", "public_from"]
    list_filter = ["type", "withheld", "addressee"]
    search_fields = ["reference", "legacy_reference", "title"]
    readonly_fields = [
        "uid",
        "slug",
        "sent_on",
        "reference",
        "withheld",
        "withheld_reason",
        "public_from",
        "withheld_names_still_shown",
        "sent_letters",
    ]
    autocomplete_fields = ["addressee", "copied", "cases", "themes", "follows_up"]
    inlines = [ReplyInline]
    actions = ["send_today", "withhold", "release"]

    @admin.display(description=_("Withheld names still shown"))
    def withheld_names_still_shown(self, obj: Communication) -> str:
        """Where the redacted public text still shows a part of a withheld name: fix these, or it stays unpublished."""
        found = exposures(obj) if obj.pk else []
        if not found:
            return gettext("None: every withheld name is removed from the public text.")
        return format_html_join(
            mark_safe("<br>"),
            "{}: “{}” in “…{}…”",
            ((exposure.text, exposure.leftover.part, exposure.leftover.context) for exposure in found),
        )

    @admin.display(description=_("Sent letter (frozen PDF)"))
    def sent_letters(self, obj: Communication) -> str:
        """Every frozen version, read-only (a field, not an inline, so the change form posts nothing for them)."""
        versions = list(
            SentLetter.objects.filter(communication=obj).defer("pdf").select_related("created_by")
            if obj.pk
            else []
        )
        if not versions:
            return "None: a draft, or a letter recorded as sent elsewhere, is rendered afresh."
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">Version {}</a>, {} by {}{}',
            (
                (
                    letter.download_url(),
                    letter.version,
                    f"{localtime(letter.created_at):%d %B %Y %H:%M}",
                    letter.created_by or "nobody recorded",
                    f": {letter.note}" if letter.note else " (as sent)",
                )
                for letter in versions
            ),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Communication | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.reference:
            fields += ["type", "addressee"]  # the reference was numbered for them
        return fields

    def save_model(self, request: HttpRequest, obj: Communication, form, change: bool) -> None:
        actions.save_communication(
            obj,
            by=request.user,
            reason=Reason(gettext_noop("Edited in the admin")) if change else actions.DRAFTED,
        )

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # Follow-ups are written by their action, with its history row, rather than by the form's save_m2m.
        earlier = form.cleaned_data.pop("follows_up", None)
        super().save_related(request, form, formsets, change)
        if earlier is not None:
            actions.set_follow_ups(form.instance, list(earlier), by=request.user)
        actions.set_signatories(
            form.instance, form.ordered_signatories(), lead=form.cleaned_data.get("lead"), by=request.user
        )

    @admin.action(description=_("Send the selected drafts today, if every signing mandate approved them"))
    def send_today(self, request: HttpRequest, queryset: QuerySet[Communication]) -> None:
        # The same gate as the draft's page: the admin never sends what a co-signing mandate has not approved.
        for communication in queryset:
            try:
                send_approved(communication, by=request.user, on=office_today())
            except (DraftingError, actions.CommunicationStateError) as error:
                self.message_user(request, f"{communication}: {error}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("Sent as %(reference)s.") % {"reference": communication.reference},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Withhold the selected communications from publication…"))
    def withhold(self, request: HttpRequest, queryset: QuerySet[Communication]) -> HttpResponse | None:
        form = WithholdForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for communication in queryset:
                actions.withhold_communication(
                    communication, reason=form.cleaned_data["reason"], by=request.user
                )
            self.message_user(
                request,
                ngettext(
                    "Withheld %(count)d communication.",
                    "Withheld %(count)d communications.",
                    queryset.count(),
                )
                % {"count": queryset.count()},
                messages.SUCCESS,
            )
            return None
        return action_form_page(
            self,
            request,
            queryset,
            form,
            action="withhold",
            title=gettext("Withhold from publication"),
            explanation=gettext(
                "These communications will not be published, whatever their dates, until they are released:"
            ),
        )

    @admin.action(description=_("Release the selected communications for publication"))
    def release(self, request: HttpRequest, queryset: QuerySet[Communication]) -> None:
        for communication in queryset.filter(withheld=True):
            actions.release_communication(communication, by=request.user)
            self.message_user(
                request,
                gettext("%(communication)s follows the publication rule again.")
                % {"communication": communication},
                messages.SUCCESS,
            )


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = [
            "communication",
            "received_on",
            "kind",
            "language",
            "translation_pending",
            "summary",
            "file",
        ]

    def clean(self):
        data = super().clean() or {}
        communication = data.get("communication") or getattr(self.instance, "communication", None)
        if communication is not None and data.get("received_on"):
            problem = actions.reply_date_problem(communication, data["received_on"])
            if problem is not None:
                self.add_error("received_on", problem)
        return data


@admin.register(Reply)
class ReplyAdmin(SimpleHistoryAdmin):
    form = ReplyForm
    list_display = ["__str__", "kind", "received_on", "translation_pending"]
    list_filter = ["kind", "translation_pending"]
    autocomplete_fields = ["communication"]

    def get_readonly_fields(self, request: HttpRequest, obj: Reply | None = None):
        return ["communication"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Reply, form, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in actions.REPLY_FIELDS if name in form.cleaned_data}
        if values.get("file") is None:
            values.pop("file", None)  # no new file chosen
        elif values["file"] is False:
            values["file"] = ""  # "clear" ticked
        if change:
            # The form has already set its values on `obj`; the action compares with the stored reply.
            stored = Reply.objects.get(pk=obj.pk)
            actions.correct_reply(
                stored, by=request.user, reason=Reason(gettext_noop("Corrected in the admin")), **values
            )
        else:
            recorded = actions.record_reply(obj.communication, by=request.user, **values)
            obj.pk, obj.uid = (
                recorded.pk,
                recorded.uid,
            )  # the admin goes on with `obj` (its log, its redirect)

    def delete_model(self, request: HttpRequest, obj: Reply) -> None:
        actions.delete_reply(obj, by=request.user, reason=Reason(gettext_noop("Deleted in the admin")))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Reply]) -> None:
        for reply in queryset:
            self.delete_model(request, reply)
