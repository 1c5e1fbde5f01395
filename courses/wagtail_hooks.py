import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Course, Level, PriceModel, Provider, Topic


class CourseFilterSet(WagtailFilterSet):
    provider = django_filters.ChoiceFilter(choices=Provider.choices)
    level = django_filters.ChoiceFilter(choices=Level.choices)
    price_model = django_filters.ChoiceFilter(choices=PriceModel.choices, label="Price model")
    topics = django_filters.ModelChoiceFilter(queryset=Topic.objects.order_by("name"))

    class Meta:
        model = Course
        fields = ["provider", "level", "price_model", "topics"]


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "pick"
    menu_label = "Courses"
    menu_name = "courses"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        "provider",
        "rating",
        "level",
        BooleanColumn("live", label="Live"),
        "last_reviewed",
    ]
    list_per_page = 50
    filterset_class = CourseFilterSet
    ordering = ["-rating", "title"]
    list_export = [
        "slug",
        "title",
        "provider",
        "url",
        "rating",
        "review",
        "level",
        "topic_names",
        "price_model",
        "language",
        "last_reviewed",
        "live",
    ]
    export_filename = "courses"


register_snippet(CourseViewSet)
