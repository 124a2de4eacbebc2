from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _


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
