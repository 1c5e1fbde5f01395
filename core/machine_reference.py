"""A fixed piece of CPU work printed beside the benchmarks' figures, so that runs on different
machines can be compared.

The benchmark machines are shared virtual machines, and the same commit can measure several
times slower on one than on another. A figure alone cannot tell a slower machine from a slower
commit; the ratio of two runs' references can. The work is the kind a page render does (Django's
template language and its ORM building SQL) without the database, so nothing but the CPU and the
interpreter moves it.
"""

import datetime
import time

from django.template import engines

ITEMS = 200
QUERIES = 20
_TEMPLATE = (
    "<ul>{% for item in items %}"
    "<li class=\"{% cycle 'odd' 'even' %}\"><a href=\"{{ item.url }}\">{{ item.title|title }}</a>"
    " <time>{{ item.when|date:'j F Y' }}</time>"
    "{% if item.tags %} · {{ item.tags|join:', ' }}{% endif %}</li>"
    "{% endfor %}</ul>"
)


def reference_work() -> tuple[str, list[str]]:
    """The work itself: the template rendered over ITEMS rows, and QUERIES querysets compiled to
    SQL (never sent to the database)."""
    from wagtail.models import Page

    items = [
        {
            "url": f"/guides/guide-{n}/",
            "title": f"guide number {n} & <friends>",
            "when": datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            "tags": ["django", "python"] if n % 2 else [],
        }
        for n in range(ITEMS)
    ]
    html = engines["django"].from_string(_TEMPLATE).render({"items": items})
    sql = [
        Page.objects.live()
        .filter(depth__gt=n % 3 + 2, title__icontains="guide")
        .select_related("owner")
        .order_by("-first_published_at", "pk")
        .query.sql_with_params()[0]
        for n in range(QUERIES)
    ]
    return html, sql


def machine_reference_ms(repeats: int = 7) -> float:
    """The least CPU time (`time.process_time`) of `repeats` runs of `reference_work()`, in ms:
    the least, because other work on a shared machine only ever adds."""
    reference_work()  # imports and compiled templates, once
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        reference_work()
        best = min(best, time.process_time() - started)
    return round(best * 1000, 1)
