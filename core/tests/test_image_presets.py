"""Image presets are named once (core/images.py): templates show them by name with
`{% responsive_image %}`, and code that prefetches renditions asks for the same names, so what a
page renders is what was prefetched."""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from core.blocks import ImageBlock
from core.images import PRESETS, preset_specs

TAG = re.compile(r"{%\s*responsive_image\s+(.*?)%}", re.S)
PRESET_ARG = re.compile(r"""\bpreset=["']([^"']+)["']""")


def project_templates():
    base = Path(settings.BASE_DIR)
    roots = [base / "templates", *base.glob("*/templates")]
    return [path for root in roots for path in root.rglob("*.html")]


def render(source: str, **context) -> str:
    return Template("{% load responsive_images %}" + source).render(Context(context))


def rendition_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "wagtailimages_rendition" in q["sql"]]


def test_every_template_shows_a_known_preset_by_name():
    uses = {
        f"{path.name}: {match.group(1).strip()}": PRESET_ARG.search(match.group(1))
        for path in project_templates()
        for match in TAG.finditer(path.read_text())
    }
    assert uses, "no template uses {% responsive_image %}: the scan is looking in the wrong place"
    for use, named in uses.items():
        assert named, f"{use} names no preset"
        assert named.group(1) in PRESETS, f"{use} names an unknown preset"


def test_an_unknown_preset_is_an_error_even_without_an_image():
    with pytest.raises(ValueError, match="No image preset called 'thumbnail'"):
        render('{% responsive_image image preset="thumbnail" %}', image=None)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(PRESETS))
def test_the_tag_makes_exactly_the_renditions_its_preset_names(name):
    image = wagtail_factories.ImageFactory(width=2000, height=1500)
    html = render("{% responsive_image image preset=name %}", image=image, name=name)
    assert f'sizes="{PRESETS[name].sizes}"' in html
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(preset_specs(name))


@pytest.mark.django_db
def test_image_blocks_render_from_the_renditions_they_prefetched():
    """ImageBlock.bulk_to_python prefetches the "body_image" preset: with a cold renditions
    cache, rendering the blocks looks no rendition up."""
    block = ImageBlock()
    raw = [
        {"image": wagtail_factories.ImageFactory(width=2000, height=1500).pk, "alt_text": "A"},
        {"image": wagtail_factories.ImageFactory(width=900, height=900).pk, "alt_text": "B"},
    ]
    for value in block.bulk_to_python(raw):
        block.render(value)  # makes the renditions
    caches["renditions"].clear()
    values = block.bulk_to_python(raw)
    with CaptureQueriesContext(connection) as queries:
        html = "".join(block.render(value) for value in values)
    assert html.count("<picture>") == 2
    assert rendition_queries(queries) == []
