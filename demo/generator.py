"""Synthetic guides and courses for the benchmarks: one vocabulary and one content shape (bodies
built with guides.body), written in one of two ways (`manage.py generate_content`).

- Through the page tree (`make bench`): categories of long guides and the courses they rank,
  saved as Wagtail saves an editor's pages (signals, search index, tags). Deterministic for a
  given seed; records are matched by slug, so a second run adds nothing.
- In bulk (`make bench-search`, 10,000 guides and 2,000 courses): short guides spread over the
  live categories, written with bulk inserts (per batch one insert for the tree rows and one for
  the guide rows) and then added to the search index in batches. It always adds, so run it on a
  database you can throw away.

Everything generated is live and public. It needs the home page (`load_demo_content`).
"""

import datetime
import random
import sys
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from courses.models import Course, Level, PriceModel, Provider, TaggedCourse, Topic
from demo.demo_images import draw_hero
from guides.body import callout, code, course_list, faq, paragraph, section
from guides.models import GuideIndexPage, GuidePage, GuidePageTag
from home.models import HomePage
from search.models import SearchIndexVersion

# The vocabulary -------------------------------------------------------------------------------

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
    ("What should I build first with {tech}?", "A small tool you will use yourself, deployed."),
    ("Can I learn {tech} on my own?", "Yes: the documentation and a project will carry you."),
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
REVIEWS = [
    "A well-paced course that builds one realistic project from start to finish.",
    "Dense but thorough; best taken with the documentation open alongside.",
    "Clear explanations and short videos, with exercises that check understanding.",
    "Strong on fundamentals, lighter on deployment and operations.",
    "Project-led and up to date, with an instructor who answers questions.",
    "Good value: broad coverage, though some sections are dated.",
]
AUTHORS = ["Ada Writer", "Sam Editor", "Lee Reviewer", "Kim Author"]
# Generated guides were first published within this many days before LATEST_PUBLISHED.
LATEST_PUBLISHED = datetime.date(2026, 11, 1)
PUBLISHED_SPAN_DAYS = 1500

# The content shape ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GuideSize:
    """How much of the one guide shape a generated guide fills: sections of paragraphs (with a
    code sample and a tip when `samples`), a ranked course list, an FAQ."""

    sections: int
    paragraphs: int  # per section
    sentences: int  # per paragraph
    samples: bool
    courses: int  # ranked in its course list; 0: no course list
    questions: int


# What a reader of `make bench`'s pages scrolls through.
LONG_GUIDE = GuideSize(sections=6, paragraphs=2, sentences=7, samples=True, courses=6, questions=6)
# Enough words for search at scale to rank, quick to write ten thousand times.
SHORT_GUIDE = GuideSize(
    sections=4, paragraphs=1, sentences=4, samples=False, courses=0, questions=3
)

BATCH = 500
INDEX_BATCH = 250


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


