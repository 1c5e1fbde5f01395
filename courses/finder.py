"""The course finder: reads a request written in plain words, searches the live courses and
explains each pick. No outside service: a small vocabulary (levels, prices, providers, the topic
tags in use, a few synonyms) turns the words into filters, and the live courses are scored on
how well their topics and titles fit.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field

from courses.models.course import Course, Level, PriceModel, Provider, topic_label

MAX_QUERY_LENGTH = 200
MAX_WORDS = 30
MAX_PICKS = 5
COMPARE_MIN = 2
COMPARE_MAX = 4

EXAMPLES = [
    "best python course for beginners",
    "free data science course",
    "compare django courses",
]


def word_set(text: str) -> set[str]:
    return set(text.split())


def stem(word: str) -> str:
    """A crude singular, enough to match "databases" with "database" on both sides."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


STOP_WORDS = word_set(
    """
    a an and the of in on at to for with by from about into via or as than then so
    i im ive id me my we us our you youre your it its this that these those some any one ones all
    whats whos wheres hows dont doesnt isnt theres heres lets
    want wanna would like need needs needed looking look find show give get got help please
    can could should will what which who whom how where when why is are was be been being do does
    course courses class classes tutorial tutorials lesson lessons online learn learning study
    studying teach teaches taught training something really very most more much good well
    level levels thing things start starting started getting new know
    """
)

STOP_STEMS = {stem(word) for word in STOP_WORDS}

LEVEL_WORDS = {
    Level.BEGINNER: "beginner beginners novice novices newbie newbies starter starters "
    "basic basics scratch zero",
    Level.INTERMEDIATE: "intermediate intermediates",
    Level.ADVANCED: "advanced expert experts experienced",
}
PRICE_WORDS = {
    "free": [PriceModel.FREE],
    "gratis": [PriceModel.FREE],
    # "Paid" means "costs money": a one-off price or a subscription.
    "paid": [PriceModel.PAID, PriceModel.SUBSCRIPTION],
    "subscription": [PriceModel.SUBSCRIPTION],
}
LEVEL_ORDER = {level.value: order for order, level in enumerate(Level)}
BEST_WORDS = word_set("best top highest rated greatest finest recommended popular")
COMPARE_WORDS = word_set("compare comparing comparison versus vs difference differences")
NEWEST_WORDS = word_set("newest latest recent recently updated fresh")

# Other ways readers name a topic tag; used only when the tag exists.
TOPIC_ALIASES = {
    "ml": "machine-learning",
    "ai": "machine-learning",
    "data": "data-science",
    "data analysis": "data-science",
    "analytics": "data-science",
    "web": "web-development",
    "web dev": "web-development",
    "webdev": "web-development",
    "websites": "web-development",
    "rest": "rest-apis",
    "api": "rest-apis",
    "django rest framework": "drf",
    "rest framework": "drf",
    "database": "databases",
    "postgres": "sql",
    "postgresql": "sql",
    "mysql": "sql",
    "js": "javascript",
    "tdd": "testing",
    "test": "testing",
    "tests": "testing",
    "unit testing": "testing",
    "deploy": "deployment",
    "deploying": "deployment",
    "hosting": "deployment",
    "containers": "docker",
    "dataframes": "pandas",
}
# Other ways readers name a provider (by its slug); used only when the provider exists.
PROVIDER_ALIASES = {"free code camp": "freecodecamp", "fcc": "freecodecamp"}


def words(text: str) -> list[str]:
    # "What's" reads as "whats", not "what" and "s".
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.findall(r"[a-z0-9]+[+#]*", text)


