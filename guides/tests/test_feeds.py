import pytest
from django.test import RequestFactory

from guides.factories import GuidePageFactory
from guides.feeds import CategoryFeed, LatestGuidesFeed


@pytest.mark.django_db
def test_a_feed_instance_shared_by_every_request_keeps_no_request_of_its_own(category):
    """The URLconf's one feed object serves every thread: a request stored on it could hand
    one reader's host to another reader's links."""
    GuidePageFactory(parent=category, title="Feed item")
    shared_latest, shared_category = LatestGuidesFeed(), CategoryFeed()
    request = RequestFactory().get("/feeds/guides/", HTTP_HOST="localhost")

    assert b"Feed item" in shared_latest(request).content
    assert b"Feed item" in shared_category(request, slug=category.slug).content
    assert not hasattr(shared_latest, "request") and not hasattr(shared_category, "request")
