"""The one error a search can meet: parameters a person can correct, with a message to show them."""


class InvalidSearch(ValueError):
    """A search parameter that cannot be read; str(error) is a translated sentence for the person searching."""
