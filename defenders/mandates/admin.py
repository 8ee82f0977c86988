from django.contrib import admin

from .models import Mandate, MandateHolder


class MandateHolderInline(admin.TabularInline):
    model = MandateHolder
    extra = 0


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "resolution"]
    list_filter = ["kind", "is_working_group"]
    search_fields = ["name", "short_name"]
    inlines = [MandateHolderInline]
