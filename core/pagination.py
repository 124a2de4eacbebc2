from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def paginate(items, per_page, number, notes):
    """A page of ``items``; a page number that does not exist gives a note, never an error."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        notes.append(_("Dat paginanummer bestaat niet; we tonen de eerste pagina."))
        return paginator.page(1)
    except EmptyPage:
        notes.append(_("Dat paginanummer bestaat niet; we tonen de laatste pagina."))
        return paginator.page(paginator.num_pages)
