from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from core.search_index import index_except_draft_saves

        from . import cache_purges
        from .models import Course

        cache_purges.connect()
        index_except_draft_saves(Course)
