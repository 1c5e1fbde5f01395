from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.page_queries import SitePageManager, SitePageMixin, route_below
from courses.models import Course
from guides.models import (
    GuideIndexPage,
    GuidePage,
    prefetch_card_renditions,
    visible_linked_guides,
)

LATEST_GUIDES_LIMIT = 6
TOP_COURSES_LIMIT = 6


class HomePage(SitePageMixin, Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_links", label="Featured guides", max_num=4),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "guides.GuideIndexPage",
        "courses.CourseIndexPage",
        "guides.AuthorIndexPage",
    ]
    template = "pages/home_page.html"

    objects = SitePageManager()

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        return route_below(self, request, path_components)

    def featured_guides(self):
        """The hand-picked guides a reader may see: live and not behind a view restriction.
        Kept on the instance, as the latest guides."""
        if getattr(self, "_featured_guides", None) is None:
            visible = GuidePage.objects.live().public()
            self._featured_guides = visible_linked_guides(self.featured_links, visible)
        return self._featured_guides

    def latest_guides(self):
        """Kept on the instance: the page and its head tags (seo_tags) both list them."""
        if getattr(self, "_latest_guides", None) is None:
            self._latest_guides = list(
                GuidePage.objects.live()
                .public()
                .descendant_of(self)
                .select_related("hero_image")
                .defer_streamfields()
                .order_by("-first_published", "-pk")[:LATEST_GUIDES_LIMIT]
            )
        return self._latest_guides

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The renditions of every card on the page at once.
        prefetch_card_renditions([*self.featured_guides(), *self.latest_guides()])
        return context

    def top_courses(self):
        # Each card names its provider: fetch them in the same query.
        courses = Course.objects.live().select_related("provider")
        return list(courses.order_by("-rating", "title")[:TOP_COURSES_LIMIT])

    def categories(self):
        return GuideIndexPage.objects.child_of(self).live().public()


class HomeFeaturedGuide(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_links")
    guide = models.ForeignKey("guides.GuidePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("guide")]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(
        max_length=150, default="Long-form guides to technology, and the courses worth taking."
    )
    footer_note = models.CharField(
        max_length=250,
        blank=True,
        default="Ratings are our own, out of 10. We are not paid by course providers.",
    )

    panels = [FieldPanel("tagline"), FieldPanel("footer_note")]

    class Meta:
        verbose_name = "site settings"
