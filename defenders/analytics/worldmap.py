"""A world choropleth of communications by addressee State, drawn on the server as inline SVG.

The shapes are Natural Earth's 1:110m countries as world-atlas 2.0.2 ships them in TopoJSON (vendored from npm under
static/analytics/vendor/world-atlas/ with its licence); they are decoded and projected (Equal Earth) once per
process, and each request only colours them. States are matched by their ISO 3166 numeric code."""

import gettext
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import pycountry
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

TOPOLOGY = Path(__file__).parent / "static/analytics/vendor/world-atlas/countries-110m.json"
WIDTH = 960
ANTARCTICA = "010"
SOUTHERNMOST_LATITUDE = (
    -57
)  # no addressee there: left out, so that the map keeps its height for the inhabited world

# Light to dark blues; shapes are told apart by their borders and each State's count is in its tooltip and in the
# table beside the map, so no reading depends on telling two blues apart.
NO_COMMUNICATION = "#f2f2f2"
CLASS_COLOURS = ("#c6dbef", "#6baed6", "#3182bd", "#08519c", "#08306b")
BORDER = "#595959"
TEXT = "#1a1a1a"

# Equal Earth (Šavrič, Patterson and Jenny, 2018): an equal-area projection, so that large States do not look
# more written to than they are.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_EXTENT = equal_earth(180, 0)[0]
Y_EXTENT = equal_earth(0, 90)[1]


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166 alpha-3, or "" for territories without one (Kosovo, Somaliland, Northern Cyprus)
    name: str
    path: str  # SVG path data in the map's coordinates


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the delta-encoded, quantized arcs into longitude and latitude."""
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        decoded.append(points)
    return decoded


def _ring(indexes: Sequence[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with continuous longitudes: one that crosses the antimeridian (Russia, Fiji) goes past ±180°."""
    points = ring[:1]
    for longitude, latitude in ring[1:]:
        previous = points[-1][0]
        while longitude - previous > 180:
            longitude -= 360
        while longitude - previous < -180:
            longitude += 360
        points.append((longitude, latitude))
    return points


def _projected(ring: list[tuple[float, float]]) -> str:
    scale = WIDTH / (2 * X_EXTENT)
    projected: list[str] = []
    for longitude, latitude in ring:
        x, y = equal_earth(longitude, latitude)
        point = f"{(x + X_EXTENT) * scale:.1f},{(Y_EXTENT - y) * scale:.1f}"
        if not projected or projected[-1] != point:
            projected.append(point)
    return "M" + "L".join(projected) + "Z"


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Path data of the rings; a ring past the antimeridian is drawn again from the other side, and the map's clip
    path (the outline of the globe) cuts what lies beyond either edge."""
    commands = []
    for ring in map(_unwrapped, rings):
        commands.append(_projected(ring))
        longitudes = [longitude for longitude, _ in ring]
        if max(longitudes) > 180:
            commands.append(_projected([(longitude - 360, latitude) for longitude, latitude in ring]))
        if min(longitudes) < -180:
            commands.append(_projected([(longitude + 360, latitude) for longitude, latitude in ring]))
    return "".join(commands)


@cache
def globe_outline() -> str:
    """The edge of the map: the antimeridian on both sides, from the North Pole to the latitude the map ends at."""
    latitudes = range(90, SOUTHERNMOST_LATITUDE - 1, -1)
    east = [(180.0, float(latitude)) for latitude in latitudes]
    west = [(-180.0, float(latitude)) for latitude in reversed(latitudes)]
    return _projected(east + west)


def _alpha_3(numeric: str | None) -> str:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_3 if country else ""


@cache
def shapes() -> tuple[tuple[Shape, ...], float]:
    """Every country's projected outline, and the map's height (computed once per process)."""
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    # Cut below the southern tip of South America: nothing is drawn further south once Antarctica is left out.
    height = round((Y_EXTENT - equal_earth(0, SOUTHERNMOST_LATITUDE)[1]) * WIDTH / (2 * X_EXTENT), 1)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        found.append(Shape(_alpha_3(geometry.get("id")), geometry["properties"]["name"], _path(rings)))
    return tuple(found), height


# Django's language code -> the folder of pycountry's own translations of the ISO 3166 names.
ISO_NAME_LANGUAGES = {"zh-hans": "zh_CN"}


@cache
def _iso_names(language: str) -> gettext.NullTranslations:
    folder = ISO_NAME_LANGUAGES.get(language, language)
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[folder], fallback=True)


def local_name(shape: Shape) -> str:
    """The country's name in the reader's language, from pycountry's translations of ISO 3166; the map's own
    (English, short) name in English and for the few shapes without an ISO code."""
    language = get_language() or "en"
    country = pycountry.countries.get(alpha_3=shape.code) if shape.code else None
    if country is None or language.startswith("en"):
        return shape.name
    return _iso_names(language).gettext(country.name)


def _count(value: int) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


def class_bounds(counts: Sequence[int]) -> list[tuple[int, int]]:
    """Up to five classes of counts (lowest, highest), from quantiles of the States written to."""
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    uppers: list[int] = []
    for share in (0.2, 0.4, 0.6, 0.8, 1.0):
        upper = values[min(len(values) - 1, math.ceil(share * len(values)) - 1)]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    lowers = [1, *(upper + 1 for upper in uppers[:-1])]
    return list(zip(lowers, uppers, strict=True))


def _colour(count: int, bounds: list[tuple[int, int]]) -> str:
    if count <= 0:
        return NO_COMMUNICATION
    palette = CLASS_COLOURS[len(CLASS_COLOURS) - len(bounds) :]
    for colour, (_lowest, upper) in zip(palette, bounds, strict=True):
        if count <= upper:
            return colour
    return palette[-1]


def world_map(counts: Mapping[str, int], *, title: str, description: str) -> SafeString:
    """The map with each State coloured by its count (alpha-3 code -> communications) and a legend in words."""
    outlines, height = shapes()
    bounds = class_bounds(list(counts.values()))
    legend_height = 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart world-map" '
        f'viewBox="0 0 {WIDTH} {height + legend_height}" width="100%" aria-labelledby="map-title map-desc" '
        f'font-family="sans-serif" font-size="13">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(description)}</desc>',
        f'<clipPath id="map-globe"><path d="{globe_outline()}" /></clipPath>',
        f'<g clip-path="url(#map-globe)" stroke="{BORDER}" stroke-width="0.5" stroke-linejoin="round">',
    ]
    for shape in outlines:
        count = counts.get(shape.code, 0) if shape.code else 0
        said = ngettext(
            "%(state)s: %(count)s communication", "%(state)s: %(count)s communications", count
        ) % {"state": local_name(shape), "count": _count(count)}
        parts.append(
            f'<path d="{shape.path}" fill="{_colour(count, bounds)}"><title>{escape(said)}</title></path>'
        )
    parts.append("</g>")
    x = 10
    legend_y = height + 8
    swatches = [
        (NO_COMMUNICATION, _("none")),
        *zip(
            CLASS_COLOURS[len(CLASS_COLOURS) - len(bounds) :],
            (_count(low) if low == high else f"{_count(low)}–{_count(high)}" for low, high in bounds),
            strict=True,
        ),
    ]
    for colour, label in swatches:
        parts.append(
            f'<rect x="{x}" y="{legend_y}" width="16" height="14" fill="{colour}" stroke="{BORDER}" />'
            f'<text x="{x + 22}" y="{legend_y + 12}" fill="{TEXT}">{escape(label)}</text>'
        )
        x += 34 + 8 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))
