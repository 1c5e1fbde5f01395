"""Demo guides, grouped by category.

Each guide's body is written with the body builders (``guides/body.py``), the same ones the
factories and the content generator use, in a function of ``course``: the loader passes one that
gives the loaded Course for a slug of ``demo.demo_content.courses.COURSES``.
"""

from guides.body import callout, code, course_list, faq, paragraph, quote, section, table

# --- Code samples --------------------------------------------------------------------------

DJANGO_MODEL_CODE = """\
# blog/models.py
from django.conf import settings
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    body = models.TextField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return self.title


# blog/admin.py
from django.contrib import admin

from .models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "published_at"]
    list_filter = ["published_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
"""

DJANGO_VIEW_CODE = """\
# blog/views.py
from django.shortcuts import get_object_or_404, render

from .models import Post


def post_detail(request, slug):
    post = get_object_or_404(Post.objects.select_related("author"), slug=slug)
    return render(request, "blog/post_detail.html", {"post": post})


# blog/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.post_detail, name="post-detail"),
]
"""

FLASK_APP_CODE = """\
# app.py
from flask import Flask, abort, jsonify

app = Flask(__name__)

BOOKS = {1: {"id": 1, "title": "Fluent Python"}}


@app.get("/books/<int:book_id>")
def get_book(book_id):
    book = BOOKS.get(book_id)
    if book is None:
        abort(404)
    return jsonify(book)
"""

FLASK_FACTORY_CODE = """\
# myapp/__init__.py
from flask import Flask

from .extensions import db, migrate


def create_app(config_object="myapp.config.Production"):
    app = Flask(__name__)
    app.config.from_object(config_object)

    db.init_app(app)
    migrate.init_app(app, db)

    from .books import bp as books_bp

    app.register_blueprint(books_bp, url_prefix="/books")
    return app
"""

FASTAPI_APP_CODE = """\
# main.py
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Bookshelf API")


class BookIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    year: int | None = None


class BookOut(BookIn):
    id: int


BOOKS: dict[int, BookOut] = {}


@app.post("/books", response_model=BookOut, status_code=201)
async def create_book(book: BookIn) -> BookOut:
    new = BookOut(id=len(BOOKS) + 1, **book.model_dump())
    BOOKS[new.id] = new
    return new


@app.get("/books/{book_id}", response_model=BookOut)
async def read_book(book_id: int) -> BookOut:
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    return BOOKS[book_id]
"""

FASTAPI_DEPENDS_CODE = """\
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from .database import SessionLocal


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


DbSession = Annotated[Session, Depends(get_db)]


@app.get("/authors")
def list_authors(db: DbSession):
    return db.query(Author).order_by(Author.name).all()
"""

DRF_CODE = """\
# books/serializers.py
from rest_framework import serializers

from .models import Book


class BookSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = Book
        fields = ["id", "title", "author", "author_name", "published"]


# books/views.py
from rest_framework import permissions, viewsets


class BookViewSet(viewsets.ModelViewSet):
    serializer_class = BookSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        return Book.objects.select_related("author").order_by("title")


# project/urls.py
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.register("books", BookViewSet, basename="book")
urlpatterns = router.urls
"""

DRF_SETTINGS_CODE = """\
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/hour", "user": "1000/hour"},
}
"""

PYTHON_BASICS_CODE = """\
from dataclasses import dataclass
from functools import wraps


@dataclass
class Article:
    title: str
    words: int
    tags: list[str]

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 230))


def log_calls(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__}")
        return func(*args, **kwargs)

    return wrapper


@log_calls
def long_reads(articles: list[Article]) -> list[str]:
    return [a.title for a in articles if a.reading_minutes >= 10]
"""

PYTHON_VENV_CODE = """\
python3 -m venv .venv
source .venv/bin/activate
python -m pip install --upgrade pip
python -m pip install django pytest ruff
python -m pip freeze > requirements.txt
"""

PYTEST_CODE = """\
# pricing.py
def apply_discount(price: float, percent: int) -> float:
    if not 0 <= percent <= 100:
        raise ValueError("percent must be between 0 and 100")
    return round(price * (100 - percent) / 100, 2)


# test_pricing.py
import pytest

from pricing import apply_discount


@pytest.mark.parametrize(
    ("price", "percent", "expected"),
    [(100.0, 0, 100.0), (100.0, 25, 75.0), (19.99, 10, 17.99)],
)
def test_apply_discount(price, percent, expected):
    assert apply_discount(price, percent) == expected


def test_rejects_out_of_range_percent():
    with pytest.raises(ValueError):
        apply_discount(10.0, 120)
"""

DJANGO_TEST_CODE = """\
import pytest
from django.urls import reverse

from blog.models import Post


@pytest.fixture
def post(django_user_model):
    author = django_user_model.objects.create_user("ada", password="s3cret-pass")
    return Post.objects.create(title="Hello", slug="hello", author=author, body="Hi")


@pytest.mark.django_db
def test_post_detail_renders_title(client, post):
    response = client.get(reverse("post-detail", args=[post.slug]))
    assert response.status_code == 200
    assert "Hello" in response.content.decode()
"""

DEPLOY_SETTINGS_CODE = """\
# settings/production.py
import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

DATABASES = {"default": dj_database_url.config(conn_max_age=600)}

STATIC_ROOT = BASE_DIR / "staticfiles"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
"""

DEPLOY_RELEASE_CODE = """\
# Run on every release, before the new code takes traffic
python manage.py check --deploy --fail-level WARNING
python manage.py migrate --noinput
python manage.py collectstatic --noinput

# Start the application server (the platform or systemd usually does this)
gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --workers 3 --timeout 30
"""

DOCKERFILE_CODE = """\
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN python manage.py collectstatic --noinput

RUN useradd --create-home appuser
USER appuser

CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
"""

SQL_JOIN_CODE = """\
-- Top ten authors by number of published posts in 2026
SELECT a.name,
       COUNT(p.id)         AS posts,
       MAX(p.published_at) AS latest
FROM authors AS a
JOIN posts   AS p ON p.author_id = a.id
WHERE p.published_at >= DATE '2026-01-01'
GROUP BY a.name
HAVING COUNT(p.id) >= 3
ORDER BY posts DESC
LIMIT 10;
"""

SQL_EXPLAIN_CODE = """\
EXPLAIN ANALYZE
SELECT * FROM posts WHERE author_id = 42 ORDER BY published_at DESC LIMIT 20;

-- A composite index that matches both the filter and the sort order
CREATE INDEX posts_author_published_idx ON posts (author_id, published_at DESC);
"""

SQL_PARAMS_CODE = """\
import sqlite3

conn = sqlite3.connect("shop.db")
email = input("Customer email: ")

# Never build SQL with f-strings: the driver escapes parameters for you.
rows = conn.execute(
    "SELECT id, total FROM orders WHERE customer_email = ? ORDER BY created_at DESC",
    (email,),
).fetchall()
"""

PANDAS_BASICS_CODE = """\
import pandas as pd

orders = pd.read_csv("orders.csv", parse_dates=["created_at"])

print(orders.shape)
print(orders.dtypes)
print(orders.head())

big_orders = orders.loc[orders["total"] > 100, ["customer_id", "total", "created_at"]]

monthly = (
    orders.assign(month=orders["created_at"].dt.to_period("M"))
    .groupby("month")
    .agg(revenue=("total", "sum"), orders=("id", "count"))
    .reset_index()
)
"""

PANDAS_MERGE_CODE = """\
customers = pd.read_csv("customers.csv")

enriched = orders.merge(
    customers[["id", "country"]],
    left_on="customer_id",
    right_on="id",
    how="left",
    suffixes=("", "_customer"),
    validate="many_to_one",
)

by_country = enriched.pivot_table(
    index="country", values="total", aggfunc=["sum", "mean"], fill_value=0
)
"""


