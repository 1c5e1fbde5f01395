import datetime
from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.public_url import site_address
from courses.models import Course, CourseIndexPage, Provider
from demo.demo_content.authors import AUTHORS, AUTHORS_INTRO
from demo.demo_content.courses import COURSES, PROVIDERS
from demo.demo_content.guides import CATEGORIES
from demo.demo_images import draw_hero, draw_portrait
from guides.models import AuthorIndexPage, AuthorPage, GuideIndexPage, GuidePage
from home.models import HomeFeaturedGuide, HomePage

HERO_COLOURS = [
    ("#0b5cad", "#36a3a0"),
    ("#5b2a86", "#c0487a"),
    ("#1d6b3a", "#8fb339"),
    ("#8a4b00", "#d9a441"),
]


class Command(BaseCommand):
    help = (
        "Load the demo site: a home page, categories, guides and courses. "
        "Safe to run again: existing records (matched by slug) are left as they are."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created = {"courses": 0, "categories": 0, "guides": 0}
            courses = {}
            for data in COURSES:
                courses[data["slug"]], was_created = self.ensure_course(data)
                created["courses"] += was_created
            home = self.ensure_home_page()
            self.authors = self.ensure_authors(home)
            featured = []
            for index, category_data in enumerate(CATEGORIES):
                category, was_created = self.ensure_category(home, category_data)
                created["categories"] += was_created
                hero = self.ensure_hero_image(index, category_data)
                for guide_data in category_data["guides"]:
                    guide, was_created = self.ensure_guide(category, guide_data, courses, hero)
                    created["guides"] += was_created
                    if guide_data.get("featured"):
                        featured.append(guide)
            self.ensure_featured(home, featured)
            created["catalogue"] = self.ensure_course_catalogue(home)
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content ready (created {summary})."))

    def ensure_provider(self, slug):
        if slug is None:
            return None
        data = next(p for p in PROVIDERS if p["slug"] == slug)
        provider, _ = Provider.objects.get_or_create(
            slug=slug, defaults={"name": data["name"], "website": data["website"]}
        )
        return provider

    def ensure_course(self, data):
        course = Course.objects.filter(slug=data["slug"]).first()
        if course:
            return course, False
        course = Course(
            slug=data["slug"],
            title=data["title"],
            provider=self.ensure_provider(data["provider"]),
            url=data["url"],
            rating=Decimal(data["rating"]),
            review=data["review"],
            level=data["level"],
            price_model=data["price_model"],
            language=data["language"],
            last_reviewed=datetime.date.fromisoformat(data["last_reviewed"]),
        )
        # The topics are held with the unsaved course and written by its one save, as the
        # course editor does: every save indexes the course and purges the pages showing it.
        course.topics.set(data["topics"])
        course.full_clean()
        course.save()
        course.save_revision().publish()
        return course, True

    def ensure_home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a placeholder "Welcome" page; the home page replaces it.
        for placeholder in root.get_children().filter(content_type__model="page"):
            if not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(
            title="Guides & Courses",
            slug="home",
            intro=(
                "<p>Long-form, regularly reviewed guides to programming and the web, and a "
                "catalogue of online courses we have rated ourselves.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if site:
            site.root_page = home
            site.save()
        else:
            # At the public base URL (WAGTAILADMIN_BASE_URL), as `manage.py sync_site` keeps it.
            hostname, port = site_address()
            Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
        return home

    def ensure_category(self, home, data):
        category = GuideIndexPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if category:
            return category, False
        category = GuideIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"])
        home.add_child(instance=category)
        category.save_revision().publish()
        return category, True

    def ensure_hero_image(self, index, category_data):
        image_model = get_image_model()
        title = f"Demo hero: {category_data['title']}"
        image = image_model.objects.filter(title=title).first()
        if image:
            return image
        png = draw_hero(index + 1, HERO_COLOURS[index % len(HERO_COLOURS)])
        image = image_model(
            title=title,
            file=ImageFile(BytesIO(png), name=f"demo-hero-{category_data['slug']}.png"),
        )
        image.save()
        return image

    def ensure_authors(self, home) -> dict:
        """The author index and a page per author (by name); a later run leaves them be."""
        index = AuthorIndexPage.objects.child_of(home).first()
        if index is None:
            index = AuthorIndexPage(title="Authors", slug="authors", intro=AUTHORS_INTRO)
            home.add_child(instance=index)
            index.save_revision().publish()
        pages = {}
        for data in AUTHORS:
            page = AuthorPage.objects.child_of(index).filter(slug=data["slug"]).first()
            if page is None:
                initials = "".join(part[0] for part in data["name"].split())
                image = get_image_model()(
                    title=f"Portrait: {data['name']}",
                    file=ImageFile(
                        BytesIO(draw_portrait(initials, data["colours"])),
                        name=f"demo-author-{data['slug']}.png",
                    ),
                )
                image.save()
                page = AuthorPage(
                    title=data["name"],
                    slug=data["slug"],
                    role=data["role"],
                    bio=data["bio"],
                    photo=image,
                )
                index.add_child(instance=page)
                page.save_revision().publish()
            pages[data["name"]] = page
        return pages

    def ensure_guide(self, category, data, courses, hero):
        guide = GuidePage.objects.child_of(category).filter(slug=data["slug"]).first()
        if guide:
            # Loaded before authors had pages: link the byline once.
            author_page = self.authors.get(data["author"])
            if guide.author_page_id is None and author_page is not None:
                guide.author_page = author_page
                guide.save_revision().publish()
            return guide, False
        first_published = datetime.date.fromisoformat(data["first_published"])
        published_at = timezone.make_aware(
            datetime.datetime.combine(first_published, datetime.time(9, 0))
        )
        guide = GuidePage(
            title=data["title"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            search_description=data.get("search_description", ""),
            author=data["author"],
            author_page=self.authors.get(data["author"]),
            first_published=first_published,
            last_reviewed=datetime.date.fromisoformat(data["last_reviewed"]),
            hero_image=hero,
            hero_alt_text="",
            body=data["body"](courses.__getitem__),
            first_published_at=published_at,
        )
        category.add_child(instance=guide)
        guide.tags.set(data["tags"])
        guide.save_revision().publish()
        return guide, True

    def ensure_course_catalogue(self, home):
        if CourseIndexPage.objects.child_of(home).exists():
            return 0
        catalogue = CourseIndexPage(
            title="Courses",
            slug="courses",
            intro=(
                "<p>Every online course we have rated, with our review. Filter by topic, level, "
                "provider or price, or ask the course finder in your own words.</p>"
            ),
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
        return 1

    def ensure_featured(self, home, guides):
        if home.featured_links.exists() or not guides:
            return
        for order, guide in enumerate(guides):
            HomeFeaturedGuide.objects.create(page=home, guide=guide, sort_order=order)
        home.refresh_from_db()
        home.save_revision().publish()
