from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from home.search_index import reindex_after_save


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
