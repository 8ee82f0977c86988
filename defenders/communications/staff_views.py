"""Staff-only downloads of the frozen letters, under /staff/ (and so behind the second factor)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import SentLetter


@never_cache
@staff_member_required
@permission_required("communications.view_communication", raise_exception=True)
@require_safe
def sent_letter(request: HttpRequest, communication_uid, version: int) -> HttpResponse:
    """One frozen version of a letter, as an attachment, exactly as stored."""
    letter = get_object_or_404(
        SentLetter.objects.select_related("communication"),
        communication__uid=communication_uid,
        version=version,
    )
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
