from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Communication, CommunicationMandate, Reply


class CommunicationMandateInline(admin.TabularInline):
    model = CommunicationMandate
    extra = 0
    autocomplete_fields = ["mandate"]


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0


@admin.register(Communication)
class CommunicationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "type", "addressee", "sent_on", "withheld", "public_from"]
    list_filter = ["type", "withheld", "addressee"]
    search_fields = ["reference", "legacy_reference", "title"]
    readonly_fields = ["uid", "slug", "public_from"]
    autocomplete_fields = ["addressee", "copied", "cases", "themes", "follows_up"]
    inlines = [CommunicationMandateInline, ReplyInline]


@admin.register(Reply)
class ReplyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "received_on", "translation_pending"]
    list_filter = ["kind", "translation_pending"]
