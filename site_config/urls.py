from django.conf import settings
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from guides import feeds
from search import views as search_views
from site_config import throttling


def static_icon(name):
    """A view sending the root URL browsers ask for unprompted (/favicon.ico) to the static
    file; temporarily, as the static file's name changes with its content in production."""
    return lambda request: redirect(static(f"icons/{name}"))


urlpatterns = [
    # Before Wagtail's own: the same form, with a limit per address (site_config/throttling.py).
    path(
        "admin/password_reset/",
        throttling.ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("site_config.document_urls")),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("favicon.ico", static_icon("favicon.ico")),
    path("apple-touch-icon.png", static_icon("apple-touch-icon.png")),
    path(
        "site.webmanifest",
        TemplateView.as_view(
            template_name="site.webmanifest", content_type="application/manifest+json"
        ),
        name="web_manifest",
    ),
    path("feeds/guides/", feeds.LatestGuidesFeed(), name="feed_latest"),
    path("feeds/guides/atom/", feeds.LatestGuidesAtomFeed(), name="feed_latest_atom"),
    path("feeds/<slug:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("feeds/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="feed_category_atom"),
]

if settings.DEBUG:
    # Imported under another name: `static` above is the static-file URL of the icons.
    from django.conf.urls.static import static as media_patterns

    urlpatterns += media_patterns(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
