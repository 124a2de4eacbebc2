"""The map beside a list: one component for every app that shows one.

A map here is always an enhancement of a list next to it (the list is the content, WCAG),
fed by GeoJSON built from the same filters as the list. Apps build their features with
`point_feature` and answer with `geojson_response`; templates use `{% load map_tags %}`.
"""

from django.conf import settings
from django.http import JsonResponse


def map_tiles():
    """The tile server and its attribution, from settings (PDOK by default)."""
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def point_feature(latitude, longitude, **properties):
    """A GeoJSON point (GeoJSON puts longitude first). `name` and `url` make the popup."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def geojson_response(features):
    return JsonResponse(
        {"type": "FeatureCollection", "features": list(features)},
        json_dumps_params={"ensure_ascii": False},
        content_type="application/geo+json",
    )
