"""The admin's "view on site" redirect, limited to what the public may already see: the address of a draft or an
embargoed communication carries its reference, so staff without rights to it must not learn it from here."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponseRedirect


def public_object_redirect(
    request: HttpRequest, content_type_id: int, object_id: str
) -> HttpResponseRedirect:
    """Redirect to an object's public page only if its model's public() queryset holds it now; else 404, the same
    for unknown, unpublished and unpublishable objects."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ObjectDoesNotExist:
        raise Http404 from None
    public = getattr(getattr(model, "objects", None), "public", None)
    if model is None or public is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        shown = public().get(pk=object_id)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None
    return HttpResponseRedirect(shown.get_absolute_url())
