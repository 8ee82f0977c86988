"""Which communications a staff member may see: the office and the Rapporteur see all; a co-signer only those
whose sign-off was asked of their mandate (defenders/drafting). Every staff view looks objects up here, so that
one it may not see answers 404."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from defenders.accounts.roles import mandate_of, sees_every_communication

from .models import Communication, CommunicationQuerySet


def visible_to(user: AbstractBaseUser | AnonymousUser, communications: CommunicationQuerySet | None = None):
    communications = communications if communications is not None else Communication.objects.all()
    if sees_every_communication(user):
        return communications
    mandate = mandate_of(user)
    if mandate is None or not user.has_perm("communications.view_shared_communication"):  # type: ignore[union-attr]
        return communications.none()
    # drafting.SignOff(communication=..., related_name="sign_offs", mandate=...): shared with the mandate.
    return communications.filter(sign_offs__mandate=mandate).distinct()
