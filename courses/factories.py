from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from .models import Course, Level, PriceModel, Provider


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practical Django, part {n}")
    slug = factory.Sequence(lambda n: f"practical-django-{n}")
    provider = Provider.COURSERA
    url = factory.Sequence(lambda n: f"https://www.coursera.org/learn/practical-django-{n}")
    rating = Decimal("8.5")
    review = "A steady, project-led course that builds one app from models to deployment."
    level = Level.BEGINNER
    price_model = PriceModel.SUBSCRIPTION
    language = "English"
    live = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()
