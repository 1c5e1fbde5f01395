"""The admin's edit form of any page or snippet exactly as a browser sends it back unchanged.

Shared by the apps' own tests (guides, courses) and the cross-app suites; it imports no app.
"""

import json
import re
from html.parser import HTMLParser

from django import forms
from wagtail import blocks
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.contrib.table_block.blocks import TableInput
from wagtail.test.utils.form_data import inline_formset, nested_form_data


class _EditFormParser(HTMLParser):
    """Collects what a browser submits from one <form id=...>: its named inputs, selects and
    textareas (checkboxes and radios only when checked), skipping <template> contents, and the
    StreamFields, which Wagtail renders as a <div data-block> holding the value's form state
    (the JavaScript editor builds its inputs from that state)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.form_depth = 0
        self.template_depth = 0
        self.fields = []
        self.streams = {}
        self._select = None
        self._options = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if attrs.get("id") == self.form_id:
                self.in_form = True
            return
        if tag == "template":
            self.template_depth += 1
        if not self.in_form or self.template_depth:
            return
        name = attrs.get("name")
        if tag == "div" and "data-block" in attrs and attrs.get("id"):
            value, _errors = json.loads(attrs["data-w-block-arguments-value"])
            self.streams[attrs["id"]] = value
        elif tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "template":
            self.template_depth -= 1
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # The HTML parser keeps the newline the template writes after <textarea>; a
            # browser drops it.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def _leaf_value(widget, state):
    """What the admin's JavaScript puts in a field block's input for this form state."""
    if isinstance(widget, forms.Select):
        return state[0] if state else ""  # a select's state is the list of chosen values
    if isinstance(widget, BaseChooser):
        return str(state["id"]) if state else ""
    if isinstance(widget, TableInput):
        return json.dumps(state) if state is not None else ""
    return "" if state is None else str(state)


def stream_post_data(block, state, prefix) -> dict:
    """The POST fields the admin's StreamField editor sends for `state` (the form state
    Wagtail gave it), unchanged."""
    data = {}
    if isinstance(block, blocks.BaseStreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data[f"{prefix}-{index}-type"] = child["type"]
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = child.get("id") or ""
            data.update(
                stream_post_data(
                    block.child_blocks[child["type"]], child["value"], f"{prefix}-{index}-value"
                )
            )
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = child.get("id") or ""
            data.update(
                stream_post_data(block.child_block, child["value"], f"{prefix}-{index}-value")
            )
    elif isinstance(block, blocks.BaseStructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(stream_post_data(child_block, state.get(name), f"{prefix}-{name}"))
    else:
        data[prefix] = _leaf_value(block.field.widget, state)
    return data


def as_browser_sends(value: str) -> str:
    """Form submission turns every line end into CRLF (HTML's 'normalize line breaks')."""
    return re.sub(r"\r\n|\r|\n", "\r\n", value)


def unchanged_edit_form(html: str, model, form_id: str = "page-edit-form") -> dict:
    """The POST data of the rendered edit form submitted unchanged, as a browser sends it: the
    plain inputs as the HTML holds them, each StreamField as its editor would serialise the
    state Wagtail gave it, line ends as CRLF, and the comments formset the commenting app adds."""
    parser = _EditFormParser(form_id)
    parser.feed(html)
    assert parser.fields, f"no form #{form_id} in the page"
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    for name, state in parser.streams.items():
        block = model._meta.get_field(name).stream_block
        for key, value in stream_post_data(block, state, name).items():
            data[key] = [value]
    if "comments-TOTAL_FORMS" not in data:
        data.update(
            {
                key: [value]
                for key, value in nested_form_data({"comments": inline_formset([])}).items()
            }
        )
    return {
        name: [as_browser_sends(v) for v in values]
        if len(values) > 1
        else as_browser_sends(values[0])
        for name, values in data.items()
    }
