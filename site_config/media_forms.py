"""Image and document forms that check the file decodes and the object store answers before
they accept a file.

Set as WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE, so they serve every
upload path: the add and edit pages, the multiple uploader and the chooser's upload tab. A file
that cannot be decoded or a store that is down is then a form error on the file field: the
editor's other changes (title, tags, collection) stay in the form, where a failure during the
save itself can only send them back to an empty form.
"""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from site_config.storage import StorageUnavailable

PROBE_NAME = "storage-probe"


class StorageCheckMixin:
    def clean(self):
        cleaned_data = super().clean()
        if "file" in self.changed_data and "file" not in self.errors:
            storage = self._meta.model._meta.get_field("file").storage
            try:
                if hasattr(storage, "check_writable"):  # the bucket: says what is wrong
                    storage.check_writable(PROBE_NAME)
                else:  # local media
                    storage.exists(PROBE_NAME)
            except StorageUnavailable as error:
                self.add_error("file", error.editor_message)
        return cleaned_data


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, which also refuses a file that Pillow cannot decode in full.

    Wagtail only reads the header and size, and Pillow raises a bare OSError ("image file is
    truncated") from inside those checks for a cut-off JPEG: that was a 500. Any failure to
    open or decode the whole image is the field's own "Upload a valid image" error instead.
    """

    def to_python(self, data):
        try:
            f = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - any decoder failure means "not an image"
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        if f is not None and f.image.format_name != "svg":
            # Decode every pixel now (the size was checked above, so this is bounded), rather
            # than when the first rendition is made for a reader.
            try:
                with PILImage.open(f) as image:
                    image.load()
            except Exception as error:  # noqa: BLE001
                raise ValidationError(
                    self.error_messages["invalid_image"], code="invalid_image"
                ) from error
            finally:
                f.seek(0)
        return f


class ImageForm(StorageCheckMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the field in get_image_form()'s formfield callback, which a base form
        # cannot override; the multiple uploader's edit form has no file field at all.
        field = self.fields.get("file")
        if field is not None and not isinstance(field, DecodedImageField):
            self.fields["file"] = DecodedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(StorageCheckMixin, BaseDocumentForm):
    pass
