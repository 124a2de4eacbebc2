from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished

        from core.imports.signals import import_finished

        from .spelling import forget

        # The "did you mean" words and the exact titles change with what is live.
        page_published.connect(forget, dispatch_uid="search_vocabulary_published")
        page_unpublished.connect(forget, dispatch_uid="search_vocabulary_unpublished")
        post_delete.connect(forget, sender=Page, dispatch_uid="search_vocabulary_deleted")
        import_finished.connect(forget, dispatch_uid="search_vocabulary_imported")
