from django.contrib import admin

from .models import Addressee


@admin.register(Addressee)
class AddresseeAdmin(admin.ModelAdmin):
    list_display = ["short_name", "code", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
