from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.routing import page_urls
from core.sitemaps import AllLanguagesSitemap
from search import autocomplete as search_autocomplete
from search import views as search_views
from users.password_reset import password_reset as users_password_reset

# Outside the language prefix: the admin (its language follows the editor's
# preference), documents, sitemap and robots.txt.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's password reset, throttled per address and per e-mail address (users/).
    path("admin/password_reset/", users_password_reset, name="users_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Visitor-facing pages live under /nl/ and /en/; "/" redirects to the
# visitor's language (Accept-Language), or Dutch.
urlpatterns += i18n_patterns(
    # The search at a path in the visitor's language (/nl/zoeken/, /en/search/); the
    # old English path of the Dutch site redirects with its parameters.
    path(_("zoeken/"), search_views.search, name="search"),
    path(_("zoeken/suggesties/"), search_autocomplete.suggestions, name="search_suggestions"),
    path("search/", search_views.old_search_address, name="search_old_address"),
    # Wagtail's pages, routed in a fixed number of queries at any depth (core.routing).
    path("", include(page_urls())),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
