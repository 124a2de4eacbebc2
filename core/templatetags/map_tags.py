"""`{% map_box %}`, `{% map_css %}` and `{% map_js %}`: the map component in templates."""

from django import template

from core.maps import map_tiles

register = template.Library()


@register.inclusion_tag("core/includes/map.html")
def map_box(list_url, query="", title="", heading_level=2, hint="", page=None):
    """The map of the list at `list_url` with the same filters (`query`), hidden until loaded.

    Its markers come from `<list_url>geojson/?<query>`; `page` limits them to one page of the
    list; `hint` is said when JavaScript is off.
    """
    params = "&".join(part for part in (query, f"pagina={page}" if page else "") if part)
    return {
        "geojson_url": f"{list_url}geojson/?{params}",
        "title": title,
        "heading": f"h{heading_level}",
        "hint": hint,
        "tiles": map_tiles(),
    }


@register.inclusion_tag("core/includes/map_css.html")
def map_css():
    return {}


@register.inclusion_tag("core/includes/map_js.html")
def map_js():
    return {}
