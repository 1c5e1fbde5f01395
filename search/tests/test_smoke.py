"""Search on whatever database the run uses: PostgreSQL in `make test-postgres`, SQLite (the
embedded default) in `make test-sqlite-smoke`."""

import pytest

from search.tests.inputs import BAD_INPUTS

DEMO_QUERIES = ["django", "best course for beginners", "faq", "coursera", "deploying", "djnago"]


@pytest.mark.smoke
@pytest.mark.django_db
def test_demo_searches_and_bad_input_on_this_database(client, demo_site):
    for q in DEMO_QUERIES[:-1]:
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200, q
        assert response.context["results"].paginator.count > 0, q
    django = client.get("/search/", {"q": "django"})
    assert "<mark>Django</mark>" in django.content.decode()
    # Relevance holds on both databases: the guide about Django comes first.
    assert django.context["results"][0].obj.slug == "django-web-framework"
    assert client.get("/search/", {"q": "djnago"}).context["outcome"].suggestion == "django"
    for params in BAD_INPUTS:
        assert client.get("/search/", params).status_code == 200, params
        assert client.get("/search/suggest/", params).status_code == 200, params
    suggestions = client.get("/search/suggest/", {"q": "dja"}).json()["suggestions"]
    assert suggestions and all(s["title"].lower().startswith("dja") for s in suggestions[:1])
