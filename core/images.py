"""Rendition specs that Python code and templates both ask for, named once.

A template shows an image with `{% responsive_image image preset="card" %}`; code that fetches
renditions ahead of a render (a listing's cards, a page's image blocks) asks
`preset_specs("card")` for the very specs that tag will ask for. Wagtail has no named presets
of its own, so they are defined here.
"""

from dataclasses import dataclass

from PIL import features

# AVIF only where this Pillow build can write it; WebP is the fallback every browser reads.
FORMATS = (["avif"] if features.check("avif") else []) + ["webp"]


@dataclass(frozen=True)
class ImagePreset:
    """How one kind of image is shown: the widths made of it, its crop, the `sizes` attribute
    saying how wide the layout shows it, and the width a browser without srcset loads."""

    widths: tuple[int, ...]
    sizes: str
    # width:height to crop to; None keeps the image's own shape.
    ratio: tuple[int, int] | None = None
    src_width: int = 800

    def specs_in(self, fmt: str, widths=None) -> list[str]:
        """The specs for `widths` (all of the preset's by default), in one format, in order."""
        widths = sorted(self.widths) if widths is None else widths
        if self.ratio:
            across, down = self.ratio
            return [f"fill-{w}x{round(w * down / across)}|format-{fmt}" for w in widths]
        return [f"width-{w}|format-{fmt}" for w in widths]

    def specs(self) -> list[str]:
        """Every spec `{% responsive_image %}` asks for with this preset, in every format."""
        return [spec for fmt in FORMATS for spec in self.specs_in(fmt)]

    @property
    def fallback_width(self) -> int:
        """The preset's width nearest src_width: the plain `src` of the <img>."""
        return min(sorted(self.widths), key=lambda w: abs(w - self.src_width))


PRESETS = {
    # A guide's card in a listing (includes/guide_card.html): three to a row on a laptop.
    "card": ImagePreset(widths=(400, 800), ratio=(16, 9), sizes="(max-width: 40rem) 100vw, 24rem"),
    # A guide's hero across the top of its page.
    "hero": ImagePreset(
        widths=(640, 1200, 1800),
        ratio=(12, 5),
        sizes="(max-width: 72rem) 100vw, 69.5rem",
        src_width=1200,
    ),
    # An image block in a guide's body (components/image_block.html), in its own shape.
    "body_image": ImagePreset(
        widths=(480, 800, 1200, 1600), sizes="(max-width: 48rem) 100vw, 46rem"
    ),
    # An author's portrait on their page, and small beside their name on the authors' index.
    "author_photo": ImagePreset(widths=(200, 400), ratio=(1, 1), sizes="10rem"),
    "author_thumbnail": ImagePreset(widths=(200,), ratio=(1, 1), sizes="5rem"),
}


def get_preset(name: str) -> ImagePreset:
    """The named preset; an unknown name is a mistake in the template or code asking for it."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"No image preset called {name!r}; known: {', '.join(PRESETS)}") from None


def preset_specs(*names: str) -> list[str]:
    """Every rendition spec `{% responsive_image %}` asks for with these presets."""
    return [spec for name in names for spec in get_preset(name).specs()]


# One JPEG each for link previews and JSON-LD (every previewer reads JPEG), never shown in a
# page's <img>. Open Graph and Twitter both recommend 1200x630.
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# An article's image in the three ratios Google asks for (16:9, 4:3, 1:1), for its JSON-LD.
ARTICLE_IMAGE_SPECS = [
    "fill-1200x675|format-jpeg|jpegquality-80",
    "fill-1200x900|format-jpeg|jpegquality-80",
    "fill-1200x1200|format-jpeg|jpegquality-80",
]
# An author's portrait in their JSON-LD.
AUTHOR_PHOTO_SPEC = "fill-400x400|format-jpeg|jpegquality-80"
