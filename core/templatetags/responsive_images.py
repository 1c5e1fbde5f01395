"""`{% responsive_image image preset="card" %}`: a <picture> with AVIF and WebP sources,
width/height, lazy or eager, in the widths, crop and sizes of a named preset (core/images.py).

Wagtail's `{% picture %}` and `{% srcset_image %}` list every requested width even when the
original is smaller (the renditions then share a width, which the HTML checker rejects); this tag
asks for all renditions in one query and keeps one candidate per real width.
"""

import functools

from django import template
from django.utils.html import format_html, format_html_join
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

from core.images import FORMATS, get_preset

register = template.Library()

MIME = {"avif": "image/avif", "webp": "image/webp"}


def _unique_by_width(renditions) -> list:
    seen, unique = set(), []
    for rendition in renditions:
        if rendition.width not in seen:
            seen.add(rendition.width)
            unique.append(rendition)
    return unique


@functools.lru_cache(maxsize=256)
def _filter(spec: str) -> Filter:
    """Parsed once per process: a Filter's operations are cached on the instance."""
    return Filter(spec=spec)


def renditions_for(image, specs: list[str]) -> dict:
    """Renditions by spec, from the renditions cache when all are there. Image.get_renditions
    writes every rendition it returns back to the cache on every call (a pickle per rendition),
    so it is only called on a miss: it then finds or makes them and caches them. When the
    original cannot be read (object store down), Wagtail gives zero-size stand-ins."""
    Rendition = image.get_rendition_model()
    filters = [_filter(spec) for spec in specs]
    keys = {
        Rendition.construct_cache_key(image, f.get_cache_key(image), f.spec): f.spec
        for f in filters
    }
    cached = Rendition.cache_backend.get_many(list(keys))
    if len(cached) == len(keys):
        for rendition in cached.values():
            rendition.image = image
        return {keys[key]: rendition for key, rendition in cached.items()}
    return get_renditions_or_not_found(image, specs)


def _srcset(renditions) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


@register.simple_tag
def responsive_image(image, preset, alt="", loading="lazy", css_class="", fetchpriority=""):
    """preset: the name of an ImagePreset in core.images (widths, crop, sizes), which code that
    prefetches renditions for this image asks for by the same name."""
    shown = get_preset(preset)  # an unknown name fails even where the image is missing
    if image is None:
        return ""
    specs = {fmt: shown.specs_in(fmt) for fmt in FORMATS}
    # When the original cannot be read (object store down), Wagtail gives zero-size stand-ins.
    found = renditions_for(image, [s for fmt_specs in specs.values() for s in fmt_specs])
    by_format = {fmt: _unique_by_width([found[s] for s in specs[fmt]]) for fmt in FORMATS}

    fallback_set = by_format["webp"]
    src = found[shown.specs_in("webp", [shown.fallback_width])[0]]
    if not src.width:
        return ""  # no broken image: the page renders without it
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((MIME[fmt], _srcset(by_format[fmt]), shown.sizes) for fmt in FORMATS if fmt != "webp"),
    )
    extra = format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}{}></picture>',
        sources,
        src.url,
        _srcset(fallback_set),
        shown.sizes,
        src.width,
        src.height,
        alt,
        loading,
        css,
        extra,
    )
