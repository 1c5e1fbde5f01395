from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage
from guides.models import AuthorIndexPage, AuthorPage, GuideIndexPage, GuidePage
from home.models import HomePage


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_categories(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {GuideIndexPage, CourseIndexPage, AuthorIndexPage})

    def test_authors_live_in_the_author_index_under_the_home_page(self):
        self.assertAllowedParentPageTypes(AuthorIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(AuthorIndexPage, {AuthorPage})
        self.assertAllowedParentPageTypes(AuthorPage, {AuthorIndexPage})
        self.assertAllowedSubpageTypes(AuthorPage, set())

    def test_categories_live_under_the_home_page_and_hold_guides(self):
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {GuidePage})

    def test_guides_live_only_in_categories_and_have_no_children(self):
        self.assertAllowedParentPageTypes(GuidePage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(GuidePage, set())
        self.assertCanNotCreateAt(HomePage, GuidePage)
