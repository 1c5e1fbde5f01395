"""The courses app's models, one module per concern, all re-exported here so that
`from courses.models import Course` keeps working:

- course: a course, its provider, topics, level and price model, and its admin form;
- catalogue: the catalogue page and its routes (listing, course pages, finder, compare);
- finder_request: what readers ask the course finder;
- link_check: the last check of each course's outbound link;
- import_job: a CSV import run by the task worker.

Modules of the app that these import (courses.finder) import `courses.models.course` itself,
never this package, which is still loading when they run.
"""

from courses.models.catalogue import CourseIndexPage
from courses.models.course import (
    RESERVED_SLUGS,
    TOPIC_LABELS,
    Course,
    CourseForm,
    CourseQuerySet,
    Level,
    PriceModel,
    Provider,
    ProviderNameOrSlugField,
    ProviderQuerySet,
    TaggedCourse,
    Topic,
    topic_label,
    unique_slug,
    web_url,
)
from courses.models.finder_request import FinderRequest
from courses.models.import_job import ImportJob
from courses.models.link_check import CourseLinkCheck

__all__ = [
    "RESERVED_SLUGS",
    "TOPIC_LABELS",
    "Course",
    "CourseForm",
    "CourseIndexPage",
    "CourseLinkCheck",
    "CourseQuerySet",
    "FinderRequest",
    "ImportJob",
    "Level",
    "PriceModel",
    "Provider",
    "ProviderNameOrSlugField",
    "ProviderQuerySet",
    "TaggedCourse",
    "Topic",
    "topic_label",
    "unique_slug",
    "web_url",
]
