"""Pages of a list: one page parameter (``pagina``) and one set of page links everywhere.

Every list on the site (the activity library, the sociale kaart, the agenda and its archive,
the site search) reads its page number from ``PAGE_PARAM`` and shows its page links with
``{% pagination %}`` (``core/templatetags/list_tags.py``, ``core/includes/pagination.html``).
"""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

PAGE_PARAM = "pagina"


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 items, so a long list costs the same as a short one.

    Nobody pages past the fiftieth page; they filter. ``is_capped`` tells the template to
    say "more than 1,000" instead of an exact number.
    """

    cap = 1000

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.count > self.cap


def page_number(request):
    """The page number the visitor asked for, as typed: ``paginate`` checks it."""
    return request.GET.get(PAGE_PARAM, "1")


def paginate(items, per_page, number, notes, paginator_class=Paginator):
    """A page of ``items``; a page number that does not exist gives a note, never an error."""
    paginator = paginator_class(items, per_page)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        notes.append(_("Dat paginanummer bestaat niet; we tonen de eerste pagina."))
        return paginator.page(1)
    except EmptyPage:
        notes.append(_("Dat paginanummer bestaat niet; we tonen de laatste pagina."))
        return paginator.page(paginator.num_pages)


def page_url(query, number):
    """``?<query>&pagina=<number>``: ``query`` is the list's filters, already encoded."""
    return "?" + "&".join(part for part in (query, urlencode({PAGE_PARAM: number})) if part)


def page_links(page, query="", fragment=""):
    """The links of the page navigation: previous, the numbers around this one, next.

    Each link is a dict with ``number`` (None for a gap), ``url`` and ``current``. A
    ``fragment`` such as "#resultaten" takes the visitor to the results, not the top.
    """
    if page is None or not page.has_other_pages():
        return None
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {
        "previous": page_url(query, page.previous_page_number()) + fragment
        if page.has_previous()
        else "",
        "next": page_url(query, page.next_page_number()) + fragment if page.has_next() else "",
        "numbers": [
            {
                "number": number if number != page.paginator.ELLIPSIS else None,
                "url": page_url(query, number) + fragment
                if number != page.paginator.ELLIPSIS
                else "",
                "current": number == page.number,
            }
            for number in numbers
        ],
    }