def label(choices, value) -> str:
    """A choice's label; a logged intent may hold a value that has since been removed."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@dataclass
class Intent:
    topics: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    price_models: list[str] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    best: bool = False
    compare: bool = False
    sort: str = "rating"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data) -> "Intent":
        data = data if isinstance(data, dict) else {}
        names = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in names})

    def is_empty(self) -> bool:
        return not (
            self.topics
            or self.levels
            or self.price_models
            or self.providers
            or self.terms
            or self.best
            or self.compare
            or self.sort != "rating"
        )

    def summary(self, provider_names: dict[str, str] | None = None) -> str:
        """The intent in words; `provider_names` maps slugs to names (looked up if not given)."""
        parts = []
        if self.topics:
            parts.append("topic: " + ", ".join(topic_label(t) for t in self.topics))
        if self.levels:
            parts.append("level: " + ", ".join(label(Level, v).lower() for v in self.levels))
        if self.price_models:
            prices = (label(PriceModel, v).lower() for v in self.price_models)
            parts.append("price: " + ", ".join(prices))
        if self.providers:
            if provider_names is None:
                provider_names = dict(
                    Provider.objects.filter(slug__in=self.providers).values_list("slug", "name")
                )
            # A logged intent may name a provider that has since been removed or renamed.
            names = (provider_names.get(slug, slug) for slug in self.providers)
            parts.append("provider: " + ", ".join(names))
        if self.terms:
            parts.append("words: " + ", ".join(self.terms))
        if self.best:
            parts.append("best first")
        if self.sort == "newest":
            parts.append("recently reviewed first")
        if self.compare:
            parts.append("compare")
        return "; ".join(parts)


def vocabulary(topic_names, providers=()) -> dict[tuple[str, ...], tuple[str, object]]:
    """Phrases (tuples of stemmed words) mapped to what they mean. `providers` are
    (slug, name) pairs: a provider is named by its name or its slug."""
    vocab: dict[tuple[str, ...], tuple[str, object]] = {}
    for name in topic_names:
        vocab[tuple(stem(w) for w in words(name))] = ("topic", name)
    for alias, name in TOPIC_ALIASES.items():
        key = tuple(stem(w) for w in words(alias))
        if name in topic_names and key not in vocab:
            vocab[key] = ("topic", name)
    for level, spelled in LEVEL_WORDS.items():
        for word in spelled.split():
            vocab[(stem(word),)] = ("level", level.value)
    for word, prices in PRICE_WORDS.items():
        vocab[(stem(word),)] = ("price", [p.value for p in prices])
    slugs = set()
    for slug, name in providers:
        slugs.add(slug)
        for spelled in (name, slug.replace("-", " ")):
            key = tuple(stem(w) for w in words(spelled))
            if key:
                vocab.setdefault(key, ("provider", slug))
    for phrase, slug in PROVIDER_ALIASES.items():
        if slug in slugs:
            vocab[tuple(stem(w) for w in words(phrase))] = ("provider", slug)
    for word in BEST_WORDS:
        vocab[(stem(word),)] = ("best", True)
    for word in COMPARE_WORDS:
        vocab[(stem(word),)] = ("compare", True)
    for word in NEWEST_WORDS:
        vocab[(stem(word),)] = ("newest", True)
    return vocab


def clean_text(text: str | None) -> str:
    """NFKC-normalised, whitespace collapsed to single spaces, other control and format
    characters dropped (PostgreSQL cannot store NUL): "py\x00thon\tcourse" is "python course"."""
    text = unicodedata.normalize("NFKC", text or "")
    kept = (
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return " ".join("".join(kept).split())


def normalise_query(raw: str | None, limit: int = MAX_QUERY_LENGTH) -> str:
    """What a reader typed into a search box (the site search or this finder), ready to use:
    clean_text(), at most `limit` characters, cut at a word boundary when one is near."""
    # Only a bounded prefix is looked at: a 5,000-character query costs no more than a short one.
    text = clean_text((raw or "")[: limit * 2])
    if len(text) > limit:
        text = text[:limit]
        if " " in text[limit // 2 :]:
            text = text.rsplit(" ", 1)[0]
    return text.strip()


def truncate(word: str, length: int = 30) -> str:
    return word if len(word) <= length else word[: length - 1] + "…"


def add_once(items: list, value) -> None:
    if value not in items:
        items.append(value)


def parse(text: str, topic_names, providers=()) -> Intent:
    """Turn a request in plain words into an Intent. Longer phrases win over single words."""
    vocab = vocabulary(set(topic_names), providers)
    longest = max((len(key) for key in vocab), default=1)
    raw = words(text)[:MAX_WORDS]
    tokens = [stem(w) for w in raw]
    intent = Intent()
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            meaning = vocab.get(tuple(tokens[position : position + size]))
            if meaning:
                break
        else:
            size, meaning = 1, None
        position += size
        if meaning is None:
            if tokens[position - 1] not in STOP_STEMS:
                add_once(intent.terms, raw[position - 1])
            continue
        kind, value = meaning
        if kind == "topic":
            add_once(intent.topics, value)
        elif kind == "level":
            add_once(intent.levels, value)
        elif kind == "price":
            for price in value:
                add_once(intent.price_models, price)
        elif kind == "provider":
            add_once(intent.providers, value)
        elif kind == "best":
            intent.best = True
        elif kind == "compare":
            intent.compare = True
        elif kind == "newest":
            intent.sort = "newest"
    return intent


@dataclass
class Pick:
    course: Course
    score: float
    explanation: str
    exact: bool = True


@dataclass
class Answer:
    query: str
    intent: Intent
    picks: list[Pick] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def compare_picks(self) -> list[Pick]:
        if self.intent.compare and len(self.picks) >= COMPARE_MIN:
            return self.picks[:COMPARE_MAX]
        return []


class CourseFacts:
    """What the scorer needs from one course, worked out once per request."""

    def __init__(self, course: Course):
        self.course = course
        self.topics = {topic.name for topic in course.topics.all()}
        self.provider = course.provider.slug if course.provider_id else None
        self.title_words = {stem(w) for w in words(course.title)}
        self.text_words = self.title_words | {stem(w) for w in words(course.review)}

    def passes(self, intent: Intent, relaxed: set[str]) -> bool:
        course = self.course
        if intent.levels and "level" not in relaxed and course.level not in intent.levels:
            return False
        if (
            intent.price_models
            and "price" not in relaxed
            and course.price_model not in intent.price_models
        ):
            return False
        if intent.providers and "provider" not in relaxed and self.provider not in intent.providers:
            return False
        if intent.topics:
            return bool(self.topics & set(intent.topics))
        if intent.terms:
            return any(stem(term) in self.text_words for term in intent.terms)
        return True

    def score(self, intent: Intent) -> float:
        score = 0.0
        for topic in intent.topics:
            if topic in self.topics:
                score += 1
                # A course named after the topic beats one that only touches it.
                topic_words = [stem(w) for w in words(topic)]
                score += sum(w in self.title_words for w in topic_words) / len(topic_words)
        for term in map(stem, intent.terms):
            if term in self.title_words:
                score += 1
            elif term in self.text_words:
                score += 0.5
        return score

    def explain(self, intent: Intent, exact: bool) -> str:
        course = self.course
        topics = [t for t in intent.topics if t in self.topics] or sorted(self.topics)[:2]
        parts = [course.get_level_display().lower()]
        if topics:
            parts.append(", ".join(topic_label(t) for t in topics))
        parts.append(f"rated {course.rating_display}")
        parts.append(course.get_price_model_display().lower())
        if intent.sort == "newest":
            parts.append(f"reviewed {course.last_reviewed:%B %Y}")
        return " · ".join(parts)


# When nothing (or, for a comparison, only one course) matches, filters are dropped in this order.
RELAX_ORDER = [("price", "price_models"), ("provider", "providers"), ("level", "levels")]


def rank(facts: list[CourseFacts], intent: Intent, relaxed: set[str]) -> list[CourseFacts]:
    matching = [f for f in facts if f.passes(intent, relaxed)]

    def key(f):
        course = f.course
        if intent.sort == "newest":
            order = (-f.score(intent), -course.last_reviewed.toordinal(), -course.rating)
        else:
            # On a tie, the gentler course first: a reader who names no level is usually starting.
            order = (-f.score(intent), -course.rating, LEVEL_ORDER[course.level], course.title)
        if intent.best:
            # "Best first": the highest rating first, among the courses that match (so "best
            # python course" lists Python courses only). Courses with the same rating go by
            # the order above: the better fit (named after the topic before only tagged with
            # it), then the gentler level, then the title (or, for "newest", recency).
            return (-course.rating, *order)
        return order

    return sorted(matching, key=key)


def find(query: str | None) -> Answer:
    text = normalise_query(query)
    messages = []
    if len(clean_text(query)) > MAX_QUERY_LENGTH:
        messages.append(
            f"That was a long request: we read only its first {MAX_QUERY_LENGTH} characters."
        )
    courses = list(Course.objects.live().select_related("provider").prefetch_related("topics"))
    facts = [CourseFacts(course) for course in courses]
    topic_names = sorted({name for fact in facts for name in fact.topics})
    providers = {(c.provider.slug, c.provider.name) for c in courses if c.provider_id}
    intent = parse(text, topic_names, sorted(providers))
    answer = Answer(query=text, intent=intent, messages=messages)

    if intent.is_empty():
        if text:
            answer.messages.append(
                "We could not tell what you would like to learn from that. Name a subject, "
                "a level or a provider, for example “" + EXAMPLES[0] + "”."
            )
        else:
            answer.messages.append(
                "Ask for a course in your own words, for example “" + EXAMPLES[0] + "”."
            )
        return answer

    unknown = [t for t in intent.terms if not any(stem(t) in f.text_words for f in facts)]
    if unknown:
        intent.terms = [t for t in intent.terms if t not in unknown]
        answer.messages.append(
            "No course mentions "
            + ", ".join(f"“{truncate(t)}”" for t in unknown)
            + ", so we left "
            + ("it" if len(unknown) == 1 else "them")
            + " out."
        )
        if intent.is_empty():
            answer.messages.append(
                "Try a subject we cover, such as "
                + ", ".join(topic_label(t) for t in topic_names[:6])
                + "."
            )
            return answer

    limit = COMPARE_MAX if intent.compare else MAX_PICKS
    needed = COMPARE_MIN if intent.compare else 1
    exact = rank(facts, intent, set())[:limit]
    answer.picks = [Pick(f.course, f.score(intent), f.explain(intent, True)) for f in exact]

    # Too few exact matches: widen the search one filter at a time and say so.
    relaxed: set[str] = set()
    for name, attribute in RELAX_ORDER:
        if len(answer.picks) >= needed:
            break
        if not getattr(intent, attribute):
            continue
        relaxed.add(name)
        seen = {pick.course.pk for pick in answer.picks}
        extra = [f for f in rank(facts, intent, relaxed) if f.course.pk not in seen]
        if extra:
            answer.messages.append(
                ("Only one course matches" if answer.picks else "No course matches")
                + f" everything you asked for; the nearest matches below ignore the {name}."
            )
            answer.picks += [
                Pick(f.course, f.score(intent), f.explain(intent, False), exact=False)
                for f in extra[: limit - len(answer.picks)]
            ]
    if not answer.picks:
        answer.messages.append(
            "No live course matches that yet. Browse the whole catalogue, or try a subject "
            "such as " + ", ".join(topic_label(t) for t in topic_names[:6]) + "."
        )
    elif intent.compare and len(answer.picks) < COMPARE_MIN:
        answer.messages.append("Only one course matches, so there is nothing to compare it with.")
    return answer
