"""What happened in the office's work that someone else should hear of, as signals sent once the transaction
commits. Actions send them (with `transaction.on_commit`); notifications listen. Never carries a submission's
content: each signal names the object, and listeners decide what a message may say."""

from django.dispatch import Signal

# sender: the SignOff's model class; keyword argument `sign_off`: a drafting.SignOff asked of a mandate.
sign_off_requested = Signal()
# sender: the SignOff's model class; `sign_off`: approved, or changes asked (its state and comment say which).
sign_off_decided = Signal()
# sender: the Reply model; `reply`: a communications.Reply just recorded.
reply_recorded = Signal()
# sender: None; `ids`: primary keys of the communications an import created or changed (bulk writes skip save());
# `indexed`: True when the import already wrote their search index rows.
communications_imported = Signal()
