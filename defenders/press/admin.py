"""The administrators' view of press releases. Every write calls an action: scheduling, publishing and withdrawing
are admin actions of the list (with a form where they need a moment or a reason), and their fields read-only."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from defenders.core.admin_pages import action_form_page
from defenders.core.history import Reason
from defenders.core.templatetags.locale_format import local_day_time

from . import actions
from .models import PressRelease


class PressReleaseForm(forms.ModelForm):
    class Meta:
        model = PressRelease
        fields = ["title", "body", "language", "communications", "cases"]


class ScheduleForm(forms.Form):
    # Read in Django's current zone, which is the office's (settings.TIME_ZONE comes from defenders.clock).
    moment = forms.DateTimeField(help_text="Geneva time, e.g. 2024-03-01 09:00.")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Kept in the history; required to withdraw."
    )


@admin.register(PressRelease)
class PressReleaseAdmin(SimpleHistoryAdmin):
    form = PressReleaseForm
    list_display = ["title", "scheduled_for", "published_at", "withdrawn", "public_from"]
    list_filter = ["withdrawn", "language"]
    search_fields = ["title", "body"]
    readonly_fields = [
        "uid",
        "slug",
        "scheduled_for",
        "published_at",
        "withdrawn",
        "withdrawn_reason",
        "public_from",
    ]
    autocomplete_fields = ["communications", "cases"]
    actions = ["schedule", "publish_now", "withdraw"]

    def save_model(self, request: HttpRequest, obj: PressRelease, form, change: bool) -> None:
        content = {name: form.cleaned_data[name] for name in actions.CONTENT_FIELDS}
        if change:
            stored = PressRelease.objects.get(pk=obj.pk)
            actions.edit_press_release(
                stored, by=request.user, reason=Reason(gettext_noop("Edited in the admin")), **content
            )
        else:
            drafted = actions.draft_press_release(by=request.user, **content)
            obj.pk, obj.uid, obj.slug = drafted.pk, drafted.uid, drafted.slug

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # The links go through the action, which refuses an unsent communication on a release already out.
        release = PressRelease.objects.get(pk=form.instance.pk)
        try:
            actions.link(
                release,
                communications=form.cleaned_data["communications"],
                cases=form.cleaned_data["cases"],
                by=request.user,
            )
        except actions.PressReleaseStateError as error:
            self.message_user(
                request, gettext("The links were not changed: %(error)s") % {"error": error}, messages.ERROR
            )

    def _each(self, request: HttpRequest, queryset: QuerySet[PressRelease], act, done: str) -> None:
        for release in queryset:
            try:
                act(release)
            except actions.PressReleaseStateError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("“%(release)s”: %(done)s.") % {"release": release, "done": done},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Schedule the selected press releases…"))
    def schedule(self, request: HttpRequest, queryset: QuerySet[PressRelease]) -> HttpResponse | None:
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            moment = form.cleaned_data["moment"]
            self._each(
                request,
                queryset,
                lambda release: actions.schedule_press_release(release, at=moment, by=request.user),
                gettext("scheduled for %(moment)s") % {"moment": local_day_time(moment)},
            )
            return None
        return action_form_page(
            self,
            request,
            queryset,
            form,
            action="schedule",
            title=pgettext("a press release", "Schedule"),
            explanation=gettext(
                "These press releases go out at this moment (each only if its communications were sent):"
            ),
        )

    @admin.action(description=_("Publish the selected press releases now"))
    def publish_now(self, request: HttpRequest, queryset: QuerySet[PressRelease]) -> None:
        self._each(
            request,
            queryset,
            lambda release: actions.publish_press_release(release, by=request.user),
            gettext("published"),
        )

    @admin.action(description=_("Withdraw the selected press releases…"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[PressRelease]) -> HttpResponse | None:
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(
                request,
                queryset,
                lambda release: actions.withdraw_press_release(release, reason=reason, by=request.user),
                gettext("withdrawn"),
            )
            return None
        return action_form_page(
            self,
            request,
            queryset,
            form,
            action="withdraw",
            title=gettext("Withdraw"),
            explanation=gettext("These press releases will be taken off the public site:"),
        )
