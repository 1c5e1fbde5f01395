"""The reader's filters (type, category, course level) and the facet counts shown beside results."""

from dataclasses import dataclass, field

from courses.models import Level
from guides.models import GuideIndexPage

from .ranking import COURSE, GUIDE, Selection

TYPES = {GUIDE: "Guides", COURSE: "Courses"}


@dataclass
class Filters:
    type: str = ""
    category: str = ""  # a category's slug
    level: str = ""
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (filter, unknown value)

    def as_params(self) -> dict[str, str]:
        return {
            name: value
            for name, value in (
                ("type", self.type),
                ("category", self.category),
                ("level", self.level),
            )
            if value
        }

    @property
    def active(self) -> bool:
        return bool(self.type or self.category or self.level)

    def selection(self, categories: dict[str, GuideIndexPage]) -> Selection:
        paths = {category.slug: path for path, category in categories.items()}
        return Selection(self.type, paths.get(self.category, ""), self.level)


def parse_filters(params, categories: dict[str, GuideIndexPage]) -> Filters:
    """Known filter values from the query string; anything else is ignored, and the results
    page says so (`ignored` keeps each filter's name and the value, cut to 60 characters)."""
    filters = Filters()
    slugs = {category.slug for category in categories.values()}
    allowed = {"type": set(TYPES), "category": slugs, "level": set(Level.values)}
    for name, values in allowed.items():
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if value in values:
            setattr(filters, name, value)
        else:
            filters.ignored.append((name, value[:60]))
    return filters


def facets(counts: dict[str, dict[str, int]], categories: dict[str, GuideIndexPage]) -> dict:
    """Labelled facet values from the counts per filter value (search/ranking.py counts each
    group with the *other* filters applied, so a count is the number of results its link
    shows). Categories a reader may not open are left out."""
    types, cats, levels = counts["type"], counts["category"], counts["level"]
    return {
        "type": [
            {"value": value, "label": label, "count": types[value]}
            for value, label in TYPES.items()
            if types.get(value)
        ],
        "category": sorted(
            (
                {"value": categories[path].slug, "label": categories[path].title, "count": n}
                for path, n in cats.items()
                if path in categories and n
            ),
            key=lambda item: (-item["count"], item["label"]),
        ),
        "level": [
            {"value": value, "label": label, "count": levels[value]}
            for value, label in Level.choices
            if levels.get(value)
        ],
    }
