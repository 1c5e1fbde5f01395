from decimal import Decimal
from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from home.models import refuse_reserved_slug
from home.search_index import reindex_after_save

# Paths under the catalogue page that a course slug must not shadow.
RESERVED_SLUGS = {"finder", "compare"}

# How topic tags (stored as slugs such as "rest-apis") read to people.
TOPIC_LABELS = {
    "drf": "Django REST framework",
    "rest-apis": "REST APIs",
    "sql": "SQL",
    "devops": "DevOps",
    "fastapi": "FastAPI",
    "javascript": "JavaScript",
    "pandas": "pandas",
}


def topic_label(name: str) -> str:
    return TOPIC_LABELS.get(name, name.replace("-", " ").capitalize())


class Provider(models.TextChoices):
    COURSERA = "coursera", "Coursera"
    UDEMY = "udemy", "Udemy"
    EDX = "edx", "edX"
    PLURALSIGHT = "pluralsight", "Pluralsight"
    FREECODECAMP = "freecodecamp", "freeCodeCamp"
    OTHER = "other", "Other"


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class PriceModel(models.TextChoices):
    FREE = "free", "Free"
    PAID = "paid", "Paid"
    SUBSCRIPTION = "subscription", "Subscription"


class Topic(TagBase):
    """Course topics live in their own tag namespace, apart from guide tags."""

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"


