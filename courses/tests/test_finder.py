import json

import pytest

from courses.factories import CourseFactory
from courses.finder import find, parse
from courses.models import Course, CourseIndexPage, FinderRequest

# (request, expected intent fields (the rest must be empty/default), expected top course slug)
PHRASINGS = [
    # "Best first" is the highest rating among the matching courses: a 9.7/10 Django course
    # tagged Python comes before CS50's 9.6/10 Python course.
    (
        "best python course for beginners",
        {"topics": ["python"], "levels": ["beginner"], "best": True},
        "web-application-technologies-and-django",
    ),
    (
        "free data science course",
        {"topics": ["data-science"], "price_models": ["free"]},
        "data-analysis-with-python-freecodecamp",
    ),
    (
        "compare django courses on udemy",
        {"topics": ["django"], "providers": ["udemy"], "compare": True},
        "coding-for-entrepreneurs-python-django",
    ),
    (
        "Advanced Django REST APIs",
        {"topics": ["django", "rest-apis"], "levels": ["advanced"]},
        "advanced-django-advanced-drf",
    ),
    (
        "django rest framework tutorial",
        {"topics": ["drf"]},
        "advanced-django-introduction-to-drf",
    ),
    ("newest docker course", {"topics": ["docker"], "sort": "newest"}, "docker-mastery"),
    (
        "paid machine learning",
        {"topics": ["machine-learning"], "price_models": ["paid", "subscription"]},
        "python-for-data-science-and-machine-learning-bootcamp",
    ),
    ("Flask", {"topics": ["flask"]}, "rest-apis-with-flask-and-python"),
    (
        "python course on edX",
        {"topics": ["python"], "providers": ["edx"]},
        "cs50-introduction-to-programming-with-python",
    ),
    (
        "SQL for beginners",
        {"topics": ["sql"], "levels": ["beginner"]},
        "ultimate-mysql-bootcamp",
    ),
    (
        "intermediate testing",
        {"topics": ["testing"], "levels": ["intermediate"]},
        "tdd-with-python-testing-goat",
    ),
    ("Coursera", {"providers": ["coursera"]}, "web-application-technologies-and-django"),
    (
        "free code camp python",
        {"topics": ["python"], "providers": ["freecodecamp"]},
        "scientific-computing-with-python",
    ),
    ("kubernetes", {"terms": ["kubernetes"]}, "docker-mastery"),
    # "Top rated": the 8.3/10 bootcamp tagged pandas before Kaggle's 8.2/10 pandas course,
    # which comes first when the reader asks for no ranking (it is named after the topic).
    (
        "top rated pandas courses",
        {"topics": ["pandas"], "best": True},
        "python-for-data-science-and-machine-learning-bootcamp",
    ),
    ("pandas courses", {"topics": ["pandas"]}, "kaggle-learn-pandas"),
    ("best flask course", {"topics": ["flask"], "best": True}, "100-days-of-code-python-bootcamp"),
    (
        "ML for experts",
        {"topics": ["machine-learning"], "levels": ["advanced"]},
        "python-for-data-science-and-machine-learning-bootcamp",
    ),
    (
        "🐍 python 🐍",
        {"topics": ["python"]},
        "cs50-introduction-to-programming-with-python",
    ),
    (
        "beginner or intermediate web dev on coursera",
        {
            "topics": ["web-development"],
            "levels": ["beginner", "intermediate"],
            "providers": ["coursera"],
        },
        "web-application-technologies-and-django",
    ),
    ("what's the best course?", {"best": True}, "web-application-technologies-and-django"),
    ("javascript", {"topics": ["javascript"]}, "cs50-web-programming-with-python-and-javascript"),
]

DEFAULT_INTENT = {
    "topics": [],
    "levels": [],
    "price_models": [],
    "providers": [],
    "terms": [],
    "best": False,
    "compare": False,
    "sort": "rating",
}


