"""A listing's guide cards render from the renditions prefetch_card_renditions fetched: the
card template and the prefetch name the same image preset ("card", core/images.py)."""

import pytest
import wagtail_factories
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from guides.factories import GuidePageFactory
from guides.models import GuidePage, prefetch_card_renditions


@pytest.mark.django_db
def test_guide_cards_render_from_their_prefetched_renditions(rf, category):
    for width, height in [(2000, 1500), (1200, 600), (300, 300)]:
        image = wagtail_factories.ImageFactory(width=width, height=height)
        GuidePageFactory(parent=category, hero_image=image)
    request = rf.get("/")

    def cards():
        guides = GuidePage.objects.live().select_related("hero_image")
        return [
            render_to_string("includes/guide_card.html", {"guide": guide, "request": request})
            for guide in prefetch_card_renditions(guides)
        ]

    cards()  # makes the renditions
    caches["renditions"].clear()
    with CaptureQueriesContext(connection) as queries:
        html = "".join(cards())
    assert html.count('class="card__image"') == 3
    renditions = [q["sql"] for q in queries if "wagtailimages_rendition" in q["sql"]]
    assert len(renditions) == 1, "one prefetch for every card, no lookup per card"
