import pytest

from courses.factories import CourseFactory
from courses.models import Course


@pytest.mark.django_db
def test_topic_names_of_several_courses_reads_as_each_course_says_them():
    courses = [
        CourseFactory(topics=["web", "Django", "python"]),
        CourseFactory(topics=["data"]),
        CourseFactory(topics=[]),
    ]
    named = Course.topic_names_of(course.pk for course in courses)
    assert named == {course.pk: course.topic_names() for course in courses[:2]}
    assert named[courses[0].pk] == "Django, python, web"
