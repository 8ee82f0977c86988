from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Case,
    CaseOrganisation,
    CasePerson,
    Event,
    LegalProvision,
    Organisation,
    Person,
    SentenceTerm,
    Theme,
)


class CasePersonInline(admin.TabularInline):
    model = CasePerson
    extra = 0
    autocomplete_fields = ["person"]


class CaseOrganisationInline(admin.TabularInline):
    model = CaseOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class EventInline(admin.StackedInline):
    model = Event
    extra = 0
    show_change_link = True
    fields = ["kind", "occurred_on", "date_precision", "place", "summary"]


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "country", "opened_on"]
    search_fields = ["title"]
    list_filter = ["country", "themes"]
    inlines = [CasePersonInline, CaseOrganisationInline, EventInline]


class SentenceTermInline(admin.TabularInline):
    model = SentenceTerm
    extra = 0


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "case", "kind", "occurred_on"]
    list_filter = ["kind"]
    autocomplete_fields = ["persons", "actors", "legal_provisions"]
    inlines = [SentenceTermInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
    list_display = ["name", "professions"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    search_fields = ["name", "also_known_as"]
    list_display = ["name", "kind"]
    list_filter = ["kind"]


@admin.register(LegalProvision)
class LegalProvisionAdmin(admin.ModelAdmin):
    search_fields = ["code", "article", "subject"]
    list_display = ["code", "article", "subject"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
