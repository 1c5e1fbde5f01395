import factory
import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Guides & Courses"
    intro = "<p>Guides and the courses they recommend.</p>"
    slug = factory.Sequence(lambda n: f"home-{n}")
