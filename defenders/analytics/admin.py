from django.contrib import admin

from .models import ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ("session", "sent_from", "sent_to", "replies_from", "replies_to")
    ordering = ("-session",)
