import datetime
import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.images import preset_specs
from core.page_queries import SitePageManager, SitePageMixin
from core.pagination import listing_page
from core.search_index import index_after_save
from core.slugs import RESERVED_CATEGORY_SLUGS, refuse_reserved_slug
from core.templatetags.responsive_images import prefetch_renditions
from pagecache import page_cache

from .blocks import (
    ANCHOR_MAX_LENGTH,
    PAGE_IDS,
    GuideBodyBlock,
    fill_section_anchors,
    section_ids,
)
from .forms import GuidePageForm, OrderedTagWidget

READING_WORDS_PER_MINUTE = 230
# Enough to count words in stored rich text; far cheaper than an HTML parser on every view.
TAG_RE = re.compile(r"<[^>]*>")
RELATED_GUIDES_LIMIT = 3
MORE_IN_CATEGORY_LIMIT = 5
# The table of contents' entry for a ranked course list without a heading of its own.
COURSE_LIST_TOC_HEADING = "Recommended courses"
# A guide card's image (includes/guide_card.html shows the "card" preset). Not the share image
# a listing's head tags take from its first guide (seo/metadata.py): one card's, not all.
CARD_IMAGE_SPECS = preset_specs("card")


def local_midnight(date: datetime.date) -> datetime.datetime:
    """The start of `date` in the site's time zone (aware)."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


def fill_course_list_anchors(body) -> None:
    """Give each ranked course list at the top level of the body (one inside a section goes by
    the section's anchor) an id for the table of contents: from its heading, never one of the
    page's own ids nor a section's. Kept as an attribute of the value the template renders
    (`value.anchor`), not as one of its keys: the block has no such field, and a key would be
    written into the stored data (and refused by the block) whenever the body is serialised."""
    taken = set(PAGE_IDS)
    for child in body:
        if child.block_type == "section" and child.value["anchor"]:
            taken |= section_ids(child.value["anchor"])
    for child in body:
        if child.block_type != "course_list":
            continue
        if getattr(child.value, "anchor", None):
            taken.add(child.value.anchor)
            continue
        base = slugify(child.value["heading"])[: ANCHOR_MAX_LENGTH - 10].strip("-") or "courses"
        anchor, suffix = base, 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        child.value.anchor = anchor
        taken.add(anchor)


def prefetch_card_renditions(guides) -> list:
    """The guides as a list, their hero images holding their card renditions, in one cache
    lookup and at most one query (`prefetch_renditions`), never one per card. Guides should
    come with select_related("hero_image")."""
    guides = list(guides)
    prefetch_renditions([guide.hero_image for guide in guides], CARD_IMAGE_SPECS)
    return guides


def visible_linked_guides(links, visible) -> list:
    """The guides of hand-picked links (related or featured guides), in the editor's order,
    keeping only those in `visible` (live and public): a draft, or a guide behind a password,
    login or group restriction, never shows its title and standfirst on a public page."""
    links = links.all()
    if isinstance(links, models.QuerySet):
        return [
            link.guide
            for link in links.filter(guide__in=visible.values("pk"))
            .select_related("guide", "guide__hero_image")
            .defer("guide__body")
        ]
    # Unsaved links (a preview): look their guides up among the visible ones.
    ids = [link.guide_id for link in links if link.guide_id]
    found = visible.select_related("hero_image").defer_streamfields().in_bulk(ids) if ids else {}
    return [found[pk] for pk in ids if pk in found]


class GuideIndexPage(SitePageMixin, Page):
    """A category of guides, such as "Web development"."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.GuidePage"]
    template = "pages/guide_index_page.html"

    objects = SitePageManager()

    class Meta:
        verbose_name = "category"
        verbose_name_plural = "categories"

    def clean(self):
        super().clean()
        refuse_reserved_slug(self, RESERVED_CATEGORY_SLUGS)

    def live_guides(self):
        return (
            GuidePage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .defer_streamfields()
            .order_by("-first_published", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A ?page= past the end, 0 or not a number is a 404 (core/pagination.py), never page 1.
        guides = listing_page(request, self.live_guides(), settings.GUIDES_PER_PAGE)
        guides.object_list = prefetch_card_renditions(guides.object_list)
        context["guides"] = guides
        return context


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "guides.GuidePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class RelatedGuide(Orderable):
    page = ParentalKey("guides.GuidePage", on_delete=models.CASCADE, related_name="related_links")
    guide = models.ForeignKey(
        "guides.GuidePage", on_delete=models.CASCADE, related_name="+", verbose_name="guide"
    )

    panels = [FieldPanel("guide")]


class GuidePage(SitePageMixin, Page):
    standfirst = models.TextField(
        max_length=300, help_text="One or two sentences under the title; also used in listings."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the image; leave empty only when it is purely decorative.",
    )
    author = models.CharField(
        max_length=120,
        help_text="The name in the byline (the author page's title if you choose one).",
    )
    author_page = models.ForeignKey(
        "guides.AuthorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The author's page: the byline and search engines link to it.",
    )
    first_published = models.DateField(
        default=timezone.localdate, help_text="Shown to readers as the publication date."
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the guide was last checked for accuracy."
    )
    tags = ClusterTaggableManager(through=GuidePageTag, blank=True)
    body = StreamField(GuideBodyBlock())

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading="Hero image"
        ),
        FieldRowPanel([FieldPanel("author"), FieldPanel("author_page")]),
        FieldRowPanel([FieldPanel("first_published"), FieldPanel("last_reviewed")]),
        FieldPanel("tags", widget=OrderedTagWidget),
        FieldPanel("body"),
        InlinePanel("related_links", label="Related guides (hand-picked)", max_num=3),
    ]

    # Ranking: the title (weight A) beats the standfirst and tags (B), which beat section
    # headings and FAQ questions (C), which beat the body text (D). Search (search/) reads these.
    # Page.search_fields stays whole (Wagtail checks for it); the later "title" entry wins, as
    # get_search_fields() keeps the last field of each name.
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=10),
        index.SearchField("standfirst", boost=5),
        index.RelatedFields("tags", [index.SearchField("name", boost=5)]),
        index.SearchField("search_headings", boost=3),
        index.SearchField("body"),
        index.SearchField("author"),
        index.SearchField("search_category"),
        index.FilterField("first_published"),
        index.FilterField("expire_at"),
    ]
    # Indexed once per save, at its end, but not on a draft save (core.search_index).
    search_auto_update = False

    base_form_class = GuidePageForm
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    template = "pages/guide_page.html"

    objects = SitePageManager()
    route_select_related = ("hero_image", "author_page")

    class Meta:
        verbose_name = "guide"

    def clean(self):
        super().clean()
        if (
            self.last_reviewed
            and self.first_published
            and self.last_reviewed < self.first_published
        ):
            raise ValidationError(
                {"last_reviewed": "The last review cannot be before the first publication date."}
            )

    def save(self, *args, **kwargs):
        fill_section_anchors(self.body)
        result = super().save(*args, **kwargs)
        index_after_save(self, kwargs.get("update_fields"))
        return result

    def full_clean(self, *args, **kwargs):
        fill_section_anchors(self.body)
        return super().full_clean(*args, **kwargs)

    @property
    def category(self):
        return self.get_parent().specific

    @property
    def live_author_page(self):
        """The author's page when it is live, else None (the byline names the author alone)."""
        page = self.author_page
        return page if page is not None and page.live else None

    @property
    def byline(self) -> str:
        """The author's name as the page, its feed entry and its structured data give it."""
        return self.live_author_page.title if self.live_author_page else self.author

    # The page shows dates (publication, last review); the structured data, the feeds and the
    # sitemap give the same dates as moments in the site's time zone, with its offset.
    @property
    def published_moment(self) -> datetime.datetime:
        return local_midnight(self.first_published)

    @property
    def modified_moment(self) -> datetime.datetime:
        """When the guide last changed as readers see it: its last review, else publication."""
        return local_midnight(self.last_reviewed or self.first_published)

    def get_sitemap_urls(self, request=None):
        return [{"location": self.get_full_url(request), "lastmod": self.modified_moment}]

    def search_headings(self) -> str:
        """Section headings and FAQ questions, indexed with more weight than the body text."""
        texts = []
        for child in self.body:
            if child.block_type == "section":
                texts.append(child.value["heading"])
            elif child.block_type == "faq":
                texts.extend(item["question"] for item in child.value["items"])
        return "\n".join(texts)

    def search_category(self) -> str:
        """The category's title, so "web development" finds the guides filed under it."""
        parent = self.get_parent() if self.pk else None
        return parent.title if parent else ""

    @cached_property
    def tag_list(self) -> list:
        """The tags, read once for the template and the related guides."""
        return list(self.tags.all())

    @property
    def table_of_contents(self) -> list[dict]:
        """The page's sections, ranked course lists (outside sections) and FAQ, in page order.
        It also gives every section and course list its anchor for the body rendered after it
        (`pages/guide_page.html`): anchors saved before an id joined the page (or by code that
        skipped validation) must still never repeat one of its ids; for anything saved since,
        this changes nothing."""
        fill_section_anchors(self.body)
        fill_course_list_anchors(self.body)
        entries = []
        for child in self.body:
            if child.block_type == "section":
                entries.append({"anchor": child.value["anchor"], "heading": child.value["heading"]})
            elif child.block_type == "course_list":
                heading = child.value["heading"] or COURSE_LIST_TOC_HEADING
                entries.append({"anchor": child.value.anchor, "heading": heading})
            elif child.block_type == "faq":
                # At most one FAQ per guide (GuideBodyBlock), so its heading's id is unique.
                entries.append({"anchor": "faq-heading", "heading": child.value["heading"]})
        return entries

    @property
    def reading_time(self) -> int:
        """Minutes to read the body, from the words in its stored text."""

        def words(node) -> int:
            if isinstance(node, str):
                return len(TAG_RE.sub(" ", node).split())
            if isinstance(node, dict):
                return sum(words(v) for k, v in node.items() if k not in {"type", "id"})
            if isinstance(node, list):
                return sum(words(v) for v in node)
            return 0

        return max(1, math.ceil(words(list(self.body.raw_data)) / READING_WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The article is kept in the cache until the page cache's version of this page changes
        # (a publish anywhere, a change to a course it lists, an image): the template asks for
        # its parts, and so for the body's courses and the footer links, only on a miss.
        context["content_version"] = page_cache.content_version(request.path)
        context["fragment_seconds"] = settings.PAGE_CACHE_SECONDS
        preview = getattr(request, "is_preview", False)
        context["links"] = SimpleLazyObject(lambda: self.reader_links(cached=not preview))
        return context

    def reader_links(self, cached: bool = True) -> dict[str, list["GuidePage"]]:
        """Related guides and more in this category. For readers they are kept until the site's
        content version changes: they depend only on what is published, and they cost about a
        third of a page render. A preview always computes them (its tags may be unsaved)."""
        if not cached or not self.pk:
            return self._links()
        key = f"guide-links:{self.pk}:{page_cache.site_version()}"
        links = page_cache.cache_backend().get(key)
        if links is None:
            links = self._links()
            page_cache.cache_backend().set(key, links, settings.PAGE_CACHE_SECONDS)
        return links

    def _links(self) -> dict[str, list["GuidePage"]]:
        related = self.related_guides()
        return {"related": related, "more": self.more_in_category(exclude=related)}

    def related_guides(self) -> list["GuidePage"]:
        """Hand-picked guides first (in the editor's order), then guides sharing the most tags,
        then the newest of the same category: live and public, never this one; one query."""
        picked, picked_rank = self._picked()
        # Not values_list(): a preview or an old revision holds its tags in memory (a
        # modelcluster FakeQuerySet), which answers all() but no query by field name.
        sharing = GuidePageTag.objects.filter(tag__in=[tag.pk for tag in self.tag_list])
        shared = sharing.filter(content_object=OuterRef("pk")).values("content_object")
        siblings = GuidePage.objects.sibling_of(self).order_by().values("pk")
        related = (
            GuidePage.objects.live()
            .public()
            # The candidates, found by index however many guides the site holds, are ranked.
            .filter(pk__in=siblings.union(picked, sharing.values("content_object")))
            .exclude(pk=self.pk)
            .annotate(
                picked=picked_rank,
                shared=Coalesce(
                    Subquery(shared.annotate(count=Count("tag", distinct=True)).values("count")),
                    0,
                ),
            )
            .order_by(F("picked").asc(nulls_last=True), "-shared", "-first_published", "-pk")
            .select_related("hero_image")
            .defer_streamfields()
        )
        return prefetch_card_renditions(related[:RELATED_GUIDES_LIMIT])

    def _picked(self):
        """The hand-picked related guides' pks (a query), and the editor's position of each
        guide (an expression, null for a guide not picked)."""
        links = self.related_links.all()
        if isinstance(links, models.QuerySet):
            position = links.filter(guide=OuterRef("pk")).order_by("sort_order", "pk")
            return links.order_by().values("guide"), Subquery(
                position.annotate(rank=Coalesce("sort_order", 0)).values("rank")[:1]
            )
        # Unsaved links (a preview) are in memory.
        ids = [link.guide_id for link in links if link.guide_id]
        ranks = [When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)]
        no_rank = Value(None, output_field=models.IntegerField())
        # No ORDER BY (a page query has one by default): SQLite refuses one in a part of the
        # UNION this joins in related_guides().
        picked = GuidePage.objects.filter(pk__in=ids).order_by().values("pk")
        return picked, Case(*ranks, default=no_rank)

    def more_in_category(self, exclude=()):
        """Other guides of the category, leaving out `exclude` (the related guides shown just
        above them): a reader is never offered the same guide twice."""
        return list(
            GuidePage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .exclude(pk__in=[guide.pk for guide in exclude])
            .defer_streamfields()
            .order_by("-first_published", "-pk")[:MORE_IN_CATEGORY_LIMIT]
        )


class AuthorIndexPage(Page):
    """The authors (e.g. /authors/): one page per person who writes guides.

    Authors are pages rather than snippets because they are read as pages: each has an
    address, a title and description for search engines, drafts, previews and revisions, a
    place in the sitemap and in site search, all of which a page has from Wagtail."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.AuthorPage"]
    max_count_per_parent = 1
    template = "pages/author_index_page.html"

    class Meta:
        verbose_name = "author index"

    def clean(self):
        super().clean()
        refuse_reserved_slug(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = (
            AuthorPage.objects.child_of(self).live().public().select_related("photo")
        ).order_by("title")
        return context


class AuthorPage(Page):
    """One author: name (the title), role, biography, photo, and the guides they wrote."""

    role = models.CharField(max_length=120, blank=True, help_text="For example “Senior editor”.")
    bio = RichTextField(features=["bold", "italic", "link"], help_text="A short biography.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A portrait; its alternative text is the author's name.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = Page.search_fields + [index.SearchField("bio")]

    parent_page_types = ["guides.AuthorIndexPage"]
    subpage_types = []
    template = "pages/author_page.html"

    class Meta:
        verbose_name = "author"

    def guides(self):
        """The author's live, public guides, newest first."""
        return prefetch_card_renditions(
            list(
                GuidePage.objects.live()
                .public()
                .filter(author_page=self)
                .select_related("hero_image")
                .defer_streamfields()
                .order_by("-first_published", "-pk")
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides()
        return context