# --- Guides --------------------------------------------------------------------------------


def django_guide_body(course):
    return [
        section(
            "From a small-town newspaper to the world's biggest apps",
            paragraph(
                "<p>Django started life around 2003 in the newsroom of the <em>Lawrence "
                "Journal-World</em>, a daily paper in Kansas, where a small team had to "
                "turn out new web features on news deadlines. It was released as open "
                "source in 2005, and that origin still shows: the framework is built to "
                "get a working, database-backed site in front of users quickly, and to "
                "keep it maintainable afterwards.</p>"
            ),
            paragraph(
                "<p>Two decades later the same framework sits behind Instagram's "
                "enormous photo pipeline and Pinterest's service to hundreds of millions "
                "of people, and it has powered parts of The Washington Post, Mozilla and "
                "Disqus. Few open-source projects span such a range, from a weekend side "
                "project to some of the highest-traffic products ever built.</p>"
            ),
            quote(
                "The web framework for perfectionists with deadlines.",
                attribution="The Django project's long-standing tagline",
            ),
            paragraph(
                "<p>This guide is for anyone sizing Django up for a new build, or wondering "
                "if it deserves months of study. We explain what the framework "
                "gives you, how its parts fit together, the projects it suits and the "
                "ones it doesn't, and which courses we think make you productive "
                "fastest.</p>"
            ),
        ),
        section(
            "What Django actually is",
            paragraph(
                "<p>Django is a high-level web framework written in Python. Its "
                "philosophy is usually summed up as <strong>batteries included</strong>: "
                "an object-relational mapper, database migrations, an automatic admin, "
                "user authentication, forms, URL routing, templating and a stack of "
                "security middleware all come in the box and are designed to work "
                "together. You spend your time on the parts of the product that are "
                "unique to you rather than gluing libraries together.</p>"
            ),
            paragraph(
                "<p>Django describes its own structure as <strong>model-template-view "
                "(MTV)</strong>. Models describe your data, views hold the logic that "
                "answers a request, and templates render the response. If you know MVC "
                "from other frameworks, the mapping is simple: Django's view plays the "
                "controller's role and its template is the presentation layer.</p>"
            ),
            paragraph(
                "<p>Flask and FastAPI take the opposite approach. They give you routing "
                "and request handling, then leave the database layer, authentication and "
                "admin tooling for you to choose. That freedom is valuable for small "
                "services; for applications with user accounts, relational data and "
                "editorial workflows, Django's integrated defaults usually save weeks. "
                "Because it is plain Python, you also keep access to the whole ecosystem: "
                "Celery for background jobs, boto3 for AWS, pandas and scikit-learn for "
                "data work.</p>"
            ),
            table(
                [
                    ["Feature", "Django", "Flask", "FastAPI"],
                    ["Philosophy", "Batteries included", "Microframework", "API-first"],
                    ["ORM and migrations", "Built in", "Add-on (SQLAlchemy)", "Add-on"],
                    ["Admin interface", "Built in", "Add-on", "None"],
                    ["Async support", "Partial, growing", "Limited", "Native (ASGI)"],
                    [
                        "API docs",
                        "Via DRF and add-ons",
                        "Via add-ons",
                        "Automatic OpenAPI",
                    ],
                    [
                        "Best for",
                        "Full web apps, CMSes, SaaS",
                        "Small apps, custom stacks",
                        "High-I/O JSON APIs",
                    ],
                ],
                caption="Django, Flask and FastAPI at a glance",
                header_column=True,
            ),
        ),
        section(
            "Django's architecture: how the pieces fit",
            paragraph(
                "<h3>Models and the ORM</h3><p>A model is a Python class whose attributes "
                "become table columns. Run <code>makemigrations</code> and Django writes "
                "a migration file describing the schema change; run <code>migrate</code> "
                "and it applies it. Those migration files live in version control, so a "
                "whole team can evolve the database safely. Querysets cover filtering, "
                "ordering, aggregation and annotation, and "
                "<code>select_related</code>/<code>prefetch_related</code> deal with "
                "related rows efficiently. When you truly need hand-written SQL, "
                "<code>raw()</code> and direct cursors are there.</p>"
            ),
            code(DJANGO_MODEL_CODE),
            paragraph(
                "<h3>Views and URL routing</h3><p>A view takes an <code>HttpRequest</code> "
                "and returns an <code>HttpResponse</code>. It can be a plain function or "
                "a class-based view; the generic class-based views for listing, "
                "displaying, creating, updating and deleting objects remove a lot of "
                "repetition once you understand how they inherit from one another. A "
                "project's <code>urls.py</code> connects URL patterns, written with "
                "path converters such as <code>&lt;slug:slug&gt;</code>, to those "
                "views.</p>"
            ),
            code(DJANGO_VIEW_CODE),
            paragraph(
                "<h3>Templates</h3><p>The template language is deliberately restricted: "
                "you can loop, branch and apply filters, but you cannot run arbitrary "
                "Python. That keeps business rules in views and models where they can be "
                "tested. A base layout defined once can be reused by every page through "
                "<code>{% extends %}</code>, with each page overriding only the "
                "<code>{% block %}</code> sections it needs.</p>"
            ),
            paragraph(
                "<h3>The admin</h3><p>Register a model and Django builds a complete "
                "back-office screen for it, with search, filters, bulk actions and a "
                "change history. It is not designed for your customers, but for internal "
                "teams and editors it often replaces weeks of custom CRUD work.</p>"
                "<h3>Security by default</h3><p>Protection against cross-site request "
                "forgery, cross-site scripting, SQL injection and clickjacking is on "
                "unless you switch it off. The auth system ships with login, logout, "
                "password reset, password hashing and sessions, so you avoid the most "
                "common mistakes of hand-rolled authentication.</p>"
            ),
            callout(
                "<p>Install <code>django-debug-toolbar</code> on day one. "
                "Seeing the SQL each page runs is the quickest way to learn the ORM "
                "and to spot the N+1 query problems that "
                "<code>select_related</code> fixes.</p>"
            ),
        ),
        section(
            "Where Django fits, and where it struggles",
            paragraph(
                "<p>Django is at its best on projects shaped like these:</p><ul>"
                "<li><strong>Content platforms and CMSes.</strong> The ORM plus the "
                "admin is a strong foundation for editorial workflows; Wagtail, the CMS "
                "this site runs on, is built on Django.</li>"
                "<li><strong>SaaS products.</strong> Accounts, permissions, billing "
                "integrations and dashboards are everyday Django territory.</li>"
                "<li><strong>REST APIs.</strong> Django REST Framework is the standard "
                "choice, with mature serializers, viewsets and permissions.</li>"
                "<li><strong>Internal data tools.</strong> Direct access to pandas, "
                "NumPy and scikit-learn makes reporting and ML-backed features easy.</li>"
                "<li><strong>Marketplaces and e-commerce.</strong> Companies such as "
                "Eventbrite and Pinterest have run Django at serious scale.</li></ul>"
            ),
            paragraph(
                "<p>It is a weaker match in a few places:</p><ul>"
                "<li><strong>Real-time features.</strong> Django Channels adds "
                "WebSockets, but also an ASGI server and usually Redis to operate.</li>"
                "<li><strong>Pure, I/O-heavy APIs.</strong> A FastAPI service written "
                "async from the ground up is a simpler design when most of the work is "
                "waiting on other services.</li>"
                "<li><strong>Tiny services and scripts.</strong> If you need three "
                "endpoints and no database, Django's structure is overhead.</li></ul>"
            ),
            paragraph(
                "<p>In practice those limits bite later and less often than online "
                "arguments imply. A new product built on Django in 2026 can grow for "
                "years before its framework becomes the bottleneck, and Instagram's "
                "engineering posts show how far careful query tuning can take it.</p>"
            ),
        ),
        section(
            "A learning sequence that works",
            paragraph(
                "<ol><li><strong>Get comfortable with core Python.</strong> Functions, "
                "classes, modules and imports, list comprehensions and exceptions. Developers "
                "who already know another language usually need about two focused "
                "weeks.</li>"
                "<li><strong>Build one complete project.</strong> A blog, a to-do list "
                "or a small API, following a single course from start to finish.</li>"
                "<li><strong>Go back to the official docs.</strong> Django's "
                "documentation is excellent, and it reads far better once you have used "
                "the features it describes.</li>"
                "<li><strong>Learn Django REST Framework.</strong> Serializers, "
                "viewsets, permissions and token or JWT authentication come up in most "
                "Django job descriptions.</li>"
                "<li><strong>Deploy it.</strong> Put the project on Render, Railway, "
                "Fly.io or a small VPS. Environment variables, static files and a real "
                "database teach lessons local development never will.</li></ol>"
            ),
            callout(
                "<p>The most common trap is tutorial hopping: months of "
                "half-finished courses and nothing online. Hiring managers respond "
                "to a live URL and a tidy repository far more than to a list of "
                "certificates.</p>",
                tone="warning",
            ),
        ),
        course_list(
            [
                course("web-application-technologies-and-django"),
                course("coding-for-entrepreneurs-python-django"),
                course("django-features-and-libraries"),
                course("advanced-django-introduction-to-drf"),
                course("django-application-development-with-sql-and-databases"),
                course("advanced-django-advanced-drf"),
            ],
            heading="Top Django courses",
            notes=[
                "Our first choice: builds HTTP, SQL and Django understanding together.",
                "Fastest route from nothing to a working product.",
                "Take it once you have one app behind you.",
                "Essential for backend and full-stack roles.",
                "Makes the ORM click if SQL is new to you.",
                "Pagination, throttling and nested serializers for real APIs.",
            ],
        ),
        faq(
            [
                (
                    "Is Django still worth learning in 2026?",
                    "<p>Yes. Django keeps ranking among the most popular web frameworks in Stack "
                    "Overflow's annual survey of developers, and the growth of Python in AI and "
                    "data work keeps employers looking for Python web developers. We see no "
                    "sign of hiring demand fading, for backend or full-stack Python roles.</p>",
                ),
                (
                    "Do I need to know Python before learning Django?",
                    "<p>You do. Django expects you to read and write ordinary Python "
                    "comfortably: classes, functions and modules. Decorators, metaclasses "
                    "and async can wait. Learners who tackle Python and Django at the same "
                    "time tend to end up confused about both.</p>",
                ),
                (
                    "Django vs Flask vs FastAPI — which should I choose?",
                    "<p>Pick <strong>Django</strong> for a user-facing app with a database, "
                    "accounts, an admin or content management. Pick <strong>Flask</strong> "
                    "when the project is small or specialised and you want to choose every "
                    "component. Pick <strong>FastAPI</strong> for a pure API that benefits "
                    "from async I/O and automatic OpenAPI docs. If you are unsure and need "
                    "to ship, Django is the safest default.</p>",
                ),
                (
                    "How long does it take to get a job with Django?",
                    "<p>Starting from no programming experience, plan on roughly 12 to 18 "
                    "months of steady work. If you already write Python or another backend "
                    "language, three to six months of building real Django projects is a "
                    "realistic runway before applying for junior roles.</p>",
                ),
                (
                    "What salary can I expect as a Django developer?",
                    "<p>In the United States, pay typically runs from about $85,000 for "
                    "entry-level roles to $160,000 or more for senior engineers at "
                    "companies with deep pockets, with the top of the range in data-heavy "
                    "businesses, ML platforms and fintech. Remote hiring has narrowed the gap "
                    "between major tech hubs and everywhere else.</p>",
                ),
                (
                    "Is Django good for building REST APIs?",
                    "<p>Yes, with Django REST Framework. DRF takes care of serializing data, "
                    "authenticating callers (JWT included), enforcing permissions, rate limiting "
                    "and paginating, and it has been proven at companies like Instagram and "
                    "Disqus. It is wordier than FastAPI for a trivial endpoint, but more complete "
                    "when an API has many roles and fine-grained access rules.</p>",
                ),
            ],
            heading="FAQ",
        ),
        section(
            "Bottom line",
            paragraph(
                "<p>Django is opinionated and mature, and it exists to let you build "
                "database-driven web applications without reinventing the plumbing. The "
                "admin, the ORM and migrations, authentication and secure defaults are "
                "real advantages. It is also heavier than you need for a tiny "
                "microservice and less natural than FastAPI for fully async APIs, and "
                "it is worth knowing that before you commit.</p>"
            ),
            paragraph(
                "<p>If you are learning backend development in 2026, Django is among the "
                "best bets for getting hired, and Python's central place in data and "
                "machine learning keeps that demand steady. Whatever you study, finish "
                "by shipping: a live app with a working API on a public URL counts for "
                "more in a job search than a stack of certificates.</p>"
            ),
            paragraph(
                "<p>For a structured start, take <strong>Web Application Technologies "
                "and Django</strong> on Coursera. If you would rather have a working "
                "product as soon as possible, choose <strong>Coding for Entrepreneurs"
                "</strong> on Udemy.</p>"
            ),
        ),
    ]


