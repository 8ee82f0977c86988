"""The exports of a search, beside the search page in each language (/communications/export.csv, /fr/...)."""

from django.urls import path

from . import exports

app_name = "exports"

urlpatterns = [
    path("communications/export.csv", exports.export_csv, name="csv"),
    path("communications/export.jsonl", exports.export_jsonl, name="jsonl"),
]