@pytest.fixture
def demo_catalogue(demo_site_for_the_module, db):
    """The demo site's course catalogue; the demo site is loaded once for this module."""
    return CourseIndexPage.objects.get()


def test_finder_reads_intent_and_ranks_the_demo_courses(demo_catalogue):
    # One test over the whole table: the demo site is loaded once.
    mismatches = []
    for query, expected, top in PHRASINGS:
        answer = find(query)
        intent = answer.intent.to_dict()
        if intent != {**DEFAULT_INTENT, **expected}:
            mismatches.append(f"{query!r}: read {intent}")
        got = answer.picks[0].course.slug if answer.picks else None
        if got != top:
            mismatches.append(f"{query!r}: top course {got}, expected {top}")
    assert not mismatches, "\n".join(mismatches)
    assert len(PHRASINGS) >= 15


def test_each_pick_is_explained(demo_catalogue):
    answer = find("best python course for beginners")
    assert answer.picks[1].explanation == "beginner · Python · rated 9.6/10 · free"
    assert all(pick.course.level == "beginner" for pick in answer.picks)
    assert 1 < len(answer.picks) <= 5
    # Best first: by rating, whether the course is named after Python or only tagged with it.
    slugs = [pick.course.slug for pick in answer.picks]
    assert slugs[:4] == [
        "web-application-technologies-and-django",  # 9.7, tagged Python
        "cs50-introduction-to-programming-with-python",  # 9.6, Python in its title
        "programming-for-everybody-python",  # 9.3
        "100-days-of-code-python-bootcamp",  # 9.2
    ]
    ratings = [pick.course.rating for pick in answer.picks]
    assert ratings == sorted(ratings, reverse=True)


def test_nearest_matches_are_labelled_when_nothing_matches_exactly(demo_catalogue):
    answer = find("ML for experts")
    assert not answer.picks[0].exact
    assert any("ignore the level" in message for message in answer.messages)


def test_retired_courses_are_never_picked(demo_catalogue):
    Course.objects.get(slug="cs50-introduction-to-programming-with-python").unpublish()
    answer = find("best python course for beginners")
    slugs = [pick.course.slug for pick in answer.picks]
    assert "cs50-introduction-to-programming-with-python" not in slugs
    assert slugs[0] == "web-application-technologies-and-django"


def test_best_puts_the_highest_rated_first_on_the_demo_site(demo_catalogue):
    best = find("best flask course")
    assert [pick.course.slug for pick in best.picks] == [
        "100-days-of-code-python-bootcamp",  # 9.2/10, tagged Flask
        "rest-apis-with-flask-and-python",  # 8.9/10, Flask in the title
        "python-and-flask-bootcamp",  # 7.6/10, Flask in the title
    ]
    # Without "best", every course named after the topic comes first, whatever its rating.
    plain = [pick.course.slug for pick in find("flask course").picks]
    assert plain[-1] == "100-days-of-code-python-bootcamp"