DJANGO_GUIDE = {
    "slug": "django-web-framework",
    "title": "Django: the web framework behind Instagram and Pinterest",
    "standfirst": (
        "Born in a Kansas newsroom and now running some of the busiest sites on the internet, "
        "Django is the pragmatic default for database-backed Python web apps. Here is how it "
        "works, when to choose it, and how to learn it."
    ),
    "search_description": (
        "How Django works, when to choose it for a database-backed Python web app, and "
        "the courses that teach it best, ranked."
    ),
    "author": "Maya Okafor",
    "first_published": "2026-03-02",
    "last_reviewed": "2026-10-20",
    "tags": ["django", "python", "web-frameworks", "web-development"],
    "featured": True,
    "body": django_guide_body,
}


def flask_guide_body(course):
    return [
        section(
            "What Flask is",
            paragraph(
                "<p>Flask was written by Armin Ronacher and released in 2010, famously "
                "growing out of an April Fools' joke about a framework in a single file. "
                "It is now maintained by the Pallets project and sits on two sturdy "
                "libraries from the same family: <strong>Werkzeug</strong> for the WSGI "
                "and HTTP plumbing, and <strong>Jinja</strong> for templates.</p>"
            ),
            paragraph(
                "<p>The core is intentionally small. You get URL routing, request and "
                "response objects, sessions, a development server and a test client. "
                "There is no ORM, no form library, no admin and no user model. Those "
                "come from extensions such as Flask-SQLAlchemy, Flask-Migrate, "
                "Flask-WTF and Flask-Login, or from any Python library you prefer.</p>"
            ),
            paragraph(
                "<p>Because so little is hidden, Flask is one of the best ways to "
                "understand how a web application actually works. Every decorator maps "
                "to a visible piece of behaviour, and a complete API can fit on one "
                "screen.</p>"
            ),
            code(FLASK_APP_CODE),
        ),
        section(
            "Growing a Flask project without making a mess",
            paragraph(
                "<p>Single-file apps are perfect for learning and for tiny services, but "
                "a real project needs structure. The two patterns to learn early are "
                "the <strong>application factory</strong>, a function that builds and "
                "configures the app so tests and production can create their own "
                "instances, and <strong>blueprints</strong>, which group related routes, "
                "templates and static files into reusable modules.</p>"
            ),
            code(FLASK_FACTORY_CODE),
            paragraph(
                "<p>Extensions follow the same <code>init_app</code> convention, so "
                "they can be created once in an <code>extensions.py</code> module and "
                "bound to whichever app the factory produces. Keep configuration in "
                "classes or environment variables rather than scattered through the "
                "code, and your app will move from laptop to server without edits.</p>"
            ),
            callout(
                "<p>Never run <code>flask run</code> or "
                "<code>app.run(debug=True)</code> in production. The debugger lets "
                "anyone who can trigger an error execute code on your server. Serve "
                "the app with Gunicorn or another WSGI server instead.</p>",
                tone="warning",
            ),
        ),
        section(
            "When to choose Flask",
            paragraph(
                "<p>Flask shines for small JSON APIs, internal tools, prototypes, "
                "webhooks and machine-learning model endpoints, and whenever you want "
                "to pair Python with a database or auth system Django doesn't favour. "
                "It is also common in data teams, where a dashboard or a prediction "
                "service needs a thin web layer and nothing more.</p>"
            ),
            paragraph(
                "<p>The cost of freedom appears as projects grow. Once you have added "
                "an ORM, migrations, forms, authentication, an admin panel and "
                "permissions, you have rebuilt a framework, and it is one that only "
                "your team knows. If a product clearly needs those pieces from the "
                "start, Django is usually the better investment; if it needs a fast "
                "typed API, look at FastAPI.</p>"
            ),
        ),
        course_list(
            [
                course("rest-apis-with-flask-and-python"),
                course("100-days-of-code-python-bootcamp"),
                course("python-and-flask-bootcamp"),
            ],
            heading="Best Flask courses",
            notes=[
                "The most complete path to production-quality Flask APIs.",
                "Several Flask projects inside a broader Python bootcamp.",
                "Gentle introduction to server-rendered Flask sites.",
            ],
        ),
        faq(
            [
                (
                    "Is Flask easier than Django?",
                    "<p>It is easier to start, because there is less to learn before your "
                    "first page appears. It is not always easier to finish: you make more "
                    "decisions yourself, and large Flask codebases need discipline.</p>",
                ),
                (
                    "Can Flask handle async code?",
                    "<p>Since Flask 2.0 you can write <code>async def</code> views, but "
                    "Flask still runs on WSGI, so each request occupies a worker. If async "
                    "throughput is the main goal, FastAPI or Quart is a better fit.</p>",
                ),
                (
                    "Is Flask used in production?",
                    "<p>Widely. Plenty of companies run Flask APIs and internal services, "
                    "and it remains one of the most downloaded Python web frameworks.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


FLASK_GUIDE = {
    "slug": "flask-microframework",
    "title": "Flask: the small framework that lets you choose everything",
    "standfirst": (
        "Flask gives you routing, templates and a request object, then gets out of the way. "
        "That makes it a great teacher and a sharp tool for small services, provided you "
        "know when to stop adding extensions."
    ),
    "search_description": (
        "Flask gives you routing, templates and a request object, then gets out of the "
        "way. When to choose it, which extensions to add, how to learn it."
    ),
    "author": "Daniel Brenner",
    "first_published": "2026-03-16",
    "last_reviewed": "2026-09-28",
    "tags": ["flask", "python", "web-frameworks", "rest-apis"],
    "featured": False,
    "body": flask_guide_body,
}


def fastapi_guide_body(course):
    return [
        section(
            "What makes FastAPI different",
            paragraph(
                "<p>FastAPI was created by Sebastián Ramírez and first released in 2018. "
                "It is built on <strong>Starlette</strong>, a lightweight ASGI toolkit, "
                "and <strong>Pydantic</strong>, which validates data against Python type "
                "annotations. You describe request bodies and responses as typed "
                "classes, and the framework checks input, converts types and produces "
                "helpful error messages for you.</p>"
            ),
            paragraph(
                "<p>The same type information feeds an OpenAPI schema, so every app gets "
                "interactive documentation at <code>/docs</code> (Swagger UI) and "
                "<code>/redoc</code> without extra work. Front-end teams can try "
                "endpoints in the browser, and client libraries can be generated from "
                "the schema.</p>"
            ),
            code(FASTAPI_APP_CODE),
            paragraph(
                "<p>Run it with <code>uvicorn main:app --reload</code> and open "
                "<code>http://127.0.0.1:8000/docs</code>. Posting an empty title returns "
                "a 422 response explaining exactly which field failed, and you wrote no "
                "validation code.</p>"
            ),
        ),
        section(
            "Async: where it helps and where it hurts",
            paragraph(
                "<p>FastAPI runs on ASGI, so an <code>async def</code> endpoint can wait "
                "on a database, an HTTP call or a queue without tying up a worker. For "
                "services that spend most of their time waiting on other services, this "
                "allows many concurrent requests on modest hardware.</p>"
            ),
            paragraph(
                "<p>The benefit only appears if the libraries you call are async too: "
                "<code>httpx</code> rather than <code>requests</code>, an async database "
                "driver such as <code>asyncpg</code>. CPU-heavy work gets no faster from "
                "async at all and belongs in a task queue or a process pool.</p>"
            ),
            callout(
                "<p>A blocking call inside an <code>async def</code> "
                "endpoint freezes the whole event loop. If a function uses a "
                "synchronous library, declare it with a plain <code>def</code>; "
                "FastAPI will run it in a thread pool for you.</p>",
                tone="warning",
            ),
        ),
        section(
            "Structuring a real FastAPI service",
            paragraph(
                "<p>FastAPI is deliberately unopinionated about databases. A common "
                "stack is SQLAlchemy (or SQLModel, from the same author) for the ORM, "
                "Alembic for migrations, and Pydantic settings for configuration. Split "
                "endpoints into <code>APIRouter</code> modules the way you would use "
                "blueprints in Flask.</p>"
            ),
            paragraph(
                "<p>The feature that holds it all together is <strong>dependency "
                "injection</strong>. A dependency is just a function that FastAPI calls "
                "before your endpoint, which makes it the natural place for database "
                "sessions, the current user or pagination parameters. In tests you can "
                "swap any dependency through <code>app.dependency_overrides</code>.</p>"
            ),
            code(FASTAPI_DEPENDS_CODE),
            paragraph(
                "<p>What you will not get is an admin site, a user model or built-in "
                "sessions. For a public API consumed by a separate front end that is "
                "fine; for a content-heavy site with editors it is a good reason to "
                "prefer Django.</p>"
            ),
        ),
        course_list(
            [
                course("fastapi-the-complete-course"),
                course("tdd-with-fastapi-and-docker"),
                course("cs50-introduction-to-programming-with-python"),
            ],
            heading="Best FastAPI courses",
            notes=[
                "Best all-round introduction, from first route to auth and tests.",
                "For developers who want a tested, containerised service.",
                "Shore up your Python, type hints included, before you start.",
            ],
        ),
        faq(
            [
                (
                    "Is FastAPI faster than Django?",
                    "<p>For I/O-bound JSON endpoints written fully async, usually yes. For "
                    "most real applications the database dominates response times, so "
                    "query design matters more than the framework.</p>",
                ),
                (
                    "Can FastAPI render HTML pages?",
                    "<p>It can, through Jinja2 templates, but it has no forms library or "
                    "admin. It is at its best serving APIs to a separate front end.</p>",
                ),
                (
                    "Do I need to know async Python first?",
                    "<p>No. You can write ordinary <code>def</code> endpoints and learn "
                    "<code>async</code>/<code>await</code> once you have a reason to.</p>",
                ),
                (
                    "Is FastAPI ready for production?",
                    "<p>Yes. It is used in production by many companies; run it behind "
                    "Uvicorn or Gunicorn with Uvicorn workers and pin your versions, as "
                    "the project still moves quickly.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


FASTAPI_GUIDE = {
    "slug": "fastapi-modern-python-apis",
    "title": "FastAPI: typed, async Python APIs with documentation for free",
    "standfirst": (
        "FastAPI turns Python type hints into validation, serialization and interactive API "
        "docs. It is the quickest way to ship a clean JSON API, as long as you understand "
        "what async does and doesn't buy you."
    ),
    "search_description": (
        "FastAPI turns Python type hints into validation and API docs. How it works, what "
        "async buys you, and the best courses to learn it."
    ),
    "author": "Priya Raman",
    "first_published": "2026-04-07",
    "last_reviewed": "2026-10-12",
    "tags": ["fastapi", "python", "rest-apis", "async"],
    "featured": False,
    "body": fastapi_guide_body,
}


def drf_guide_body(course):
    return [
        section(
            "What DRF adds to Django",
            paragraph(
                "<p>Django REST Framework, created by Tom Christie, is a toolkit for "
                "building Web APIs on top of Django. It keeps everything Django already "
                "gives you, the ORM, auth and admin, and adds the pieces an API needs: "
                "<strong>serializers</strong> that convert model instances to JSON and "
                "validate incoming data, <strong>generic views and viewsets</strong> "
                "that implement the standard list, create, retrieve, update and delete "
                "actions, and <strong>routers</strong> that generate URL patterns.</p>"
            ),
            paragraph(
                "<p>It also ships a <em>browsable API</em>: open an endpoint in a browser "
                "while logged in and you get an HTML page where you can read and submit "
                "data. It is a small thing that makes development and debugging "
                "noticeably faster.</p>"
            ),
            code(DRF_CODE),
        ),
        section(
            "Authentication, permissions and throttling",
            paragraph(
                "<p>DRF separates three questions. <strong>Authentication</strong> "
                "works out who is calling: sessions for a same-site front end, tokens "
                "or JWTs (via the popular <code>djangorestframework-simplejwt</code> "
                "package) for mobile apps and third parties. <strong>Permissions</strong> "
                "decide whether that caller may perform the action, either globally or "
                "per object. <strong>Throttling</strong> limits how often they can try.</p>"
            ),
            paragraph(
                "<p>Set sensible defaults once in settings and override them per view "
                "only where needed. Secure-by-default settings mean a forgotten "
                "<code>permission_classes</code> attribute fails closed rather than "
                "open.</p>"
            ),
            code(DRF_SETTINGS_CODE),
        ),
        section(
            "Performance pitfalls to avoid",
            paragraph(
                "<p>The classic DRF slowdown is the N+1 query: a serializer that reads "
                "<code>book.author.name</code> triggers one extra query per row. Fix it "
                "in <code>get_queryset</code> with <code>select_related</code> for "
                "foreign keys and <code>prefetch_related</code> for many-to-many and "
                "reverse relations.</p>"
            ),
            paragraph(
                "<p>Always paginate list endpoints, and be wary of deeply nested "
                "writable serializers. They are convenient, but the validation and "
                "save logic becomes hard to reason about; flat endpoints with explicit "
                "IDs often age better.</p>"
            ),
            callout(
                "<p>Add <code>drf-spectacular</code> to generate an OpenAPI "
                "schema and Swagger UI from your serializers, which narrows one of "
                "FastAPI's biggest advantages.</p>"
            ),
        ),
        course_list(
            [
                course("advanced-django-introduction-to-drf"),
                course("advanced-django-advanced-drf"),
                course("django-features-and-libraries"),
                course("cs50-web-programming-with-python-and-javascript"),
            ],
            heading="Best Django REST Framework courses",
            notes=[
                "Start here for the core concepts.",
                "The natural follow-up for production work.",
                "Deepens the Django knowledge DRF builds on.",
                "Free projects that pair a Django back end with JavaScript.",
            ],
        ),
        faq(
            [
                (
                    "Should I use DRF or Django Ninja?",
                    "<p>Django Ninja offers a FastAPI-style, type-hint-driven API on "
                    "Django and is pleasant for new projects. DRF has the bigger ecosystem "
                    "and is what you will find in most existing codebases and job ads.</p>",
                ),
                (
                    "Do I need DRF if my front end is server-rendered?",
                    "<p>No. Plain Django views and templates are fine. Add DRF when you "
                    "need a JSON API for a mobile app, a JavaScript front end or "
                    "partners.</p>",
                ),
                (
                    "JWT or session authentication?",
                    "<p>Use sessions when the API serves a front end on the same domain; "
                    "they are simpler and easier to revoke. Use JWTs or tokens for mobile "
                    "clients and third-party integrations.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


DRF_GUIDE = {
    "slug": "django-rest-framework",
    "title": "Django REST Framework: building serious APIs on Django",
    "standfirst": (
        "Most Django jobs today involve an API. Django REST Framework is how almost everyone "
        "builds one: serializers, viewsets, permissions and throttling on top of the ORM "
        "you already know."
    ),
    "search_description": (
        "Build APIs on Django with Django REST Framework: serializers, viewsets, "
        "permissions and throttling, and the courses that teach them best."
    ),
    "author": "Maya Okafor",
    "first_published": "2026-04-21",
    "last_reviewed": "2026-10-20",
    "tags": ["drf", "django", "rest-apis", "python"],
    "featured": False,
    "body": drf_guide_body,
}


def python_fundamentals_guide_body(course):
    return [
        section(
            "What you actually need before a framework",
            paragraph(
                "<p>Every Python web framework assumes you can already read and write "
                "everyday Python. Beginners who jump straight into Django often find "
                "that the framework isn't the hard part; it is the unfamiliar language "
                "underneath. A few weeks on fundamentals pays for itself many times "
                "over.</p>"
            ),
            paragraph(
                "<p>The good news is that the list is short. You need the core data "
                "types and how to loop over them, functions with keyword and default "
                "arguments, classes and inheritance, modules and imports, exceptions, "
                "and comprehensions. Generators, metaclasses and async programming can "
                "wait until a real problem demands them.</p>"
            ),
            table(
                [
                    ["Concept", "Where you will meet it"],
                    ["Dictionaries", "Template context, JSON payloads, settings"],
                    ["Classes and inheritance", "Django models, class-based views"],
                    ["Decorators", "Flask and FastAPI routes, login_required"],
                    ["Modules and imports", "Project layout, apps, blueprints"],
                    ["Exceptions", "404s, validation errors, transactions"],
                    ["Type hints", "FastAPI and Pydantic validation"],
                ],
                caption="Python concepts and where web frameworks use them",
                header_column=True,
            ),
            quote("Readability counts.", attribution="Tim Peters, The Zen of Python (PEP 20)"),
        ),
        section(
            "The patterns frameworks lean on",
            paragraph(
                "<p>Two features deserve extra attention because frameworks use them "
                "constantly. <strong>Classes</strong> are how Django describes models "
                "and forms, and how class-based views share behaviour through "
                "inheritance. <strong>Decorators</strong> are functions that wrap other "
                "functions; once you have written one yourself, "
                "<code>@app.get</code> and <code>@login_required</code> stop looking "
                "like magic.</p>"
            ),
            code(PYTHON_BASICS_CODE),
            paragraph(
                "<p>Get used to f-strings, unpacking, <code>*args</code> and "
                "<code>**kwargs</code>, and the standard library's "
                "<code>pathlib</code>, <code>datetime</code> and <code>json</code> "
                "modules. Type hints are optional in Python, but they make editors far "
                "more helpful and they are required knowledge for FastAPI.</p>"
            ),
        ),
        section(
            "Tooling: environments, packages and linters",
            paragraph(
                "<p>Give every project its own virtual environment so that its "
                "dependencies don't collide with other projects or with your system "
                "Python. Record what you install in a requirements file or a "
                "<code>pyproject.toml</code>. Newer tools such as <code>uv</code> do all "
                "of this faster, but the built-in <code>venv</code> module teaches the "
                "underlying idea.</p>"
            ),
            code(PYTHON_VENV_CODE, language="bash"),
            paragraph(
                "<p>Add a formatter and linter such as Ruff, and learn to run tests with "
                "pytest from the start. These habits cost minutes to set up and make "
                "your code look professional to anyone reviewing your portfolio.</p>"
            ),
            callout(
                "<p>If <code>python</code> and <code>pip</code> seem to "
                "disagree about what is installed, use <code>python -m pip</code>. "
                "It always installs into the interpreter you are actually "
                "running.</p>",
                tone="note",
            ),
        ),
        section(
            "A four-week plan for beginners",
            paragraph(
                "<ol><li><strong>Week 1:</strong> variables, strings, lists, "
                "dictionaries, loops and conditionals. Solve small exercises "
                "daily.</li><li><strong>Week 2:</strong> functions, modules, files and "
                "exceptions. Write a script that reads a CSV file and prints a "
                "summary.</li><li><strong>Week 3:</strong> classes, dataclasses and "
                "decorators. Rewrite your script around a class.</li>"
                "<li><strong>Week 4:</strong> virtual environments, pip, pytest and "
                "calling a web API with <code>requests</code>. Then start your first "
                "Flask or Django tutorial.</li></ol>"
            ),
            paragraph(
                "<p>Experienced developers from JavaScript, Java or C# can compress this "
                "into a week or two, concentrating on what is idiomatic in Python: "
                "comprehensions, context managers and the way modules replace many "
                "uses of classes.</p>"
            ),
        ),
        course_list(
            [
                course("cs50-introduction-to-programming-with-python"),
                course("programming-for-everybody-python"),
                course("scientific-computing-with-python"),
                course("100-days-of-code-python-bootcamp"),
                course("pluralsight-python-fundamentals"),
            ],
            heading="Best Python courses for future web developers",
            notes=[
                "Free, rigorous and the best all-round start.",
                "The gentlest option if you have never coded.",
                "Free interactive practice with certification projects.",
                "A project a day, including Flask web apps.",
                "Fast and idiomatic for developers who know another language.",
            ],
        ),
        faq(
            [
                (
                    "How much Python do I need before learning Django?",
                    "<p>Enough to write a small program with functions, classes and "
                    "modules without looking up syntax. For most people that is four to "
                    "eight weeks of regular practice.</p>",
                ),
                (
                    "Which Python version should I learn?",
                    "<p>Any current Python 3 release. Python 2 reached end of life in "
                    "2020, and the differences between recent 3.x versions won't matter "
                    "while you are learning.</p>",
                ),
                (
                    "Are free courses good enough?",
                    "<p>Yes. CS50P and freeCodeCamp are as good as most paid options. "
                    "Paid courses mainly add structure and, sometimes, more projects.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


PYTHON_FUNDAMENTALS_GUIDE = {
    "slug": "python-fundamentals-for-web-developers",
    "title": "Python fundamentals for web developers",
    "standfirst": (
        "You don't need all of Python to start building web apps, but you need the right "
        "parts. A focused study plan for beginners and for developers arriving from other "
        "languages."
    ),
    "search_description": (
        "The parts of Python you need to build web apps: a focused study plan for "
        "beginners and for developers arriving from other languages."
    ),
    "author": "Tomás Lindqvist",
    "first_published": "2026-02-09",
    "last_reviewed": "2026-11-03",
    "tags": ["python", "beginners", "web-development"],
    "featured": True,
    "body": python_fundamentals_guide_body,
}


def testing_guide_body(course):
    return [
        section(
            "Why testing is worth the effort",
            paragraph(
                "<p>Automated tests are a safety net for change. Upgrading Django, "
                "refactoring a view or fixing a bug at midnight is far less risky when "
                "a few hundred checks run in seconds and tell you what broke. They also "
                "document behaviour in a form that cannot drift out of date.</p>"
            ),
            paragraph(
                "<p>Python ships with <code>unittest</code>, but most teams now use "
                "<strong>pytest</strong>: tests are plain functions, failures use "
                "ordinary <code>assert</code> statements with detailed output, and "
                "fixtures handle setup cleanly. pytest also runs existing unittest "
                "suites, so switching is painless.</p>"
            ),
            code(PYTEST_CODE),
        ),
        section(
            "Fixtures, parametrisation and test doubles",
            paragraph(
                "<p>A <strong>fixture</strong> is a function that prepares something a "
                "test needs, such as a user, a temporary directory or an API client, and "
                "pytest injects it by parameter name. Fixtures can depend on each "
                "other and can be shared across a project in "
                "<code>conftest.py</code>. <strong>Parametrisation</strong> runs the "
                "same test over a table of inputs, which keeps edge cases visible.</p>"
            ),
            paragraph(
                "<p>Use <code>unittest.mock</code> or pytest's <code>monkeypatch</code> "
                "to replace things you don't control, like payment gateways, email and "
                "the clock. Mock at the boundary of your system, not inside it: tests "
                "that mock your own functions tend to pass while the real code "
                "fails.</p>"
            ),
            callout(
                "<p>Run <code>pytest -x --lf</code> while developing. It "
                "stops at the first failure and re-runs only the tests that failed "
                "last time.</p>"
            ),
        ),
        section(
            "Testing Django applications",
            paragraph(
                "<p>Django's own test runner works well, but the "
                "<code>pytest-django</code> plugin brings pytest's style to Django "
                "projects. It provides a test <code>client</code>, a "
                "<code>django_db</code> marker that wraps each test in a transaction "
                "that is rolled back afterwards, and fixtures such as "
                "<code>django_user_model</code>.</p>"
            ),
            code(DJANGO_TEST_CODE),
            paragraph(
                "<p>Aim for many fast tests of models, forms and services, a solid layer "
                "of view tests through the client, and only a handful of browser tests "
                "with Playwright or Selenium for critical journeys like sign-up and "
                "checkout. Libraries like factory_boy keep test data readable as models "
                "grow.</p>"
            ),
        ),
        course_list(
            [
                course("tdd-with-python-testing-goat"),
                course("unit-testing-with-python"),
                course("tdd-with-fastapi-and-docker"),
                course("cs50-introduction-to-programming-with-python"),
            ],
            heading="Best courses on testing Python",
            notes=[
                "The classic free guide to test-driven Django development.",
                "A concise tour of pytest and test doubles.",
                "Test-first API development with CI included.",
                "Introduces pytest early, which few beginner courses do.",
            ],
        ),
        faq(
            [
                (
                    "How much test coverage should I aim for?",
                    "<p>Use coverage to find untested code, not as a target. Around 80% "
                    "with meaningful assertions beats 100% of tests that check nothing.</p>",
                ),
                (
                    "pytest or unittest?",
                    "<p>pytest for new projects. It runs unittest-style tests too, so you "
                    "can migrate an existing suite gradually.</p>",
                ),
                (
                    "Should I practise test-driven development?",
                    "<p>Try it on a real feature. Even if you don't write every test first, "
                    "TDD trains you to design code that is easy to test.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


TESTING_GUIDE = {
    "slug": "testing-python-code",
    "title": "Testing Python code with pytest, from functions to Django views",
    "standfirst": (
        "Tests are what let you change code without fear. A practical introduction to "
        "pytest, fixtures and testing web applications, and the habits that keep a test "
        "suite fast and trustworthy."
    ),
    "search_description": (
        "A practical introduction to pytest, fixtures and testing web applications, and "
        "the habits that keep a test suite fast and trustworthy."
    ),
    "author": "Daniel Brenner",
    "first_published": "2026-05-18",
    "last_reviewed": "2026-10-06",
    "tags": ["testing", "pytest", "python", "django"],
    "featured": False,
    "body": testing_guide_body,
}


def deploy_guide_body(course):
    return [
        section(
            "What changes when you leave runserver",
            paragraph(
                "<p>Deploying a Django project for the first time exposes every shortcut "
                "that development allowed. <code>runserver</code> is single-process and "
                "not hardened; <code>DEBUG = True</code> leaks stack traces and settings; "
                "SQLite struggles with concurrent writes; and the secret key is probably "
                "committed to Git. Production needs a different set of answers.</p>"
            ),
            paragraph(
                "<p>The core rule is that configuration comes from the environment. Keep "
                "a base settings module for shared values and a production module that "
                "reads secrets, hosts and the database URL from environment variables. "
                "The same code can then run on a laptop, in CI and on any host.</p>"
            ),
            code(DEPLOY_SETTINGS_CODE),
            callout(
                "<p>Never deploy with <code>DEBUG = True</code>. Error pages "
                "in debug mode reveal settings, file paths and parts of your source "
                "code to anyone who can trigger an exception.</p>",
                tone="warning",
            ),
        ),
        section(
            "The production stack",
            paragraph(
                "<p>A typical Django deployment has four parts. A <strong>WSGI server"
                "</strong> such as Gunicorn runs several worker processes (or an ASGI "
                "server such as Uvicorn if you use async views or Channels). A "
                "<strong>reverse proxy</strong> or platform router terminates HTTPS. "
                "<strong>Static files</strong> are collected once per release and served "
                "by WhiteNoise or a CDN. <strong>PostgreSQL</strong> is the database "
                "most Django teams choose.</p>"
            ),
            paragraph(
                "<p>Every release should run the same short script: the deployment "
                "checks, migrations, and static file collection, before traffic moves "
                "to the new code. Uploaded media should live in object storage such as "
                "S3 rather than on the server's disk, so servers can be replaced "
                "freely.</p>"
            ),
            code(DEPLOY_RELEASE_CODE, language="bash"),
            callout(
                "<p><code>python manage.py check --deploy</code> audits "
                "your settings against Django's security checklist. Run it in CI "
                "so a missing HTTPS setting fails the build rather than reaching "
                "production.</p>"
            ),
        ),
        section(
            "Choosing where to host",
            paragraph(
                "<p>For a first deployment, a platform-as-a-service is the easiest "
                "choice: connect a Git repository, set environment variables, attach a "
                "managed database and the platform builds and runs the app. A virtual "
                "server costs less and teaches more but leaves patching, backups and "
                "TLS to you. Containers sit in between and make the environment "
                "identical everywhere.</p>"
            ),
            table(
                [
                    ["Option", "Examples", "Effort", "Good for"],
                    [
                        "Platform as a service",
                        "Render, Railway, Fly.io, Heroku",
                        "Low",
                        "First deployments, small teams",
                    ],
                    [
                        "Virtual server",
                        "Hetzner, DigitalOcean, Linode",
                        "Medium to high",
                        "Learning ops, tight budgets",
                    ],
                    [
                        "Managed containers",
                        "AWS ECS, Google Cloud Run, Azure Container Apps",
                        "Medium",
                        "Growing products with CI/CD",
                    ],
                ],
                caption="Hosting options for a Django project",
                header_column=True,
            ),
        ),
        section(
            "Containers and continuous deployment",
            paragraph(
                "<p>A Dockerfile pins the Python version and system libraries, so the "
                "image you test is exactly the one you run. Keep it small: start from a "
                "slim base image, install dependencies before copying source code to "
                "make the most of the build cache, and run as a non-root user.</p>"
            ),
            code(DOCKERFILE_CODE, language="text"),
            paragraph(
                "<p>Finally, automate it. A CI pipeline that runs tests and "
                "<code>check --deploy</code> on every push, builds the image and "
                "deploys on merge turns releases into a non-event. Add error tracking "
                "such as Sentry and uptime monitoring, and test restoring a database "
                "backup before you need to.</p>"
            ),
        ),
        course_list(
            [
                course("docker-mastery"),
                course("tdd-with-python-testing-goat"),
                course("docker-and-kubernetes-the-big-picture"),
                course("coding-for-entrepreneurs-python-django"),
                course("introduction-to-devops-ibm"),
            ],
            heading="Best courses for deployment and DevOps",
            notes=[
                "The definitive hands-on Docker course.",
                "Builds and deploys a Django app to a real server, test-first.",
                "A quick conceptual overview before going hands-on.",
                "Takes a Django product all the way to production.",
                "Background on CI/CD and DevOps culture.",
            ],
        ),
        faq(
            [
                (
                    "What is the cheapest way to host a Django app?",
                    "<p>A small VPS with Gunicorn, Caddy or Nginx and PostgreSQL costs a "
                    "few dollars a month. Free PaaS tiers exist but usually sleep when "
                    "idle or expire.</p>",
                ),
                (
                    "Do I need Docker to deploy Django?",
                    "<p>No. Most platforms build Python apps directly from a requirements "
                    "file. Docker becomes valuable when you need identical environments or "
                    "system-level dependencies.</p>",
                ),
                (
                    "Can I use SQLite in production?",
                    "<p>For a low-traffic, single-server site, yes, with WAL mode and "
                    "backups. As soon as you need several servers or heavy concurrent "
                    "writes, use PostgreSQL.</p>",
                ),
                (
                    "Why do my static files return 404 after deploying?",
                    "<p>With <code>DEBUG = False</code> Django stops serving them. Run "
                    "<code>collectstatic</code> and serve <code>STATIC_ROOT</code> with "
                    "WhiteNoise, your proxy or a CDN.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


DEPLOY_GUIDE = {
    "slug": "deploying-django-to-production",
    "title": "Deploying Django to production: a practical checklist",
    "standfirst": (
        "Moving from runserver to a real server is where many Django projects stall. This "
        "guide covers settings, static files, databases, hosting choices and a repeatable "
        "deployment process."
    ),
    "search_description": (
        "Take a Django project from runserver to production: settings, static files, "
        "databases, hosting choices and a repeatable deployment process."
    ),
    "author": "Priya Raman",
    "first_published": "2026-05-04",
    "last_reviewed": "2026-11-10",
    "tags": ["deployment", "django", "devops", "docker"],
    "featured": True,
    "body": deploy_guide_body,
}


def sql_guide_body(course):
    return [
        section(
            "Why developers still need SQL",
            paragraph(
                "<p>Django's ORM, SQLAlchemy and their cousins are productive tools, but "
                "they are translators. When a page is slow, a report needs a window "
                "function or a migration locks a large table, you need to understand "
                "the SQL underneath. Developers who can read a query plan solve "
                "performance problems in minutes that others spend days guessing at.</p>"
            ),
            paragraph(
                "<p>The core is compact: <code>SELECT</code> with <code>WHERE</code>, "
                "<code>ORDER BY</code> and <code>LIMIT</code>; joins; "
                "<code>GROUP BY</code> with aggregates and <code>HAVING</code>; and the "
                "data-changing statements. Window functions and common table "
                "expressions are the next step and cover most reporting needs.</p>"
            ),
            code(SQL_JOIN_CODE, language="sql"),
        ),
        section(
            "Indexes and query plans",
            paragraph(
                "<p>An index is a sorted lookup structure that lets the database find "
                "rows without scanning the whole table. Primary keys and unique "
                "constraints get one automatically, and Django adds indexes for foreign "
                "keys, but filters and sorts on other columns often need one you add "
                "yourself.</p>"
            ),
            paragraph(
                "<p>In PostgreSQL, <code>EXPLAIN ANALYZE</code> runs a query and shows "
                "how it was executed. A sequential scan over millions of rows, or a sort "
                "that spills to disk, is the signal to add an index that matches both "
                "the filter and the ordering.</p>"
            ),
            code(SQL_EXPLAIN_CODE, language="sql"),
            callout(
                "<p>Indexes are not free: each one slows writes and takes "
                "space. Add them for queries you actually run, and drop the ones "
                "the statistics show are never used.</p>",
                tone="note",
            ),
        ),
        section(
            "Running SQL safely from Python",
            paragraph(
                "<p>Every Python database driver supports parameterised queries, where "
                "values are passed separately from the SQL text. Use them every time. "
                "Building a query by string formatting with user input is how SQL "
                "injection happens, and it remains one of the most common serious web "
                "vulnerabilities.</p>"
            ),
            code(SQL_PARAMS_CODE),
            callout(
                "<p>The same rule applies inside Django: pass parameters to "
                "<code>raw()</code> and <code>cursor.execute()</code> as a separate "
                "argument, never through an f-string.</p>",
                tone="warning",
            ),
        ),
        course_list(
            [
                course("ultimate-mysql-bootcamp"),
                course("relational-database-certification"),
                course("using-databases-with-python"),
                course("django-application-development-with-sql-and-databases"),
                course("databases-and-sql-for-data-science"),
            ],
            heading="Best SQL courses for developers",
            notes=[
                "The most thorough hands-on SQL course we rate.",
                "Free PostgreSQL practice in a real terminal.",
                "A friendly bridge between Python and SQL.",
                "SQL explained alongside the Django ORM.",
                "Good if your SQL will mostly feed analysis.",
            ],
        ),
        faq(
            [
                (
                    "Which database should I learn SQL on?",
                    "<p>PostgreSQL. It follows the standard closely, is free, and is the "
                    "default choice for Django and many other stacks. Almost everything "
                    "transfers to MySQL and SQLite.</p>",
                ),
                (
                    "If I use an ORM, do I still need to write SQL?",
                    "<p>You will write less of it, but you will read it often when "
                    "debugging and tuning. Complex reports are frequently clearer in "
                    "SQL.</p>",
                ),
                (
                    "How long does it take to learn SQL?",
                    "<p>A couple of weeks for everyday queries and joins; a few months of "
                    "real use before window functions and query plans feel natural.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


SQL_GUIDE = {
    "slug": "sql-for-developers",
    "title": "SQL for developers: what the ORM won't teach you",
    "standfirst": (
        "ORMs write most of your queries, but not all of them, and not always well. Enough "
        "SQL to read what your framework generates, write reports and keep a database fast."
    ),
    "search_description": (
        "Enough SQL to read what your ORM generates, write reports and keep a database "
        "fast, and the best courses to learn it."
    ),
    "author": "Tomás Lindqvist",
    "first_published": "2026-06-08",
    "last_reviewed": "2026-10-27",
    "tags": ["sql", "databases", "postgresql", "python"],
    "featured": False,
    "body": sql_guide_body,
}


def pandas_guide_body(course):
    return [
        section(
            "What pandas is for",
            paragraph(
                "<p>pandas was started by Wes McKinney in 2008 while he worked at a "
                "quantitative investment firm, and open-sourced soon after. It gives "
                "Python two central structures: the <strong>Series</strong>, a labelled "
                "one-dimensional array, and the <strong>DataFrame</strong>, a table of "
                "columns that can each hold a different type.</p>"
            ),
            paragraph(
                "<p>For a web developer, pandas is the quickest way to answer questions "
                "about your own data: exporting a table and finding which customers "
                "churned, which pages are slowest, or how signups changed after a "
                "launch. It reads CSV, Excel, JSON, Parquet and SQL sources with one "
                "function call each.</p>"
            ),
            code(PANDAS_BASICS_CODE),
        ),
        section(
            "Grouping, joining and reshaping",
            paragraph(
                "<p>Most analysis boils down to three moves. <code>groupby</code> "
                "splits rows into groups and aggregates each one. <code>merge</code> "
                "joins tables on keys, just as SQL does. <code>pivot_table</code> and "
                "<code>melt</code> reshape data between wide and long formats for "
                "reporting or plotting.</p>"
            ),
            code(PANDAS_MERGE_CODE),
            paragraph(
                "<p>The <code>validate</code> argument to <code>merge</code> is "
                "underused: it raises an error if a join you expected to be "
                "many-to-one would duplicate rows, which catches a whole class of "
                "silent mistakes.</p>"
            ),
        ),
        section(
            "Keeping pandas fast and correct",
            paragraph(
                "<p>pandas is fast when you operate on whole columns and slow when you "
                "loop over rows. Replace <code>iterrows</code> and row-wise "
                "<code>apply</code> with vectorised arithmetic, <code>.str</code> and "
                "<code>.dt</code> accessors, or <code>np.where</code>. Set explicit "
                "dtypes when loading data, and use the <code>category</code> type for "
                "repetitive strings to save memory.</p>"
            ),
            callout(
                "<p>Use <code>.loc</code> for every selection that you "
                "intend to modify. Chained indexing such as "
                "<code>df[df.x &gt; 0]['y'] = 1</code> may change a temporary copy "
                "and leave your DataFrame untouched.</p>"
            ),
            paragraph(
                "<p>When data no longer fits comfortably in memory, look at reading "
                "only the columns you need, Parquet files, or tools built for larger "
                "data such as Polars and DuckDB, which interoperate well with "
                "pandas.</p>"
            ),
        ),
        course_list(
            [
                course("kaggle-learn-pandas"),
                course("data-analysis-with-python-freecodecamp"),
                course("python-for-data-science-and-machine-learning-bootcamp"),
                course("pandas-fundamentals"),
            ],
            heading="Best pandas courses",
            notes=[
                "Free, short and hands-on: the best first step.",
                "Free projects that make you clean real data.",
                "Broad coverage through to machine learning.",
                "Methodical, though due for an update.",
            ],
        ),
        faq(
            [
                (
                    "Should I learn pandas or SQL first?",
                    "<p>If your data lives in a database, learn basic SQL first and use "
                    "pandas for what SQL makes awkward, like reshaping and plotting.</p>",
                ),
                (
                    "Is Polars replacing pandas?",
                    "<p>Polars is faster for many workloads and is growing quickly, but "
                    "pandas remains the standard most libraries, tutorials and colleagues "
                    "expect.</p>",
                ),
                (
                    "Do I need NumPy before pandas?",
                    "<p>No. Basic familiarity helps, but you can learn the NumPy you need "
                    "along the way.</p>",
                ),
            ],
            heading="FAQ",
        ),
    ]


PANDAS_GUIDE = {
    "slug": "pandas-for-data-analysis",
    "title": "pandas for data analysis: a working developer's guide",
    "standfirst": (
        "pandas is the spreadsheet engine of the Python world. Learn the handful of "
        "operations that cover most analysis work, and the habits that keep it fast."
    ),
    "author": "Maya Okafor",
    "first_published": "2026-07-13",
    "last_reviewed": "2026-11-17",
    "tags": ["pandas", "data-science", "python"],
    "featured": False,
    "body": pandas_guide_body,
}


CATEGORIES: list[dict] = [
    {
        "slug": "web-development",
        "title": "Web development",
        "intro": (
            "<p>Guides to the Python web frameworks worth learning, from Django's batteries-"
            "included approach to lightweight Flask and async FastAPI.</p>"
        ),
        "guides": [DJANGO_GUIDE, DRF_GUIDE, FLASK_GUIDE, FASTAPI_GUIDE],
    },
    {
        "slug": "python",
        "title": "Python",
        "intro": (
            "<p>The language skills and habits that everything else builds on, for "
            "beginners and for developers arriving from other languages.</p>"
        ),
        "guides": [PYTHON_FUNDAMENTALS_GUIDE, TESTING_GUIDE],
    },
    {
        "slug": "deployment-devops",
        "title": "Deployment & DevOps",
        "intro": (
            "<p>Getting code off your laptop and keeping it running: servers, containers, "
            "CI pipelines and production settings.</p>"
        ),
        "guides": [DEPLOY_GUIDE],
    },
    {
        "slug": "data-and-databases",
        "title": "Data & databases",
        "intro": (
            "<p>SQL, pandas and the data skills that make a web developer more useful, "
            "whether you are tuning queries or answering questions about your users.</p>"
        ),
        "guides": [SQL_GUIDE, PANDAS_GUIDE],
    },
]
