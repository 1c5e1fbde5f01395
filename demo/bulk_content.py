"""Realistic synthetic guides and courses in bulk: `manage.py generate_content --guides N
--courses M` (the search benchmark uses 10,000 and 2,000).

Guides are spread over the live categories (four are created when there are none), get sections,
an FAQ and tags; courses get a provider, level, rating, review and topics. Rows are written with
bulk inserts (pages: one insert for the tree rows, one for the guide rows, per batch), then added
to the search index in batches. Everything is live and public. Run it on a database you can
throw away: it adds, it never deletes.
"""

import datetime
import random
import sys
import time
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from courses.models import Course, Level, PriceModel, Provider, TaggedCourse, Topic
from guides.models import GuideIndexPage, GuidePage, GuidePageTag
from home.models import HomePage
from search.models import SearchIndexVersion

BATCH = 500
INDEX_BATCH = 250

TECH = [
    "Django",
    "Flask",
    "FastAPI",
    "Python",
    "pandas",
    "NumPy",
    "PostgreSQL",
    "SQLite",
    "Redis",
    "Docker",
    "Kubernetes",
    "Terraform",
    "Ansible",
    "React",
    "Vue",
    "TypeScript",
    "JavaScript",
    "Rust",
    "Go",
    "Celery",
    "GraphQL",
    "pytest",
    "Nginx",
    "Linux",
    "Git",
    "AWS",
    "Wagtail",
    "scikit-learn",
    "PyTorch",
    "Airflow",
    "Kafka",
    "Elasticsearch",
    "Svelte",
    "Node.js",
]
ANGLES = [
    ("for beginners", "a gentle first project"),
    ("in production", "what changes when real users arrive"),
    ("performance tuning", "finding and fixing the slow parts"),
    ("testing", "tests that catch real bugs"),
    ("security", "the mistakes attackers look for first"),
    ("deployment", "from laptop to server without surprises"),
    ("best practices", "habits of teams that ship"),
    ("architecture", "structuring a codebase that grows"),
    ("debugging", "reading errors and tracing problems"),
    ("data modelling", "tables, relations and migrations"),
    ("async programming", "concurrency without tears"),
    ("monitoring", "logs, metrics and alerts that matter"),
]
SECTION_TOPICS = [
    "Installing and configuring",
    "Core concepts",
    "A first working example",
    "Common mistakes",
    "Testing your work",
    "Deploying safely",
    "Scaling up",
    "Security checklist",
    "Performance tips",
    "Where to go next",
    "Tooling and editors",
    "Working with databases",
]
SENTENCES = [
    "{tech} rewards a little upfront reading: most problems come from skipping the basics.",
    "Start with the official tutorial, then build something small that you actually need.",
    "Keep configuration in environment variables so the same code runs everywhere.",
    "Write a test for every bug you fix; the suite becomes a record of what went wrong.",
    "Profile before optimising: the slow part is rarely where you expect it to be.",
    "Deployment is easier when the build is repeatable and the database migrations are small.",
    "{tech} works well with {other}, and many teams use them together in production.",
    "Read the release notes before upgrading {tech}; deprecations are announced early.",
    "A good course saves weeks of trial and error, especially for {tech} beginners.",
    "Logging with structure makes incidents shorter, because you can search what happened.",
    "Security starts with dependencies: pin them, update them and review what they can reach.",
    "Caching hides latency but adds a second source of truth; invalidate it deliberately.",
    "Documentation that lives next to the code stays correct for longer.",
    "Pair {tech} with a linter and a formatter so reviews can focus on design.",
]
QUESTIONS = [
    ("Is {tech} good for beginners?", "Yes, if you already know the basics of programming."),
    ("How long does it take to learn {tech}?", "A few weeks for the basics, months to master."),
    ("Which {tech} course should I take first?", "Pick a beginner course with a project."),
    ("Is {tech} still worth learning?", "It is widely used and actively maintained."),
    ("Do I need {other} to use {tech}?", "No, but the two are often used together."),
]
COURSE_NOUNS = [
    "Bootcamp",
    "Masterclass",
    "Crash Course",
    "Specialization",
    "Fundamentals",
    "Complete Guide",
    "Hands-On Projects",
    "Essentials",
    "in Practice",
    "Deep Dive",
]
COURSE_ADJECTIVES = [
    "The Complete",
    "Practical",
    "Modern",
    "Advanced",
    "Intro to",
    "Applied",
    "Professional",
    "Zero to Hero:",
    "Effective",
    "Mastering",
]
REVIEWS = [
    "A well-paced course that builds one realistic project from start to finish.",
    "Dense but thorough; best taken with the documentation open alongside.",
    "Clear explanations and short videos, with exercises that check understanding.",
    "Strong on fundamentals, lighter on deployment and operations.",
    "Project-led and up to date, with an instructor who answers questions.",
    "Good value: broad coverage, though some sections are dated.",
]


