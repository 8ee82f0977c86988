"""Which meeting requests from the intake still wait for staff: no meeting opened, and not declined or closed."""

from django.db.models import QuerySet

from defenders.intake.models import Submission

HANDLED = (Submission.Status.DECLINED, Submission.Status.CLOSED)


def waiting_requests() -> QuerySet[Submission]:
    """Never their content: callers show the day received and a link to read the request in the inbox."""
    return (
        Submission.objects.filter(kind=Submission.Kind.MEETING, meetings__isnull=True)
        .exclude(status__in=HANDLED)
        .only("uid", "received_on", "kind", "status")
        .order_by("received_on", "pk")
    )
