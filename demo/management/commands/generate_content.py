"""Synthetic guides and courses for the benchmarks (demo/generator.py). Run after
`load_demo_content` (it needs the home page). Two modes, one generator:

- default (`make bench`): --categories x --guides-per-category long guides and --courses
  courses, written through the page tree; deterministic for a given --seed, and running it again
  adds nothing when the generated records exist (matched by slug);
- `--guides N [--courses M]` (`make bench-search`): N short guides spread over the live
  categories and M courses, added with bulk inserts and a progress bar, then indexed for search
  in batches. It always adds.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.generator import ContentGenerator
from home.models import HomePage


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
        generator = ContentGenerator(self.stdout, options["seed"], not options["no_progress"])
        if options["guides"] is not None:
            started = time.monotonic()
            courses, guides = generator.write_in_bulk(options["guides"], options["courses"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated {guides} guides and {courses} courses "
                    f"in {time.monotonic() - started:.1f}s."
                )
            )
            return
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        courses, guides = generator.write_page_tree(
            home, options["categories"], options["guides_per_category"], options["courses"]
        )
        self.stdout.write(
            self.style.SUCCESS(f"Generated content: {courses} courses, {guides} new guides.")
        )
