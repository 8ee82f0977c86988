"""The drafting pages, mounted under /staff/ (never under a language prefix)."""

from django.urls import path

from . import library_views, views
from .library_views import LAW, QUESTIONS

app_name = "drafting"

urlpatterns = [
    path("drafts/", views.draft_list, name="list"),
    path("drafts/new/", views.new_draft, name="new"),
    path("drafts/<uuid:uid>/", views.draft_detail, name="detail"),
    path("drafts/<uuid:uid>/edit/", views.edit_draft, name="edit"),
    path("drafts/<uuid:uid>/signatories/", views.signatories, name="signatories"),
    path("drafts/<uuid:uid>/versions/", views.versions, name="versions"),
    path("drafts/<uuid:uid>/compare/", views.compare, name="compare"),
    path("drafts/<uuid:uid>/request-sign-off/", views.request_sign_off, name="request_sign_off"),
    path("drafts/<uuid:uid>/sign-off/<int:mandate_pk>/", views.sign_off, name="sign_off"),
    path("drafts/<uuid:uid>/send/", views.send, name="send"),
]

for library in (LAW, QUESTIONS):
    urlpatterns += [
        path(
            f"drafts/library/{library.kind}/", library_views.entry_list(library), name=f"{library.kind}_list"
        ),
        path(
            f"drafts/library/{library.kind}/new/",
            library_views.entry_form(library, adding=True),
            name=f"{library.kind}_new",
        ),
        path(
            f"drafts/library/{library.kind}/<int:pk>/",
            library_views.entry_form(library, adding=False),
            name=f"{library.kind}_edit",
        ),
        path(
            f"drafts/library/{library.kind}/<int:pk>/retire/",
            library_views.entry_retire(library),
            name=f"{library.kind}_retire",
        ),
    ]
