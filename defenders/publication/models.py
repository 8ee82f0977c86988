"""The version of the public data: one number, raised in the same transaction as every change to what the public
site shows, so that every cached public page and figure (publication/cache.py) is keyed by the data it was made from.

Kept in the database rather than in the cache: with the default local-memory cache each worker has its own cache,
and a withheld communication must leave every worker's pages at the moment the withholding commits."""

from django.db import models


class PublicDataVersion(models.Model):
    """A single row (pk 1); `number` only grows."""

    number = models.BigIntegerField(default=0)
    # Drawn anew at every raise: a rolled-back transaction can give a number twice, never the same token.
    token = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = "public data version"

    def __str__(self) -> str:
        return f"Public data version {self.number}"
