"""Check every course's outbound link, a few at a time, and remember the last result."""

from concurrent.futures import ThreadPoolExecutor

import requests
from django.utils import timezone

from .models import Course, CourseLinkCheck

USER_AGENT = "GuidesAndCourses-LinkCheck/1.0 (+course link check)"


def check_url(url: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status, error). Some servers refuse HEAD, so a failing HEAD is retried as GET."""
    headers = {"User-Agent": USER_AGENT}
    try:
        response = requests.head(url, timeout=timeout, allow_redirects=True, headers=headers)
        if response.status_code >= 400:
            response = requests.get(
                url, timeout=timeout, allow_redirects=True, headers=headers, stream=True
            )
            response.close()
        return response.status_code, ""
    except requests.Timeout:
        return None, f"timed out after {timeout:g} s"
    except requests.TooManyRedirects:
        return None, "too many redirects"
    except requests.RequestException as error:
        return None, f"could not connect ({type(error).__name__})"


def check_course_links(courses=None, *, workers: int = 8, timeout: float = 10.0):
    courses = list(courses if courses is not None else Course.objects.live().order_by("pk"))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = list(pool.map(lambda course: check_url(course.url, timeout), courses))
    checks = []
    now = timezone.now()
    for course, (status, error) in zip(courses, outcomes, strict=True):
        check, _created = CourseLinkCheck.objects.update_or_create(
            course=course,
            defaults={
                "url": course.url,
                "status_code": status,
                "ok": status is not None and status < 400,
                "error": error[:300],
                "checked_at": now,
            },
        )
        checks.append(check)
    return checks
