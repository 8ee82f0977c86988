"""Pictures drawn on the server follow the page's direction: on a right-to-left page (Arabic) an SVG's x axis is
mirrored, so that time and bars grow from the right and labels sit on the right, as the page's own text does."""

from dataclasses import dataclass

from django.utils.translation import get_language_bidi


@dataclass(frozen=True)
class Direction:
    """Where to draw along the x axis of a picture `width` wide. Text anchors need no change: the SVG carries the
    `direction` attribute, under which "start" and "end" follow the page's direction too."""

    width: float
    rtl: bool = False

    @classmethod
    def of_the_page(cls, width: float) -> "Direction":
        return cls(width, get_language_bidi())

    @property
    def attribute(self) -> str:
        return f'direction="{"rtl" if self.rtl else "ltr"}"'

    def x(self, x: float) -> float:
        """The position that is `x` from the start side."""
        return round(self.width - x, 1) if self.rtl else x

    def left(self, x: float, length: float) -> float:
        """The left edge of a shape that runs `length` from `x` towards the end side."""
        return round(self.width - x - length, 1) if self.rtl else x
