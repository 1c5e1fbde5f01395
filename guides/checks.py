"""Content checks for a guide: problems worth an editor's attention that do not block saving.

They run on the latest revision each time the guide's editor opens (see guides/wagtail_hooks.py)
and appear as warnings at the top of the form, so they also greet the moderator reviewing it.
"""

from django.utils.html import strip_tags


def _answer_is_empty(answer) -> bool:
    source = getattr(answer, "source", answer) or ""
    return not strip_tags(str(source)).replace("\xa0", " ").strip()


def _course_lists(body):
    for child in body:
        if child.block_type == "course_list":
            yield child.value
        elif child.block_type == "section":
            for inner in child.value["content"]:
                if inner.block_type == "course_list":
                    yield inner.value


def guide_problems(guide) -> list[str]:
    problems = []
    for child in guide.body:
        if child.block_type != "faq":
            continue
        for number, item in enumerate(child.value["items"], start=1):
            if _answer_is_empty(item["answer"]):
                question = item["question"] or f"question {number}"
                problems.append(
                    f"The FAQ question “{question}” has no answer; readers would open an "
                    "empty item."
                )
    reported = set()
    for course_list in _course_lists(guide.body):
        for item in course_list["items"]:
            course = item["course"]
            if course is None:
                problems.append(
                    "A course list names a course that has been deleted; choose another."
                )
            elif not course.live and course.pk not in reported:
                reported.add(course.pk)
                problems.append(
                    f"The course “{course.title}” is not live, so readers will not see it in "
                    "the course list and the ranks close up without it."
                )
    if guide.hero_image_id and not guide.hero_alt_text.strip():
        problems.append(
            "The hero image has no alt text; add a description unless it is purely decorative."
        )
    return problems
