"""Image and document forms that check the object store answers before they accept a file.

Set as WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE. A store that is down is
then a form error on the file field: the editor's other changes (title, tags, collection) stay
in the form, where a failure during the save itself can only send them back to an empty form.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from site_config.middleware import STORAGE_UNAVAILABLE_MESSAGE
from site_config.storage import StorageUnavailable

PROBE_NAME = "storage-probe"


class StorageCheckMixin:
    def clean(self):
        cleaned_data = super().clean()
        if "file" in self.changed_data and "file" not in self.errors:
            storage = self._meta.model._meta.get_field("file").storage
            try:
                storage.exists(PROBE_NAME)
            except StorageUnavailable:
                self.add_error("file", STORAGE_UNAVAILABLE_MESSAGE)
        return cleaned_data


class ImageForm(StorageCheckMixin, BaseImageForm):
    pass


class DocumentForm(StorageCheckMixin, BaseDocumentForm):
    pass
