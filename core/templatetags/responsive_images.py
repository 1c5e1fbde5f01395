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


# Where `prefetch_renditions` leaves what it found, for `renditions_for` alone. Not Wagtail's
# `prefetched_renditions`: Wagtail takes those for every rendition there is, and makes a new
# file for one asked for beyond them even when the database holds it.
RENDITIONS_FOUND = "renditions_found"


def renditions_for(image, specs: list[str]) -> dict:
    """Renditions by spec: from those found for the image beforehand (`prefetch_renditions`)
    or from the renditions cache when all are there. Image.get_renditions writes every
    rendition it finds outside the cache back to it (a pickle per rendition), so it is only
    called on a miss: it then finds or makes them and caches them. When the original cannot be
    read (object store down), Wagtail gives zero-size stand-ins."""
    found = getattr(image, RENDITIONS_FOUND, {})
    if all(spec in found for spec in specs):
        return {spec: found[spec] for spec in specs}
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
    return get_renditions_or_not_found(image, filters)


def prefetch_renditions(images, specs: list[str]) -> None:
    """Find each image's renditions of `specs` for `renditions_for`, for a listing or a page's
    image blocks: in the renditions cache in one lookup, and for the images it lacks (a new
    process, an edited image, a flushed cache) in the database in one query, which refills the
    cache. Never a lookup per image. One the database lacks is made when it is asked for."""
    images = [image for image in images if image is not None]
    if not images:
        return
    Rendition = images[0].get_rendition_model()
    filters = [_filter(spec) for spec in specs]

    def cache_keys(image) -> dict:
        return {
            f: Rendition.construct_cache_key(image, f.get_cache_key(image), f.spec) for f in filters
        }

    wanted = [(image, cache_keys(image)) for image in images]
    cached = Rendition.cache_backend.get_many([key for _, keys in wanted for key in keys.values()])
    missing = [(image, keys) for image, keys in wanted if not cached.keys() >= set(keys.values())]
    if missing:
        stored = {}
        for rendition in Rendition.objects.filter(
            image__in={image.pk for image, _keys in missing}, filter_spec__in=specs
        ):
            stored.setdefault(rendition.image_id, []).append(rendition)
        refill = {}
        for image, keys in missing:
            current = {(r.filter_spec, r.focal_point_key): r for r in stored.get(image.pk, [])}
            for f, key in keys.items():
                rendition = current.get((f.spec, f.get_cache_key(image)))
                if rendition is not None:
                    refill[key] = rendition
        if refill:
            # Stored before they point at their image (they would carry it into the cache).
            Rendition.cache_backend.set_many(refill)
            cached.update(refill)
    for image, keys in wanted:
        found = {f.spec: cached[key] for f, key in keys.items() if key in cached}
        for rendition in found.values():
            rendition.image = image
        setattr(image, RENDITIONS_FOUND, found)


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
