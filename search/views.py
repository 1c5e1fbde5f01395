from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from courses.models import Course
from guides.models import GuidePage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]
    results = []
    if query:
        guides = GuidePage.objects.live().public().specific().search(query)
        courses = Course.objects.live().search(query)
        results = [("guide", guide) for guide in guides] + [
            ("course", course) for course in courses
        ]
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": page, "pagination_query": urlencode({"q": query})},
    )
