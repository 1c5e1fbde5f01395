from decimal import Decimal
from urllib.parse import urlsplit

from django import forms
from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PublishingPanel,
    TitleFieldPanel,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.search_index import index_after_save

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


def unique_slug(model, text: str, *, exclude_pk=None, reserved=frozenset()) -> str:
    """A slug made from `text` that no other row of `model` has (and not a reserved one):
    "django", then "django-2", "django-3"..."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text)[: max_length - 4].strip("-") or model._meta.model_name
    taken = set(
        model.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken or candidate in reserved:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class ProviderQuerySet(models.QuerySet):
    def lookup_table(self) -> dict[str, "Provider"]:
        """Every provider under its name and its slug, lower-cased, for matching typed text."""
        table = {}
        for provider in self:
            table[provider.slug.lower()] = provider
            table.setdefault(provider.name.lower(), provider)
        return table


class Provider(index.Indexed, models.Model):
    """Where a course is taught (Coursera, Udemy...). A snippet, not a fixed list of choices,
    so that course admins add a new provider themselves, with the name readers see."""

    name = models.CharField(
        max_length=100, unique=True, help_text="As readers see it: “Go to the course on …”."
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="Made from the name when left blank; the CSV import accepts it or the name.",
    )
    website = models.URLField("website", max_length=300, blank=True)

    objects = ProviderQuerySet.as_manager()

    panels = [
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("slug"),
    ]

    class Meta:
        ordering = [Lower("name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Courses are found by their provider's name (Course.search_fields): a renamed
        # provider's courses are indexed again.
        for course in self.courses.select_related("provider").prefetch_related("topics"):
            index.insert_or_update_object(course)

    def clean(self):
        super().clean()
        if not self.slug and self.name:
            self.slug = unique_slug(Provider, self.name, exclude_pk=self.pk)


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

    def in_bulk(self, id_list=None, *, field_name="pk"):
        # Wagtail's chooser blocks load all the courses of a page with in_bulk, and every
        # course card names its provider: fetch the providers in the same query.
        queryset = self
        if self.query.deferred_loading == (frozenset(), True):
            queryset = self.select_related("provider")
        return super(CourseQuerySet, queryset).in_bulk(id_list, field_name=field_name)


class ProviderNameOrSlugField(forms.ModelChoiceField):
    """A provider typed by name or slug, in any case ("Udemy", "udemy", "UDEMY"), as a CSV
    cell names it. An unknown one is an invalid choice (the import lists the valid ones)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Provider.objects.all())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if isinstance(value, Provider):
            return value
        provider = self.queryset.filter(
            models.Q(slug__iexact=text) | models.Q(name__iexact=text)
        ).first()
        if provider is None:
            names = ", ".join(str(p) for p in self.queryset) or "none yet; add one first"
            raise ValidationError(
                "“%(value)s” is not a provider we know; use one of: %(names)s.",
                code="invalid_choice",
                params={"value": text, "names": names},
            )
        return provider

    def has_changed(self, initial, data):
        # The stored value is a primary key, the typed one a name or slug: compare providers.
        try:
            provider = self.to_python(data)
        except ValidationError:
            return True
        initial = initial.pk if isinstance(initial, Provider) else initial
        return str(initial or "") != str(provider.pk if provider else "")


class CourseForm(WagtailAdminModelForm):
    # The provider list is short: a select (its values are slugs, stable across databases)
    # is quicker than a chooser dialog. Empty means "no provider", which readers never see.
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="No provider (readers see none)",
        help_text="Missing from the list? Add it under Snippets › Providers.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored value is the provider's key; the select's options are slugs. Without
        # this, an existing course opens with no provider selected and a save clears it.
        if self.instance.provider_id:
            self.initial["provider"] = self.instance.provider.slug


def web_url(value: str) -> str:
    """`value` if it is an absolute http or https URL, else "" (see Course.web_url)."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""


def _spell_topics(names) -> str:
    return ", ".join(sorted(names))


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
        max_length=200,
        unique=True,
        blank=True,
        help_text="Used in URLs and to match rows on import; made from the title when left blank.",
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
    )
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

    base_form_class = CourseForm

    panels = [
        # Wagtail's title-to-slug sync (w-sync / w-slug), as on pages: typing the title of a
        # new course fills in its slug; clean() does the same on the server for a blank slug.
        TitleFieldPanel("title", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
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
        index.AutocompleteField("provider_name"),
        index.RelatedFields("topics", [index.SearchField("name", boost=5)]),
        index.SearchField("review"),
        index.SearchField("level_name"),
        index.AutocompleteField("level_name"),
        index.AutocompleteField("topic_names"),
        index.FilterField("live"),
        index.FilterField("expire_at"),
        index.FilterField("provider"),
        index.FilterField("level"),
        index.FilterField("price_model"),
        index.FilterField("rating"),
    ]
    # Indexed once per save, at its end, but not on a draft save (core.search_index).
    search_auto_update = False

    class Meta:
        ordering = ["-rating", "title"]
        indexes = [models.Index(fields=["live", "-rating"])]

    def __str__(self):
        provider = self.get_provider_display()
        return f"{self.title} ({provider})" if provider else self.title

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        index_after_save(self, kwargs.get("update_fields"))
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

    def get_provider_display(self) -> str:
        """The provider's name, or "" when the course has none (readers then see nothing)."""
        return self.provider.name if self.provider_id else ""

    def provider_name(self) -> str:
        return self.get_provider_display()

    def level_name(self) -> str:
        # "course" too, so that "beginner course" finds beginner-level courses.
        return f"{self.get_level_display()} course"

    def topic_names(self) -> str:
        return _spell_topics(topic.name for topic in self.topics.all())

    topic_names.short_description = "topics"

    @staticmethod
    def topic_names_of(course_ids) -> dict[int, str]:
        """topic_names() of each of these courses (that has topics), in one plain query:
        for listing a few courses, where taggit's prefetch costs several times more."""
        names: dict[int, list[str]] = {}
        rows = TaggedCourse.objects.filter(content_object_id__in=list(course_ids))
        for course_id, name in rows.values_list("content_object_id", "tag__name"):
            names.setdefault(course_id, []).append(name)
        return {course_id: _spell_topics(found) for course_id, found in names.items()}

    def get_preview_template(self, request, mode_name):
        return "courses/course_preview.html"

    def get_preview_context(self, request, mode_name):
        """The course as its card in a guide's course list: the same template and items."""
        context = super().get_preview_context(request, mode_name)
        # The catalogue page type sits above the course (models/catalogue.py): looked up by
        # name, as a foreign key names a model.
        context["catalogue"] = apps.get_model("courses", "CourseIndexPage").live_catalogue(request)
        context["preview_list"] = {"heading": "How this course appears in a guide's course list"}
        context["ranked_items"] = [{"course": self, "note": ""}]
        return context

    def clean(self):
        super().clean()
        if not self.slug and self.title:
            self.slug = unique_slug(Course, self.title, exclude_pk=self.pk, reserved=RESERVED_SLUGS)
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the course catalogue itself; choose another."}
            )

    def topic_labels(self) -> list[str]:
        return sorted(topic_label(topic.name) for topic in self.topics.all())
