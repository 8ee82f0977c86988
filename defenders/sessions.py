"""Sessions that do not record when a visitor came: expiry rounded up to the hour, data signed without a time.

Every source visit leaves a session row (the CSRF token lives in it). Django's own store keeps the visit time
twice: in `expire_date` (visit time plus SESSION_COOKIE_AGE, to the microsecond) and in `session_data`, signed
with a TimestampSigner (to the second). Neither is needed for a session to work.
"""

import zlib
from datetime import datetime, timedelta

from django.contrib.sessions.backends import db
from django.core import signing

HOUR = timedelta(hours=1)


def rounded_up_to_the_hour(moment: datetime) -> datetime:
    floor = moment.replace(minute=0, second=0, microsecond=0)
    return floor if floor == moment else floor + HOUR


class SessionStore(db.SessionStore):
    """The database store, with an expiry up to an hour later than SESSION_COOKIE_AGE would give, never earlier."""

    def get_expiry_date(self, **kwargs) -> datetime:
        return rounded_up_to_the_hour(super().get_expiry_date(**kwargs))

    def encode(self, session_dict) -> str:
        return signing.Signer(salt=self.key_salt).sign_object(
            session_dict, serializer=self.serializer, compress=True
        )

    def decode(self, session_data: bytes | str) -> dict:
        try:
            return signing.Signer(salt=self.key_salt).unsign_object(
                session_data if isinstance(session_data, str) else session_data.decode(),
                serializer=self.serializer,
            )
        except (signing.BadSignature, ValueError, zlib.error):
            return super().decode(session_data)  # a session stored before this store: timestamped
