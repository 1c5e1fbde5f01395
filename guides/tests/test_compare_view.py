"""The moderator's compare view reads each block the way a person does."""

import pytest
from django.urls import reverse

from courses.factories import CourseFactory
from guides.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

CODE = "from django.db import models\n\n\nclass Post(models.Model):\n    title = 1\n"
TABLE = {
    "table_header_choice": "both",
    "first_row_is_table_header": True,
    "first_col_is_header": True,
    "table_caption": "Frameworks",
    "data": [["", "Django"], ["Admin", "Built in"], ["ORM", "Built in"]],
}


def body(cell, code, note, courses):
    """The same blocks (same ids) with one table cell, one code line and one note varying."""
    table = {**TABLE, "data": [["", "Django"], ["Admin", cell], ["ORM", "Built in"]]}
    return [
        {
            "type": "section",
            "id": "section-1",
            "value": {
                "heading": "Compared",
                "anchor": "compared",
                "content": [
                    {"type": "table", "id": "table-1", "value": table},
                    {"type": "code", "id": "code-1", "value": {"language": "python", "code": code}},
                ],
            },
        },
        {
            "type": "course_list",
            "id": "courses-1",
            "value": {
                "heading": "Best courses",
                "items": [
                    {
                        "type": "item",
                        "id": f"item-{course.pk}",
                        "value": {"course": course.pk, "note": note if i == 0 else "Solid."},
                    }
                    for i, course in enumerate(courses)
                ],
            },
        },
    ]


def test_a_moderator_reads_changed_cells_code_lines_and_course_notes(client, category, moderator):
    courses = [
        CourseFactory(title="Web Application Technologies and Django"),
        CourseFactory(title="Django for Everybody"),
    ]
    guide = GuidePageFactory(
        parent=category, body=body("Built in", CODE, "Our first choice.", courses)
    )
    first = guide.save_revision()
    guide.body = body(
        "Included", CODE.replace("title = 1", "title = 2"), "Our first pick.", courses
    )
    added = {"language": "bash", "code": "pip install django\npython -m django --version\n"}
    guide.body.raw_data[0]["value"]["content"].append(
        {"type": "code", "id": "code-2", "value": added}
    )
    second = guide.save_revision()

    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:revisions_compare", args=(guide.pk, first.pk, second.pk))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()

    # The table: cells, not the settings as a Python dict; the changed cell marked in place.
    assert "first_row_is_table_header" not in html
    assert "Headers: first row and first column" in html
    assert (
        '<th scope="row">Admin</th><td><span class="deletion">Built in</span>'
        '<span class="addition">Included</span></td>'
    ) in html
    assert '<th scope="row">ORM</th><td>Built in</td>' in html
    assert '<tr><td></td><th scope="col">Django</th></tr>' in html  # the empty corner: a td

    # The code: still on its own lines, only the changed line marked, old above new.
    assert (
        "class Post(models.Model):\n"
        '<span class="deletion">    title = 1</span>\n'
        '<span class="addition">    title = 2</span>'
    ) in html
    assert "from django.db import models\n\n\nclass Post" in html

    # A code sample added whole: its language and its lines, marked as an addition.
    assert (
        '<div class="comparison__child-object addition"><p>Shell</p>'
        '<pre class="comparison__code">pip install django\npython -m django --version\n</pre>'
    ) in html

    # The course list: each course by rank and title, the note's change marked.
    assert "1. Web Application Technologies and Django" in html
    assert "2. Django for Everybody" in html
    assert (
        'Our first <span class="deletion">choice.</span><span class="addition">pick.</span>'
    ) in html
