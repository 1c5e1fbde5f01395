import pytest
from django.urls import reverse

from courses.factories import CourseFactory
from courses.models import Course
from courses.tests.forms import course_form

ADD_URL = "wagtailsnippets_courses_course:add"
PUBLISH = {"action-publish": "action-publish"}


@pytest.mark.django_db
def test_course_admin_publishes_a_valid_course(admin_client):
    response = admin_client.post(reverse(ADD_URL), course_form(**PUBLISH))
    assert response.status_code == 302
    course = Course.objects.get(slug="complete-flask")
    assert course.live
    assert course.rating_display == "8.8/10"
    assert sorted(course.topics.names()) == ["flask", "python"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rating", "10.1", "less than or equal to 10"),
        ("rating", "-0.1", "greater than or equal to 0"),
        ("rating", "nine", "Enter a number"),
        ("url", "not a url", "Enter a valid URL"),
        ("url", "javascript:alert(1)", "Enter a valid URL"),
        ("title", "", "This field is required"),
        ("level", "expert", "Select a valid choice"),
    ],
)
def test_bad_course_input_is_refused_with_a_clear_message(admin_client, field, value, message):
    response = admin_client.post(reverse(ADD_URL), course_form(**{field: value}, **PUBLISH))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Builds three apps" in html  # the rest of the edit is kept
    assert not Course.objects.filter(slug="complete-flask").exists()


@pytest.mark.django_db
def test_course_listing_filters_and_exports(admin_client):
    CourseFactory(title="Udemy Django", provider="udemy", rating="9.1")
    CourseFactory(title="Coursera Django", provider="coursera", rating="8.0")
    index = reverse("wagtailsnippets_courses_course:list")

    filtered = admin_client.get(index, {"provider": "udemy"}).content.decode()
    assert "Udemy Django" in filtered and "Coursera Django" not in filtered

    export = admin_client.get(index, {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content
    assert "Udemy Django" in body and "9.1" in body
    xlsx = admin_client.get(index, {"export": "xlsx"})
    assert xlsx.status_code == 200


@pytest.mark.django_db
def test_course_preview_renders_as_a_course_list_card(admin_client, catalogue):
    response = admin_client.post(
        reverse("wagtailsnippets_courses_course:preview_on_add"), course_form(**PUBLISH)
    )
    assert response.status_code == 200
    html = admin_client.get(reverse("wagtailsnippets_courses_course:preview_on_add")).content
    html = html.decode()
    # The guide's own course-list card: rank, title linked to its catalogue page, rating,
    # review and the way out to the provider.
    assert 'class="course-item course-item--ranked"' in html
    assert 'href="/courses/complete-flask/"' in html
    assert "The Complete Flask Course" in html and "8.8/10" in html
    assert "Builds three apps, one of them with a REST API." in html
    assert "Go to the course on Udemy" in html
