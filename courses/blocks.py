"""The ranked course list that guides put in their body, and how it reads in the moderator's
compare view (Wagtail's revisions compare)."""

import difflib

from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail import blocks
from wagtail.admin.compare import BlockComparison, diff_text
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.blocks.struct_block import StructBlockAdapter
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.models import Course, CourseIndexPage


def _course_title(course) -> str:
    return course.title if course is not None else "(a deleted course)"


def _ranked(value):
    """(rank, course pk, title, note) for each course of a course list, best first."""
    return [
        (rank, getattr(item["course"], "pk", None), _course_title(item["course"]), item["note"])
        for rank, item in enumerate(value["items"] if value else [], start=1)
    ]


class CourseListComparison(BlockComparison):
    """A ranked course list as a moderator reads it: the heading, then each course by rank
    with its title and the editor's note. Courses are matched by which course they are, so a
    course that moved shows its old rank, and one added or removed is marked whole."""

    def _line(self, rank, title, note, old_rank=None):
        moved = format_html(" (was {})", old_rank) if old_rank not in (None, rank) else ""
        return format_html("<li><strong>{}. {}</strong>{}<br>{}</li>", rank, title, moved, note)

    def _list(self, heading, lines):
        return format_html(
            '<p>{}</p><ul class="comparison__courses">{}</ul>',
            heading,
            format_html_join("\n", "{}", ((line,) for line in lines)),
        )

    def htmlvalue(self, val):
        lines = [self._line(rank, title, note) for rank, _pk, title, note in _ranked(val)]
        return self._list(val["heading"] if val else "", lines)

    def htmldiff(self):
        old, new = _ranked(self.val_a), _ranked(self.val_b)
        matcher = difflib.SequenceMatcher(
            None, [pk for _r, pk, _t, _n in old], [pk for _r, pk, _t, _n in new], autojunk=False
        )
        lines = []
        for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
            if op == "equal":
                for (old_rank, _pk, _title, old_note), (rank, _pk2, title, note) in zip(
                    old[a_start:a_end], new[b_start:b_end], strict=True
                ):
                    lines.append(
                        self._line(rank, title, diff_text(old_note, note).to_html(), old_rank)
                    )
                continue
            for old_rank, _pk, title, note in old[a_start:a_end]:
                lines.append(
                    format_html(
                        '<li class="deletion"><span class="deletion"><strong>{}. {}</strong>'
                        "<br>{}</span> (removed)</li>",
                        old_rank,
                        title,
                        note,
                    )
                )
            for rank, _pk, title, note in new[b_start:b_end]:
                lines.append(
                    format_html(
                        '<li class="addition"><span class="addition"><strong>{}. {}</strong>'
                        "<br>{}</span> (added)</li>",
                        rank,
                        title,
                        note,
                    )
                )
        heading = diff_text(
            self.val_a["heading"] if self.val_a else "", self.val_b["heading"] if self.val_b else ""
        ).to_html()
        return self._list(heading, lines)


class CourseListItemBlock(blocks.StructBlock):
    course = SnippetChooserBlock("courses.Course")
    note = blocks.CharBlock(
        label="Editor's note",
        required=False,
        max_length=300,
        help_text="Why this course is here; shown under the course's own review.",
    )

    class Meta:
        icon = "pick"
        label = "Course"


class CourseListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=150)
    items = blocks.ListBlock(CourseListItemBlock(), min_num=1, label="Courses, best first")

    class Meta:
        icon = "list-ol"
        template = "components/course_list_block.html"
        description = "A ranked list of courses with their provider, rating and review."
        group = "Courses"

    def get_comparison_class(self):
        return CourseListComparison

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A retired (unpublished) course silently drops out; the ranks close up behind it.
        context["ranked_items"] = [
            item for item in value["items"] if item["course"] is not None and item["course"].live
        ]
        # Each course's title links to its page in the catalogue (courses/course_item.html).
        context["catalogue"] = CourseIndexPage.live_catalogue((parent_context or {}).get("request"))
        return context

    def get_preview_value(self):
        courses = Course.objects.live()[:3]
        return self.normalize(
            {
                "heading": "Top courses",
                "items": [{"course": course, "note": ""} for course in courses],
            }
        )


class CourseListBlockAdapter(StructBlockAdapter):
    """The course list's editor adds "Add several courses" under its items: the course chooser
    in its multiple mode, one item per chosen course (courses/static/courses/js/)."""

    js_constructor = "courses.blocks.CourseListBlock"

    def js_args(self, block):
        name, children, meta = super().js_args(block)
        meta = {
            **meta,
            "itemsField": "items",
            "courseField": "course",
            "addSeveralLabel": "Add several courses",
        }
        return [name, children, meta]

    @cached_property
    def media(self):
        return super().media + forms.Media(js=[versioned_static("courses/js/course-list-block.js")])


register(CourseListBlockAdapter(), CourseListBlock)
