"""The guide editor's form: what an editor did not change stays as stored."""

from django import forms
from taggit.utils import edit_string_for_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminTagWidget


class OrderedTagWidget(AdminTagWidget):
    """Shows the tags in their stored order; taggit's own string sorts them by name."""

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            # edit_string_for_tags quotes a name that needs it; one tag at a time keeps order.
            value = ", ".join(edit_string_for_tags([tag]) for tag in value)
        return super().format_value(value)


class GuidePageForm(WagtailAdminPageForm):
    """Saving a guide with its tags untouched leaves them exactly as stored. taggit parses the
    field into names sorted alphabetically and replaces every tag link, so each save reordered
    the tags and renumbered their links; here the stored order stays and new tags follow it in
    the order they were typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_tag_names = (
            [tag.name for tag in self.instance.tags.all()] if "tags" in self.fields else []
        )

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        typed = self.data.get(self.add_prefix("tags"), "")
        kept = [name for name in self.stored_tag_names if name in names]
        added = sorted(
            (name for name in names if name not in kept), key=lambda name: typed.find(name)
        )
        return kept + added

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if isinstance(field.widget, forms.Textarea) and isinstance(value, str):
                # Browsers submit a textarea's line ends as CRLF; store them as they were.
                cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        if cleaned_data.get("tags") == self.stored_tag_names:
            # Unchanged: leave the stored tag links alone (save_form_data would replace them).
            del cleaned_data["tags"]
        return cleaned_data
