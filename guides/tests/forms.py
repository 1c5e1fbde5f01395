"""POST data for the Wagtail page editor, as the admin's own form sends it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def faq_items(pairs):
    items = {"count": str(len(pairs))}
    for index, (question, answer) in enumerate(pairs):
        items[str(index)] = {
            "value": {"question": question, "answer": rich_text(answer)},
            "deleted": "",
            "order": str(index),
        }
    return items


def guide_form(courses, faq=(("Is Flask good for beginners?", "<p>Yes, it is small.</p>"),), **kw):
    items = {"count": str(len(courses))}
    for index, course in enumerate(courses):
        items[str(index)] = {
            "value": {"course": str(course.pk), "note": ""},
            "deleted": "",
            "order": str(index),
        }
    data = {
        "title": "Flask for beginners",
        "slug": "flask-for-beginners",
        "standfirst": "A small framework with a gentle start.",
        "author": "Sam Editor",
        "first_published": "2026-05-01",
        "last_reviewed": "2026-06-01",
        "hero_alt_text": "",
        "tags": "flask",
        "body": streamfield(
            [
                (
                    "section",
                    {
                        "heading": "Why Flask",
                        "anchor": "",
                        "content": streamfield(
                            [("paragraph", rich_text("<p>Flask gives you routing.</p>"))]
                        ),
                    },
                ),
                ("course_list", {"heading": "Best Flask courses", "items": items}),
                ("faq", {"heading": "FAQ", "items": faq_items(faq)}),
            ]
        ),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(kw)
    return nested_form_data(data)