def progress(label: str, done: int, total: int, started: float, out=sys.stdout) -> None:
    """A one-line progress bar, redrawn in place: label [#####-----] 50% 5000/10000 3.2s"""
    width = 30
    filled = int(width * done / total) if total else width
    bar = "#" * filled + "-" * (width - filled)
    percent = int(100 * done / total) if total else 100
    elapsed = time.monotonic() - started
    end = "\n" if done >= total else ""
    out.write(f"\r{label:<8} [{bar}] {percent:3d}% {done}/{total} {elapsed:.1f}s{end}")
    out.flush()


class BulkGenerator:
    """Adds `guides` guides and `courses` courses with bulk inserts, then indexes them."""

    def __init__(self, stdout, style, seed=1, show_progress=True):
        self.stdout = stdout
        self.style = style
        self.rng = random.Random(seed)
        self.show_progress = show_progress
        self.run_id = uuid.uuid4().hex[:6]

    def run(self, guides: int, courses: int) -> None:
        if guides < 0 or courses < 0:
            raise CommandError("--guides and --courses must not be negative.")
        started = time.monotonic()
        with transaction.atomic():
            course_ids = self.make_courses(courses)
            guide_ids = self.make_guides(guides)
        self.index(Course, Course.objects.prefetch_related("topics"), course_ids, "index c")
        self.index(GuidePage, GuidePage.objects.prefetch_related("tags"), guide_ids, "index g")
        # Bulk inserts send no signals: tell cached search results that content changed.
        SearchIndexVersion.bump()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(guide_ids)} guides and {len(course_ids)} courses "
                f"in {time.monotonic() - started:.1f}s."
            )
        )

    # Courses ------------------------------------------------------------------------------

    def make_courses(self, count):
        if not count:
            return []
        rng = self.rng
        topics = {
            name: Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in TECH
        }
        # The providers the data migration made (and any added since); none is fine too.
        providers = list(Provider.objects.order_by("slug")) or [None]
        started, ids = time.monotonic(), []
        for offset in range(0, count, BATCH):
            batch = []
            for n in range(offset, min(offset + BATCH, count)):
                tech = rng.choice(TECH)
                title = f"{rng.choice(COURSE_ADJECTIVES)} {tech} {rng.choice(COURSE_NOUNS)}"
                provider = rng.choice(providers)
                batch.append(self._course(title, n, provider, tech))
            created = Course.objects.bulk_create(batch)
            TaggedCourse.objects.bulk_create(
                [
                    TaggedCourse(content_object_id=course.pk, tag=topics[name])
                    for course in created
                    for name in {course._tech, rng.choice(TECH)}
                ]
            )
            ids += [course.pk for course in created]
            if self.show_progress:
                progress("courses", len(ids), count, started, self.stdout)
        return ids

    def _course(self, title, n, provider, tech):
        rng = self.rng
        now = timezone.now()
        course = Course(
            title=title,
            slug=f"gen-{self.run_id}-{n}-{slugify(title)}"[:200],
            provider=provider,
            url=f"https://courses.example.com/{self.run_id}/{n}",
            rating=Decimal(rng.randint(55, 98)) / 10,
            review=f"{rng.choice(REVIEWS)} Covers {tech} {rng.choice(ANGLES)[0]}.",
            level=rng.choice(Level.values),
            price_model=rng.choice(PriceModel.values),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        course._tech = tech
        return course

    # Guides -------------------------------------------------------------------------------

    def categories(self):
        categories = list(GuideIndexPage.objects.live().order_by("path"))
        if categories:
            return categories
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        for title in ["Web development", "Data", "Deployment & DevOps", "Python"]:
            home.add_child(instance=GuideIndexPage(title=title, slug=slugify(title)))
        return list(GuideIndexPage.objects.live().order_by("path"))

    def body(self, tech):
        rng = self.rng
        other = rng.choice([t for t in TECH if t != tech])
        fill = {"tech": tech, "other": other}
        blocks = []
        for heading in rng.sample(SECTION_TOPICS, 4):
            paragraphs = " ".join(s.format(**fill) for s in rng.sample(SENTENCES, 4))
            blocks.append(
                {
                    "type": "section",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "heading": f"{heading} {tech}" if rng.random() < 0.5 else heading,
                        "anchor": slugify(heading),
                        "content": [
                            {
                                "type": "paragraph",
                                "id": str(uuid.uuid4()),
                                "value": f"<p>{paragraphs}</p>",
                            }
                        ],
                    },
                }
            )
        blocks.append(
            {
                "type": "faq",
                "id": str(uuid.uuid4()),
                "value": {
                    "heading": "Frequently asked questions",
                    "items": [
                        {"question": q.format(**fill), "answer": f"<p>{a.format(**fill)}</p>"}
                        for q, a in rng.sample(QUESTIONS, 3)
                    ],
                },
            }
        )
        return blocks

    def make_guides(self, count):
        if not count:
            return []
        rng = self.rng
        categories = self.categories()
        content_type = ContentType.objects.get_for_model(GuidePage)
        locale = Locale.get_default()
        tags = {
            name: Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in TECH
        }
        # The next free tree position under each category.
        next_step = {}
        for category in categories:
            last = category.get_last_child()
            next_step[category.pk] = int(last.path[-Page.steplen :], 36) + 1 if last else 1
        started, ids = time.monotonic(), []
        today = datetime.date.today()
        for offset in range(0, count, BATCH):
            pages = []
            for n in range(offset, min(offset + BATCH, count)):
                category = categories[n % len(categories)]
                tech = rng.choice(TECH)
                angle, subtitle = rng.choice(ANGLES)
                title = f"{tech} {angle}: {subtitle} ({n + 1})"
                slug = f"{slugify(title)[:60]}-{self.run_id}-{n}"
                step = next_step[category.pk]
                next_step[category.pk] += 1
                published = today - datetime.timedelta(days=rng.randint(0, 1500))
                now = timezone.now()
                page = GuidePage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(category.path, category.depth + 1, step),
                    depth=category.depth + 1,
                    numchild=0,
                    url_path=f"{category.url_path}{slug}/",
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    standfirst=(
                        f"A practical guide to {tech} {angle}: {subtitle}, "
                        f"with recommended courses and answers to common questions."
                    ),
                    author=rng.choice(["Ada Writer", "Sam Editor", "Lee Reviewer", "Kim Author"]),
                    first_published=published,
                    last_reviewed=published + datetime.timedelta(days=rng.randint(0, 300)),
                    body=self.body(tech),
                )
                page._tags = {tech, rng.choice(TECH)}
                pages.append(page)
            # Tree rows first (bulk_create refuses multi-table models), then the guide rows.
            plain = [
                Page(
                    **{
                        f.attname: getattr(p, f.attname)
                        for f in Page._meta.concrete_fields
                        if f.attname != "id"
                    }
                )
                for p in pages
            ]
            Page.objects.bulk_create(plain)
            for page, row in zip(pages, plain, strict=True):
                page.pk = page.page_ptr_id = page.id = row.pk
            fields = [f for f in GuidePage._meta.local_concrete_fields]
            GuidePage._base_manager._insert(pages, fields=fields, raw=True)
            GuidePageTag.objects.bulk_create(
                [
                    GuidePageTag(content_object_id=page.pk, tag=tags[name])
                    for page in pages
                    for name in page._tags
                ]
            )
            ids += [page.pk for page in pages]
            if self.show_progress:
                progress("guides", len(ids), count, started, self.stdout)
        for category in categories:
            Page.objects.filter(pk=category.pk).update(numchild=category.get_children().count())
        return ids

    # Search index -------------------------------------------------------------------------

    def index(self, model, queryset, ids, label):
        if not ids:
            return
        backend = get_search_backend()
        index = backend.get_index_for_model(model)
        parents = {c.path: c for c in GuideIndexPage.objects.all()}
        started, done = time.monotonic(), 0
        for offset in range(0, len(ids), INDEX_BATCH):
            chunk = list(queryset.filter(pk__in=ids[offset : offset + INDEX_BATCH]))
            if model is GuidePage:
                for guide in chunk:  # search_category() reads the parent: give it, no query.
                    guide._cached_parent_obj = parents.get(guide.path[: -Page.steplen])
            index.add_items(model, chunk)
            done += len(chunk)
            if self.show_progress:
                progress(label, done, len(ids), started, self.stdout)
