"""`{% pagination %}`: the page links of every list on the site (core/pagination.py)."""

from django import template

from core.pagination import page_links

register = template.Library()


@register.inclusion_tag("core/includes/pagination.html")
def pagination(page, query="", label="", fragment=""):
    """Links to the other pages of ``page``'s list, keeping its filters (``query``).

    ``label`` names the navigation for screen readers, e.g. "Pagina’s met plekken";
    ``fragment`` (e.g. "#resultaten") lands the visitor on the results.
    """
    return {"links": page_links(page, query, fragment), "label": label}
