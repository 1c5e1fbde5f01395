"""A valid course as the snippet's add and edit views receive it, shared by the tests (the CSV
import tests build their rows from it too)."""


def course_form(**overrides):
    """A valid course; `overrides` change or add fields (an action such as action-publish)."""
    data = {
        "title": "The Complete Flask Course",
        "slug": "complete-flask",
        "provider": "udemy",
        "rating": "8.8",
        "url": "https://www.udemy.com/course/complete-flask/",
        "review": "Builds three apps, one of them with a REST API.",
        "level": "beginner",
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-09-01",
        "topics": "flask, python",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return data
