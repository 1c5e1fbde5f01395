"""A realistic, larger dataset for benchmarks: categories of long guides listing many courses.

Run after `load_demo_content` (it needs the home page). Two modes:

- default (`make bench`): --categories x --guides-per-category long guides and --courses courses,
  deterministic for a given --seed; running it again adds nothing when the generated records
  exist (matched by slug);
- `--guides N [--courses M]` (`make bench-search`): N guides spread over the live categories and
  M courses, added with bulk inserts and a progress bar, then indexed for search in batches
  (demo/bulk_content.py). It always adds.
"""

import datetime
import random
from decimal import Decimal

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model

from courses.models import Course, Level, PriceModel, Provider
from demo.bulk_content import BulkGenerator
from demo.demo_images import draw_hero
from guides.models import GuideIndexPage, GuidePage
from home.models import HomePage

TOPICS = [
    "Python",
    "Django",
    "Flask",
    "FastAPI",
    "PostgreSQL",
    "Docker",
    "Kubernetes",
    "Testing",
    "Pandas",
    "Machine learning",
    "JavaScript",
    "TypeScript",
    "Rust",
    "Go",
    "Linux",
    "Git",
]
SENTENCES = [
    "Most teams reach for {t} when they need something dependable rather than fashionable.",
    "The official documentation for {t} is good, but it assumes you already know the vocabulary.",
    "A small project you finish teaches more about {t} than three tutorials you abandon.",
    "Expect the first week with {t} to feel slow; the second week is where it clicks.",
    "Employers list {t} because it keeps showing up in the systems they already run.",
    "Read other people's {t} code early: it shows the idioms no course spells out.",
    "Production problems with {t} are rarely exotic; they are usually configuration.",
    "The community around {t} answers questions quickly if you show what you tried.",
]


def paragraph(rng, topic, sentences=5) -> str:
    return (
        "<p>" + " ".join(rng.choice(SENTENCES).format(t=topic) for _ in range(sentences)) + "</p>"
    )


COURSES_PER_GUIDE = 6


class Command(BaseCommand):
    help = "Generate a realistic dataset of categories, long guides and courses for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--categories", type=int, default=6)
        parser.add_argument("--guides-per-category", type=int, default=25)
        parser.add_argument("--courses", type=int, default=150)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--guides",
            type=int,
            help="Bulk mode: add this many guides (and --courses courses) as fast as possible.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Bulk mode: no progress bar."
        )

    def handle(self, *args, **options):
        if options["guides"] is not None:
            generator = BulkGenerator(
                self.stdout, self.style, options["seed"], not options["no_progress"]
            )
            generator.run(options["guides"], options["courses"])
            return
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        if options["courses"] < COURSES_PER_GUIDE:
            # Every generated guide ranks this many distinct courses.
            raise CommandError(f"--courses must be at least {COURSES_PER_GUIDE}.")
        rng = random.Random(options["seed"])
        with transaction.atomic():
            courses = self.courses(rng, options["courses"])
            heroes = self.hero_images(4)
            guides = 0
            for c in range(options["categories"]):
                category = self.category(home, c)
                for g in range(options["guides_per_category"]):
                    guides += self.guide(rng, category, c, g, courses, heroes[g % len(heroes)])
        self.stdout.write(
            self.style.SUCCESS(f"Generated content: {len(courses)} courses, {guides} new guides.")
        )

    def courses(self, rng, count) -> list[Course]:
        existing = {c.slug: c for c in Course.objects.filter(slug__startswith="generated-")}
        providers = list(Provider.objects.order_by("slug")) or [None]
        made = []
        for n in range(count):
            slug = f"generated-course-{n}"
            if slug in existing:
                made.append(existing[slug])
                continue
            topic = TOPICS[n % len(TOPICS)]
            course = Course(
                slug=slug,
                title=f"{topic} in practice, part {n}",
                provider=rng.choice(providers),
                url=f"https://courses.example.com/{slug}",
                rating=Decimal(rng.randint(60, 98)) / 10,
                review=paragraph(rng, topic, 2)[3:-4][:590],
                level=rng.choice(Level.values),
                price_model=rng.choice(PriceModel.values),
                live=True,
            )
            course.save()
            made.append(course)
        return made

    def hero_images(self, count):
        Image = get_image_model()
        images = []
        for n in range(count):
            title = f"Generated hero {n}"
            image = Image.objects.filter(title=title).first()
            if image is None:
                from io import BytesIO

                data = BytesIO(draw_hero(100 + n, ("#0b5cad", "#8a4b00")))
                image = Image(title=title, file=ImageFile(data, name=f"generated-hero-{n}.png"))
                image.save()
            images.append(image)
        return images

    def category(self, home, n) -> GuideIndexPage:
        slug = f"generated-category-{n}"
        category = GuideIndexPage.objects.filter(slug=slug).first()
        if category is None:
            category = GuideIndexPage(
                title=f"{TOPICS[n % len(TOPICS)]} and friends",
                slug=slug,
                intro=f"<p>Guides about {TOPICS[n % len(TOPICS)]} and the tools around it.</p>",
            )
            home.add_child(instance=category)
        return category

    def guide(self, rng, category, c, g, courses, hero) -> int:
        slug = f"guide-{c}-{g}"
        if GuidePage.objects.child_of(category).filter(slug=slug).exists():
            return 0
        topic = TOPICS[(c * 7 + g) % len(TOPICS)]
        picks = rng.sample(courses, COURSES_PER_GUIDE)
        sections = [
            {
                "type": "section",
                "value": {
                    "heading": f"{topic}: part {s + 1}",
                    "anchor": "",
                    "content": [
                        {"type": "paragraph", "value": paragraph(rng, topic, 8)},
                        {"type": "paragraph", "value": paragraph(rng, topic, 6)},
                        {
                            "type": "code",
                            "value": {"language": "python", "code": f"import {topic.lower()}\n"},
                        },
                        {
                            "type": "callout",
                            "value": {"tone": "tip", "text": paragraph(rng, topic, 1)},
                        },
                    ],
                },
            }
            for s in range(6)
        ]
        body = sections + [
            {
                "type": "course_list",
                "value": {
                    "heading": f"The best {topic} courses",
                    "items": [{"course": course.pk, "note": ""} for course in picks],
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Frequently asked questions",
                    "items": [
                        {
                            "question": f"Is {topic} worth learning in 2026 ({q})?",
                            "answer": paragraph(rng, topic, 2),
                        }
                        for q in range(6)
                    ],
                },
            },
        ]
        category.add_child(
            instance=GuidePage(
                title=f"{topic}: a practical guide ({c}-{g})",
                slug=slug,
                standfirst=f"What {topic} is, when to use it and the courses that teach it well.",
                author=rng.choice(["Maya Okafor", "Tom Becker", "Ana Lima", "Sam Patel"]),
                first_published=datetime.date(2025, 1, 1) + datetime.timedelta(days=c * 30 + g),
                hero_image=hero,
                hero_alt_text=f"An abstract illustration for {topic}",
                body=body,
            )
        )
        return 1