@pytest.mark.django_db
def test_best_orders_by_rating_and_breaks_ties_by_fit_then_level_then_title():
    from courses.finder import CourseFacts, rank

    # A topic the demo site (loaded for this module) does not use.
    made = [
        ("named-lower", "Zero to Phoenix", "8.4", "beginner"),
        ("tagged-high", "Web apps in Elixir", "8.8", "beginner"),
        ("tagged-tie", "Realtime web apps", "8.0", "beginner"),
        ("named-tie", "Phoenix LiveView", "8.0", "beginner"),
        ("advanced-tie", "A course on channels", "7.5", "advanced"),
        ("beginner-tie", "Z course on sockets", "7.5", "beginner"),
        ("beta-title", "Beta sockets", "7.0", "beginner"),
        ("alpha-title", "Alpha sockets", "7.0", "beginner"),
    ]
    for slug, title, rating, level in made:
        CourseFactory(slug=slug, title=title, rating=rating, level=level, topics=["phoenix"])
    CourseFactory(slug="retired", title="Phoenix", rating="9.9", topics=["phoenix"], live=False)
    answer = find("top phoenix")
    assert answer.intent.best
    # The 8.8/10 course only tagged Phoenix comes before the 8.4/10 one named after it.
    assert [pick.course.slug for pick in answer.picks[:2]] == ["tagged-high", "named-lower"]
    facts = [
        CourseFacts(course)
        for course in Course.objects.live().filter(slug__in=[m[0] for m in made])
    ]
    ranked = [fact.course.slug for fact in rank(facts, answer.intent, set())]
    assert ranked == [
        "tagged-high",  # 8.8
        "named-lower",  # 8.4
        "named-tie",  # 8.0, named after the topic: the better fit
        "tagged-tie",  # 8.0, only tagged
        "beginner-tie",  # 7.5, same fit: the gentler level first
        "advanced-tie",  # 7.5
        "alpha-title",  # 7.0, same fit and level: by title
        "beta-title",  # 7.0
    ]
    # Without "best" the course named after the topic comes first, whatever its rating.
    assert find("phoenix").picks[0].course.slug == "named-lower"


def test_parse_prefers_longer_phrases():
    topics = ["drf", "django", "rest-apis", "data-science"]
    assert parse("django rest framework", topics).topics == ["drf"]
    assert parse("django rest apis", topics).topics == ["django", "rest-apis"]
    assert parse("data science", topics).topics == ["data-science"]
    providers = [("freecodecamp", "freeCodeCamp"), ("testdriven-io", "TestDriven.io")]
    assert parse("free code camp", topics, providers).providers == ["freecodecamp"]
    assert parse("free code camp", topics, providers).price_models == []
    # A provider is read by its name as well as its slug, in any case.
    assert parse("FreeCodeCamp python", topics, providers).providers == ["freecodecamp"]
    assert parse("testdriven.io django", topics, providers).providers == ["testdriven-io"]


