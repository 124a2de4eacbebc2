"""Distance from a point, computed and sorted in SQL (never by loading every place)."""

import math

from django.db.models import ExpressionWrapper, F, FloatField, Value
from django.db.models.functions import Lower

KM_PER_DEGREE = 111.32


def order_by_distance(places, latitude, longitude):
    """Nearest first (an equirectangular approximation, exact enough within a country)."""
    scale = math.cos(math.radians(latitude)) ** 2
    return places.annotate(
        distance_sq=ExpressionWrapper(
            (F("latitude") - Value(latitude)) * (F("latitude") - Value(latitude))
            + (F("longitude") - Value(longitude))
            * (F("longitude") - Value(longitude))
            * Value(scale),
            output_field=FloatField(),
        )
    ).order_by(F("distance_sq").asc(nulls_last=True), Lower("title"))


def distance_km(place):
    """Kilometres, rounded to one decimal, of a place from ``order_by_distance``; else None."""
    distance_sq = getattr(place, "distance_sq", None)
    return round(math.sqrt(distance_sq) * KM_PER_DEGREE, 1) if distance_sq is not None else None