class ContentGenerator:
    """Generated courses and guides from one seeded random source, written through the page tree
    (`write_page_tree`) or in bulk (`write_in_bulk`)."""

    def __init__(self, stdout, seed: int, show_progress: bool = True):
        self.stdout = stdout
        self.rng = random.Random(seed)
        self.show_progress = show_progress

    # One vocabulary, one shape ----------------------------------------------------------------

    def course(self) -> Course:
        """An unsaved live course without its slug and URL; `topic_names` on it are the topics
        to give it once saved."""
        rng = self.rng
        tech = rng.choice(TECH)
        title = f"{rng.choice(COURSE_ADJECTIVES)} {tech} {rng.choice(COURSE_NOUNS)}"
        course = Course(
            title=title,
            provider=rng.choice(self.providers),
            rating=Decimal(rng.randint(55, 98)) / 10,
            review=f"{rng.choice(REVIEWS)} Covers {tech} {rng.choice(ANGLES)[0]}.",
            level=rng.choice(Level.values),
            price_model=rng.choice(PriceModel.values),
            live=True,
        )
        course.topic_names = {tech, rng.choice(TECH)}
        return course

    def guide(self, label: str, size: GuideSize, courses=()) -> GuidePage:
        """An unsaved guide (no slug or place in the tree yet); `tag_names` on it are its tags."""
        rng = self.rng
        tech = rng.choice(TECH)
        angle, subtitle = rng.choice(ANGLES)
        title = f"{tech} {angle}: {subtitle} ({label})"
        published = LATEST_PUBLISHED - datetime.timedelta(days=rng.randint(0, PUBLISHED_SPAN_DAYS))
        guide = GuidePage(
            title=title,
            draft_title=title,
            standfirst=(
                f"A practical guide to {tech} {angle}: {subtitle}, "
                f"with recommended courses and answers to common questions."
            ),
            author=rng.choice(AUTHORS),
            first_published=published,
            last_reviewed=published + datetime.timedelta(days=rng.randint(0, 300)),
            body=self.body(tech, size, courses),
        )
        guide.tag_names = {tech, rng.choice(TECH)}
        return guide

    def body(self, tech: str, size: GuideSize, courses) -> list:
        rng = self.rng
        words = {"tech": tech, "other": rng.choice([t for t in TECH if t != tech])}

        def text(sentences: int) -> str:
            return " ".join(s.format(**words) for s in rng.sample(SENTENCES, sentences))

        blocks = []
        for topic in rng.sample(SECTION_TOPICS, size.sections):
            heading = f"{topic} {tech}" if rng.random() < 0.5 else topic
            content = [paragraph(f"<p>{text(size.sentences)}</p>") for _ in range(size.paragraphs)]
            if size.samples:
                module = slugify(tech).replace("-", "_")
                content += [code(f"import {module}\n"), callout(f"<p>{text(1)}</p>")]
            # The anchor save() would derive from the heading, given here: bulk inserts skip save().
            blocks.append(section(heading, *content, anchor=slugify(heading)))
        if size.courses:
            picks = rng.sample(courses, size.courses)
            blocks.append(course_list(picks, heading=f"The best {tech} courses"))
        questions = rng.sample(QUESTIONS, size.questions)
        blocks.append(
            faq([(q.format(**words), f"<p>{a.format(**words)}</p>") for q, a in questions])
        )
        return blocks

    def category(self, home, n: int) -> GuideIndexPage:
        """Generated category n, made under the home page if it is not there yet."""
        slug = f"generated-category-{n}"
        category = GuideIndexPage.objects.filter(slug=slug).first()
        if category is None:
            tech = TECH[n % len(TECH)]
            category = GuideIndexPage(
                title=f"{tech} and friends",
                slug=slug,
                intro=f"<p>Guides about {tech} and the tools around it.</p>",
            )
            home.add_child(instance=category)
        return category

    @cached_property
    def providers(self) -> list:
        # The providers the data migration made (and any added since); none is fine too.
        return list(Provider.objects.order_by("slug")) or [None]

    @cached_property
    def guide_tags(self) -> dict:
        return self.tags(Tag, TECH)

    @staticmethod
    def tags(model, names) -> dict:
        """Tag rows (guide tags or course topics) by name, made when missing."""
        return {
            name: model.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in names
        }

    # Through the page tree --------------------------------------------------------------------

    def write_page_tree(self, home, categories: int, guides_per_category: int, courses: int):
        if courses < LONG_GUIDE.courses:
            # Every generated guide ranks this many distinct courses.
            raise CommandError(f"--courses must be at least {LONG_GUIDE.courses}.")
        with transaction.atomic():
            made = self.page_tree_courses(courses)
            heroes = self.hero_images(4)
            guides = 0
            for c in range(categories):
                category = self.category(home, c)
                for g in range(guides_per_category):
                    guides += self.page_tree_guide(category, c, g, made, heroes[g % len(heroes)])
        return len(made), guides

    def page_tree_courses(self, count: int) -> list[Course]:
        existing = {c.slug: c for c in Course.objects.filter(slug__startswith="generated-")}
        topics = self.tags(Topic, TECH)
        made = []
        for n in range(count):
            slug = f"generated-course-{n}"
            if slug in existing:
                made.append(existing[slug])
                continue
            course = self.course()
            course.slug, course.url = slug, f"https://courses.example.com/{slug}"
            course.topics.set([topics[name] for name in sorted(course.topic_names)])
            course.save()
            made.append(course)
        return made

    def hero_images(self, count: int):
        Image = get_image_model()
        images = []
        for n in range(count):
            title = f"Generated hero {n}"
            image = Image.objects.filter(title=title).first()
            if image is None:
                data = BytesIO(draw_hero(100 + n, ("#0b5cad", "#8a4b00")))
                image = Image(title=title, file=ImageFile(data, name=f"generated-hero-{n}.png"))
                image.save()
            images.append(image)
        return images

    def page_tree_guide(self, category, c: int, g: int, courses, hero) -> int:
        slug = f"guide-{c}-{g}"
        if GuidePage.objects.child_of(category).filter(slug=slug).exists():
            return 0
        guide = self.guide(f"{c}-{g}", LONG_GUIDE, courses)
        guide.slug = slug
        # Abstract shapes, decorative as the demo's own heroes: no alternative text.
        guide.hero_image, guide.hero_alt_text = hero, ""
        guide.tags.set([self.guide_tags[name] for name in sorted(guide.tag_names)])
        category.add_child(instance=guide)
        return 1

    # In bulk ----------------------------------------------------------------------------------

    def write_in_bulk(self, guides: int, courses: int):
        if guides < 0 or courses < 0:
            raise CommandError("--guides and --courses must not be negative.")
        # Bulk-written slugs carry this run's id: every run adds, never clashing with the last.
        self.run_id = uuid.uuid4().hex[:6]
        with transaction.atomic():
            course_ids = self.bulk_courses(courses)
            guide_ids = self.bulk_guides(guides)
        self.index(Course, Course.objects.prefetch_related("topics"), course_ids, "index c")
        self.index(GuidePage, GuidePage.objects.prefetch_related("tags"), guide_ids, "index g")
        # Bulk inserts send no signals: tell cached search results that content changed.
        SearchIndexVersion.bump()
        return len(course_ids), len(guide_ids)

    def bulk_courses(self, count: int) -> list[int]:
        if not count:
            return []
        topics = self.tags(Topic, TECH)
        now = timezone.now()
        started, ids = time.monotonic(), []
        for offset in range(0, count, BATCH):
            batch = []
            for n in range(offset, min(offset + BATCH, count)):
                course = self.course()
                course.slug = f"gen-{self.run_id}-{n}-{slugify(course.title)}"[:200]
                course.url = f"https://courses.example.com/{self.run_id}/{n}"
                course.has_unpublished_changes = False
                course.first_published_at = course.last_published_at = now
                batch.append(course)
            created = Course.objects.bulk_create(batch)
            TaggedCourse.objects.bulk_create(
                [
                    TaggedCourse(content_object_id=course.pk, tag=topics[name])
                    for course in created
                    for name in sorted(course.topic_names)
                ]
            )
            ids += [course.pk for course in created]
            if self.show_progress:
                progress("courses", len(ids), count, started, self.stdout)
        return ids

    def bulk_categories(self) -> list[GuideIndexPage]:
        categories = list(GuideIndexPage.objects.live().order_by("path"))
        if categories:
            return categories
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        return [self.category(home, n) for n in range(4)]

    def bulk_guides(self, count: int) -> list[int]:
        if not count:
            return []
        categories = self.bulk_categories()
        content_type = ContentType.objects.get_for_model(GuidePage)
        locale = Locale.get_default()
        tags = self.guide_tags
        # The next free tree position under each category. Asked of the tree itself, not of
        # treebeard's child count (get_last_child, get_children), which a category made in this
        # run still has at zero.
        next_step = {}
        for category in categories:
            last = Page.objects.child_of(category).order_by("path").last()
            next_step[category.pk] = int(last.path[-Page.steplen :], 36) + 1 if last else 1
        now = timezone.now()
        started, ids = time.monotonic(), []
        for offset in range(0, count, BATCH):
            pages = []
            for n in range(offset, min(offset + BATCH, count)):
                category = categories[n % len(categories)]
                page = self.guide(str(n + 1), SHORT_GUIDE)
                page.slug = f"{slugify(page.title)[:60]}-{self.run_id}-{n}"
                step = next_step[category.pk]
                next_step[category.pk] += 1
                page.path = Page._get_path(category.path, category.depth + 1, step)
                page.depth = category.depth + 1
                page.numchild = 0
                page.url_path = f"{category.url_path}{page.slug}/"
                page.content_type = content_type
                page.locale = locale
                page.translation_key = uuid.uuid4()
                page.live, page.has_unpublished_changes = True, False
                page.first_published_at = page.last_published_at = now
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
            fields = list(GuidePage._meta.local_concrete_fields)
            GuidePage._base_manager._insert(pages, fields=fields, raw=True)
            GuidePageTag.objects.bulk_create(
                [
                    GuidePageTag(content_object_id=page.pk, tag=tags[name])
                    for page in pages
                    for name in sorted(page.tag_names)
                ]
            )
            ids += [page.pk for page in pages]
            if self.show_progress:
                progress("guides", len(ids), count, started, self.stdout)
        for category in categories:
            Page.objects.filter(pk=category.pk).update(
                numchild=Page.objects.child_of(category).count()
            )
        return ids

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
