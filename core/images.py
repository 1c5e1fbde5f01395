"""Rendition specs that Python code and templates both ask for, named once."""

# Open Graph and Twitter both recommend 1200x630; JPEG is the format every previewer reads.
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
