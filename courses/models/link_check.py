"""The last result of checking each course's outbound link (manage.py check_course_links)."""

from django.db import models

from courses.models.course import Course


class CourseLinkCheck(models.Model):
    """The last result of checking a course's outbound link (manage.py check_course_links)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="link_check")
    url = models.URLField(max_length=500)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    error = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField()

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["ok", "course__title"]
        verbose_name = "course link check"

    def __str__(self):
        return f"{self.course.title}: {self.result}"

    @property
    def result(self) -> str:
        if self.status_code:
            return f"HTTP {self.status_code}"
        return self.error or "not checked"
