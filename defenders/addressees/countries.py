"""ISO 3166 countries from pycountry, with the short names the UN uses in its titles, in each of its languages."""

from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError

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


# The UN's own short names in its other five languages, where CLDR's common names differ from them ("South Korea",
# "Palestinian Territories") or the UN list above names the State.
UN_LOCAL_SHORT_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "BOL": "Bolivie",
        "COD": "République démocratique du Congo",
        "GBR": "Royaume-Uni",
        "IRN": "Iran",
        "KOR": "République de Corée",
        "PRK": "République populaire démocratique de Corée",
        "LAO": "République démocratique populaire lao",
        "MDA": "République de Moldova",
        "PSE": "État de Palestine",
        "RUS": "Russie",
        "SYR": "Syrie",
        "TUR": "Türkiye",
        "TZA": "République-Unie de Tanzanie",
        "USA": "États-Unis d’Amérique",
        "VEN": "Venezuela",
        "VNM": "Viet Nam",
    },
    "es": {
        "BOL": "Bolivia",
        "COD": "República Democrática del Congo",
        "GBR": "Reino Unido",
        "IRN": "Irán",
        "KOR": "República de Corea",
        "PRK": "República Popular Democrática de Corea",
        "LAO": "República Democrática Popular Lao",
        "MDA": "República de Moldova",
        "PSE": "Estado de Palestina",
        "RUS": "Rusia",
        "SYR": "Siria",
        "TUR": "Türkiye",
        "TZA": "República Unida de Tanzanía",
        "USA": "Estados Unidos de América",
        "VEN": "Venezuela",
        "VNM": "Viet Nam",
    },
    "ru": {
        "BOL": "Боливия",
        "COD": "Демократическая Республика Конго",
        "GBR": "Соединенное Королевство",
        "IRN": "Иран",
        "KOR": "Республика Корея",
        "PRK": "Корейская Народно-Демократическая Республика",
        "LAO": "Лаосская Народно-Демократическая Республика",
        "MDA": "Республика Молдова",
        "PSE": "Государство Палестина",
        "RUS": "Россия",
        "SYR": "Сирия",
        "TUR": "Тюркийе",
        "TZA": "Объединенная Республика Танзания",
        "USA": "Соединенные Штаты Америки",
        "VEN": "Венесуэла",
        "VNM": "Вьетнам",
    },
    "ar": {
        "BOL": "بوليفيا",
        "COD": "جمهورية الكونغو الديمقراطية",
        "GBR": "المملكة المتحدة",
        "IRN": "إيران",
        "KOR": "جمهورية كوريا",
        "PRK": "جمهورية كوريا الشعبية الديمقراطية",
        "LAO": "جمهورية لاو الديمقراطية الشعبية",
        "MDA": "جمهورية مولدوفا",
        "PSE": "دولة فلسطين",
        "RUS": "روسيا",
        "SYR": "سوريا",
        "TUR": "تركيا",
        "TZA": "جمهورية تنزانيا المتحدة",
        "USA": "الولايات المتحدة الأمريكية",
        "VEN": "فنزويلا",
        "VNM": "فييت نام",
    },
    "zh_Hans": {
        "BOL": "玻利维亚",
        "COD": "刚果民主共和国",
        "GBR": "英国",
        "IRN": "伊朗",
        "KOR": "大韩民国",
        "PRK": "朝鲜民主主义人民共和国",
        "LAO": "老挝人民民主共和国",
        "MDA": "摩尔多瓦共和国",
        "PSE": "巴勒斯坦国",
        "RUS": "俄罗斯",
        "SYR": "叙利亚",
        "TUR": "土耳其",
        "TZA": "坦桑尼亚联合共和国",
        "USA": "美利坚合众国",
        "VEN": "委内瑞拉",
        "VNM": "越南",
    },
}


@cache
def local_short_name(code: str, locale_name: str) -> str | None:
    """A State's short name in a language (a Babel locale name: fr, zh_Hans): the UN's where it differs from
    CLDR's, else CLDR's; None for English (the UN list above) or an unknown code."""
    language = locale_name.split("_")[0]
    if language == "en":
        return None
    record = (
        pycountry.countries.get(alpha_3=code.upper()) if isinstance(code, str) and len(code) == 3 else None
    )
    if record is None:
        return None
    table = UN_LOCAL_SHORT_NAMES.get(locale_name) or UN_LOCAL_SHORT_NAMES.get(language) or {}
    if record.alpha_3 in table:
        return table[record.alpha_3]
    try:
        return Locale.parse(locale_name).territories.get(record.alpha_2)
    except (UnknownLocaleError, ValueError):
        return None