class TaggedCourse(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_courses")
    content_object = ParentalKey(
        "courses.Course", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class CourseQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


def web_url(value: str) -> str:
    """`value` if it is an absolute http or https URL, else "" (see Course.web_url)."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""


class Course(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Used in URLs and to match rows on import."
    )
    provider = models.CharField(max_length=20, choices=Provider.choices)
    url = models.URLField("course link", max_length=500)
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.0")), MaxValueValidator(Decimal("10.0"))],
        help_text="The site's own rating, from 0.0 to 10.0.",
    )
    review = models.TextField(
        "short review", max_length=600, help_text="Two or three sentences shown in course lists."
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    topics = ClusterTaggableManager(through=TaggedCourse, blank=True)
    price_model = models.CharField(max_length=20, choices=PriceModel.choices)
    language = models.CharField(max_length=50, default="English")
    last_reviewed = models.DateField(default=timezone.localdate)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="course")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="course",
        for_concrete_model=False,
    )

    objects = CourseQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("provider"), FieldPanel("rating")]),
        FieldPanel("url"),
        FieldPanel("review"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("price_model")]),
                FieldRowPanel([FieldPanel("language"), FieldPanel("last_reviewed")]),
                FieldPanel("topics"),
            ],
            heading="Details",
        ),
        # Go-live and expiry ("Set schedule" in the status panel); a custom panel list
        # leaves them out unless it names this panel.
        PublishingPanel(),
    ]

    # Same weight bands as guides (guides/models.py): title A, provider and topics B, the rest D.
    search_fields = [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("provider_name", boost=5),
        index.RelatedFields("topics", [index.SearchField("name", boost=5)]),
        index.SearchField("review"),
        index.SearchField("level_name"),
        index.FilterField("live"),
        index.FilterField("expire_at"),
        index.FilterField("provider"),
        index.FilterField("level"),
        index.FilterField("price_model"),
        index.FilterField("rating"),
    ]

    class Meta:
        ordering = ["-rating", "title"]
        indexes = [models.Index(fields=["live", "-rating"])]

    def __str__(self):
        return f"{self.title} ({self.get_provider_display()})"

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        reindex_after_save(self, kwargs.get("update_fields"), {"topics", "tagged_topics"})
        return result

    @property
    def revisions(self):
        return self._revisions

    @property
    def web_url(self) -> str:
        """The course link as rendered to readers: the stored URL when it is an http(s) address,
        else "". Forms refuse other schemes, but a URL saved from the shell or a fixture skips
        them, and a `javascript:` link must never reach a page or an answer."""
        return web_url(self.url)

    @property
    def rating_display(self) -> str:
        return f"{self.rating:.1f}/10"

    def provider_name(self) -> str:
        return self.get_provider_display()

    def level_name(self) -> str:
        # "course" too, so that "beginner course" finds beginner-level courses.
        return f"{self.get_level_display()} course"

    def topic_names(self) -> str:
        return ", ".join(sorted(topic.name for topic in self.topics.all()))

    topic_names.short_description = "topics"

    def get_preview_template(self, request, mode_name):
        return "courses/course_preview.html"

    def get_preview_context(self, request, mode_name):
        """The course as its card in a guide's course list: the same template and items."""
        context = super().get_preview_context(request, mode_name)
        catalogue = CourseIndexPage.live_catalogue(request)
        context["preview_list"] = {"heading": "How this course appears in a guide's course list"}
        context["ranked_items"] = [
            {
                "course": self,
                "note": "",
                "page_url": catalogue.course_url(self) if catalogue else "",
            }
        ]
        return context

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the course catalogue itself; choose another."}
            )

    def topic_labels(self) -> list[str]:
        return sorted(topic_label(topic.name) for topic in self.topics.all())


class CourseIndexPage(RoutablePageMixin, Page):
    """The course catalogue (e.g. /courses/): every live course, a page per course, the finder."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/course_index_page.html"

    class Meta:
        verbose_name = "course catalogue"

    def clean(self):
        super().clean()
        refuse_reserved_slug(self)

    def get_context(self, request, *args, **kwargs):
        from .views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context

    # Fixed routes come before the course slug route; RESERVED_SLUGS keeps them apart.
    @path("finder/")
    def finder(self, request):
        from .views import finder_page

        return finder_page(self, request)

    @path("finder/json/")
    def finder_json(self, request):
        from .views import finder_json

        return finder_json(self, request)

    @path("compare/")
    def compare(self, request):
        from .views import compare_page

        return compare_page(self, request)

    @path("<slug:slug>/")
    def course(self, request, slug):
        from .views import course_page

        return course_page(self, request, slug)

    @classmethod
    def live_catalogue(cls, request=None):
        """The live catalogue page (one per site) or None; looked up once per request."""
        if request is not None and hasattr(request, "_course_catalogue"):
            return request._course_catalogue
        catalogue = cls.objects.live().public().order_by("path").first()
        if request is not None:
            request._course_catalogue = catalogue
        return catalogue

    def subpage_url(self, name, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    def course_url(self, course) -> str:
        return self.subpage_url("course", slug=course.slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for course in Course.objects.live().order_by("slug"):
            urls.append(
                {
                    "location": base + self.reverse_subpage("course", kwargs={"slug": course.slug}),
                    "lastmod": course.last_published_at or course.last_reviewed,
                }
            )
        return urls


class FinderRequest(models.Model):
    """One question a reader asked the course finder, so admins see what readers look for."""

    VIA_CHOICES = [("page", "Page"), ("json", "Script (JSON)")]

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    query = models.CharField(max_length=500)
    intent = models.JSONField(default=dict, blank=True)
    results_count = models.PositiveIntegerField(default=0)
    via = models.CharField(max_length=10, choices=VIA_CHOICES, default="page")

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "course finder request"

    def __str__(self):
        return self.query

    def intent_summary(self) -> str:
        from .finder import Intent

        return Intent.from_dict(self.intent).summary() or "nothing recognised"

    intent_summary.short_description = "intent read"


class CourseLinkCheck(models.Model):
    """The last result of checking a course's outbound link (manage.py check_course_links)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="link_check")
    url = models.URLField(max_length=500)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    error = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField()

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["ok", "course__title"]
        verbose_name = "course link check"

    def __str__(self):
        return f"{self.course.title}: {self.result}"

    @property
    def result(self) -> str:
        if self.status_code:
            return f"HTTP {self.status_code}"
        return self.error or "not checked"