def test_finder_page_answers_without_javascript_and_logs_the_request(client, demo_catalogue):
    response = client.get(demo_catalogue.url + "finder/", {"q": "best python course for beginners"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "beginner · Python · rated 9.6/10 · free" in html
    assert 'href="/courses/cs50-introduction-to-programming-with-python/"' in html
    assert "We read your request as: topic: Python; level: beginner; best first." in html
    logged = FinderRequest.objects.get()
    assert logged.query == "best python course for beginners"
    assert logged.intent["topics"] == ["python"] and logged.results_count == 5
    assert logged.via == "page"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_finder_json_endpoint_gives_the_same_answer(client, demo_catalogue):
    response = client.get(
        demo_catalogue.url + "finder/json/", {"q": "compare django courses on udemy"}
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["intent"]["compare"] is True and data["intent"]["providers"] == ["udemy"]
    first = data["results"][0]
    assert first["slug"] == "coding-for-entrepreneurs-python-django" and first["exact"]
    assert first["url"] == "/courses/coding-for-entrepreneurs-python-django/"
    assert first["explanation"] == "beginner · Django · rated 9.0/10 · paid"
    assert first["provider"] == "Udemy"
    assert 2 <= len(data["results"]) <= 4
    assert data["compare_url"].startswith("/courses/compare/?course=coding-for-entrepreneurs")
    assert FinderRequest.objects.get().via == "json"


def test_compare_intent_shows_courses_side_by_side(client, demo_catalogue):
    html = client.get(demo_catalogue.url + "finder/", {"q": "compare data science courses"}).content
    html = html.decode()
    assert "<caption>The top matches side by side</caption>" in html
    table = html.split("<table", 1)[1].split("</table>", 1)[0]
    assert table.count('<th scope="col">') == 4
    assert "Our rating" in table and "Last reviewed" in table


def test_compare_view_takes_two_to_four_courses(client, demo_catalogue):
    url = demo_catalogue.url + "compare/"
    pair = client.get(url, {"course": ["django-girls-tutorial", "complete-python-bootcamp"]})
    html = pair.content.decode()
    assert html.count('<th scope="col">') == 2
    assert "Django Girls Tutorial" in html and "8.6/10" in html and "8.8/10" in html

    five = [
        "django-girls-tutorial",
        "complete-python-bootcamp",
        "docker-mastery",
        "kaggle-learn-pandas",
        "flask-for-nobody",
    ]
    html = client.get(url, {"course": five}).content.decode()
    assert "We compare up to 4 courses at a time" in html
    assert html.count('<th scope="col">') == 4

    for bad in [{}, {"course": "nope"}, {"course": ["docker-mastery", "x" * 3000]}]:
        response = client.get(url, bad)
        assert response.status_code == 200
        assert "Choose 2 to 4 courses to compare" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Ask for a course in your own words"),
        ("the of and to for", "We could not tell what you would like to learn"),
        ("🙂🙂🙂", "We could not tell what you would like to learn"),
        ("cooking courses", "No course mentions “cooking”"),
        ("python " * 300, "we read only its first 200 characters"),
        ("a" * 2000, "we read only its first 200 characters"),
        ("<script>alert(1)</script>", "No course mentions “alert”"),
    ],
)
def test_bad_finder_requests_get_a_helpful_message(client, demo_catalogue, query, message):
    for path in ["finder/", "finder/json/"]:
        response = client.get(demo_catalogue.url + path, {"q": query})
        assert response.status_code == 200
        assert message in response.content.decode("unicode_escape" if "json" in path else "utf-8")
    assert (
        "<script>alert"
        not in client.get(demo_catalogue.url + "finder/", {"q": query}).content.decode()
    )
    assert all(len(r.query) <= 500 for r in FinderRequest.objects.all())


def test_finder_box_is_on_the_home_page_and_the_catalogue(client, demo_catalogue):
    for url in ["/", demo_catalogue.url]:
        html = client.get(url).content.decode()
        assert 'action="/courses/finder/"' in html
        assert 'data-finder-answer="/courses/finder/answer/"' in html
        assert '<label for="finder-q">' in html
        assert "js/course-finder.js" in html


@pytest.mark.smoke
def test_catalogue_finder_and_course_pages_work_on_the_demo_site(client, demo_catalogue):
    """Part of the SQLite smoke run too: the embedded default serves the whole catalogue."""
    finder = client.get(demo_catalogue.url + "finder/", {"q": "best python course for beginners"})
    assert "CS50&#x27;s Introduction to Programming with Python" in finder.content.decode()
    data = client.get(demo_catalogue.url + "finder/json/", {"q": "free data science"}).json()
    assert data["results"][0]["slug"] == "data-analysis-with-python-freecodecamp"
    for url in [
        demo_catalogue.url,
        demo_catalogue.url + "?topic=django&level=beginner&sort=reviewed&page=1",
        demo_catalogue.url + "web-application-technologies-and-django/",
        demo_catalogue.url + "compare/?course=django-girls-tutorial&course=docker-mastery",
    ]:
        assert client.get(url).status_code == 200, url
    course_page = client.get(demo_catalogue.url + "web-application-technologies-and-django/")
    assert (
        "Django: the web framework behind Instagram and Pinterest" in course_page.content.decode()
    )


def test_control_characters_never_reach_the_database(client, demo_catalogue):
    response = client.get(demo_catalogue.url + "finder/", {"q": "py\x00thon\x07 for beginners"})
    assert response.status_code == 200
    assert FinderRequest.objects.get().query == "python for beginners"
    assert "beginner · Python" in response.content.decode()
    compare = client.get(demo_catalogue.url + "compare/", {"course": ["docker\x00", "x\x00y"]})
    assert compare.status_code == 200
    catalogue = client.get(demo_catalogue.url, {"topic": "dja\x00ngo", "page": "\x00"})
    assert catalogue.status_code == 404  # not a page number: a 404 that says so
    assert "is not a page number" in catalogue.content.decode()
