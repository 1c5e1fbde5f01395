from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from .models import Course, Level, PriceModel, Provider

# Well-known providers by slug, as the data migration (0004) makes them.
KNOWN_PROVIDERS = {
    "coursera": "Coursera",
    "udemy": "Udemy",
    "edx": "edX",
    "pluralsight": "Pluralsight",
    "freecodecamp": "freeCodeCamp",
}


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"provider-{n}")
    name = factory.LazyAttribute(lambda o: KNOWN_PROVIDERS.get(o.slug, o.slug.title()))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.com/")


def provider_for(value):
    """A Provider from a slug ("udemy"), so tests can say provider="udemy"; None stays None."""
    if value is None or isinstance(value, Provider):
        return value
    return ProviderFactory(slug=value)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practical Django, part {n}")
    slug = factory.Sequence(lambda n: f"practical-django-{n}")
    provider = "coursera"
    url = factory.Sequence(lambda n: f"https://www.coursera.org/learn/practical-django-{n}")
    rating = Decimal("8.5")
    review = "A steady, project-led course that builds one app from models to deployment."
    level = Level.BEGINNER
    price_model = PriceModel.SUBSCRIPTION
    language = "English"
    live = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["provider"] = provider_for(kwargs.get("provider"))
        return kwargs

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()
