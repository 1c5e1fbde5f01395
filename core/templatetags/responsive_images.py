"""`{% responsive_image %}`: a <picture> with AVIF and WebP sources, width/height, lazy or eager.

Wagtail's `{% picture %}` and `{% srcset_image %}` list every requested width even when the
original is smaller (the renditions then share a width, which the HTML checker rejects); this tag
asks for all renditions in one query and keeps one candidate per real width.
"""

import functools

from django import template
from django.utils.html import format_html, format_html_join
from PIL import features
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

# AVIF only where this Pillow build can write it; WebP is the fallback every browser reads.
FORMATS = (["avif"] if features.check("avif") else []) + ["webp"]
MIME = {"avif": "image/avif", "webp": "image/webp"}


def _specs(widths: list[int], ratio: tuple[int, int] | None, fmt: str) -> list[str]:
    if ratio:
        return [f"fill-{w}x{round(w * ratio[1] / ratio[0])}|format-{fmt}" for w in widths]
    return [f"width-{w}|format-{fmt}" for w in widths]


def responsive_specs(widths, ratio: tuple[int, int] | None = None) -> list[str]:
    """Every rendition spec `{% responsive_image %}` asks for with these widths and crop, in
    every format: for code that prefetches what a template will show."""
    return [spec for fmt in FORMATS for spec in _specs(sorted(widths), ratio, fmt)]


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
def responsive_image(
    image,
    widths="480,800,1200",
    ratio="",
    sizes="100vw",
    alt="",
    loading="lazy",
    css_class="",
    fetchpriority="",
    src_width=800,
):
    """widths: comma-separated pixel widths; ratio: "16:9" to crop, empty to keep the shape;
    src_width: which of the widths a browser without srcset support loads."""
    if image is None:
        return ""
    width_list = sorted({int(w) for w in str(widths).split(",") if w.strip()})
    src_width = min(width_list, key=lambda w: abs(w - int(src_width)))
    crop = tuple(int(part) for part in ratio.split(":")) if ratio else None
    specs = {fmt: _specs(width_list, crop, fmt) for fmt in FORMATS}
    # When the original cannot be read (object store down), Wagtail gives zero-size stand-ins.
    found = renditions_for(image, [s for fmt_specs in specs.values() for s in fmt_specs])
    by_format = {fmt: _unique_by_width([found[s] for s in specs[fmt]]) for fmt in FORMATS}

    fallback_set = by_format["webp"]
    src = found[_specs([src_width], crop, "webp")[0]]
    if not src.width:
        return ""  # no broken image: the page renders without it
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((MIME[fmt], _srcset(by_format[fmt]), sizes) for fmt in FORMATS if fmt != "webp"),
    )
    extra = format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}{}></picture>',
        sources,
        src.url,
        _srcset(fallback_set),
        sizes,
        src.width,
        src.height,
        alt,
        loading,
        css,
        extra,
    )
