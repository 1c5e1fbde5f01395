from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from core.search_index import index_deletes

        from . import cache_purges
        from .models import Course

        cache_purges.connect()
        index_deletes(Course)
