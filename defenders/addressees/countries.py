"""ISO 3166 countries from pycountry, with the short names the UN uses in its titles."""

from dataclasses import dataclass
from functools import cache

import pycountry

NON_STATE_CODE = "OTH"

# pycountry's names are the ISO ones; published titles use the UN short names below.
UN_SHORT_NAMES = {
    "BOL": "Bolivia",
    "COD": "Democratic Republic of the Congo",
    "GBR": "United Kingdom",
    "IRN": "Iran",
    "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea",
    "LAO": "Lao People's Democratic Republic",
    "MDA": "Republic of Moldova",
    "PSE": "State of Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TUR": "Türkiye",
    "TZA": "United Republic of Tanzania",
    "USA": "United States of America",
    "VEN": "Venezuela",
    "VNM": "Viet Nam",
}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    short_name: str


@cache
def lookup(code: str) -> Country | None:
    """Return the country for an alpha-3 code (any case), or None when the code is not ISO 3166."""
    if not isinstance(code, str) or len(code) != 3:
        return None
    record = pycountry.countries.get(alpha_3=code.upper())
    if record is None:
        return None
    short = UN_SHORT_NAMES.get(record.alpha_3) or getattr(record, "common_name", None) or record.name
    return Country(code=record.alpha_3, name=record.name, short_name=short)
