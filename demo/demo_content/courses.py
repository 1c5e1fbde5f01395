"""Demo course catalogue: the online courses the site's guides recommend.

Pure data, no Django imports. Ratings are the site's own editorial scores out of ten.
Coursera courses are consistently listed as "subscription" (Coursera Plus / specialization
billing), Udemy courses as "paid" and freeCodeCamp courses as "free".

Each course names its provider by slug (PROVIDERS); a course without a provider (None) is shown
without one. The first five are the providers the courses data migration makes.
"""

PROVIDERS: list[dict] = [
    {"slug": "coursera", "name": "Coursera", "website": "https://www.coursera.org/"},
    {"slug": "udemy", "name": "Udemy", "website": "https://www.udemy.com/"},
    {"slug": "edx", "name": "edX", "website": "https://www.edx.org/"},
    {"slug": "pluralsight", "name": "Pluralsight", "website": "https://www.pluralsight.com/"},
    {"slug": "freecodecamp", "name": "freeCodeCamp", "website": "https://www.freecodecamp.org/"},
    {"slug": "testdriven-io", "name": "TestDriven.io", "website": "https://testdriven.io/"},
    {"slug": "django-girls", "name": "Django Girls", "website": "https://djangogirls.org/"},
    {"slug": "kaggle", "name": "Kaggle", "website": "https://www.kaggle.com/"},
]

COURSES: list[dict] = [
    # --- The six courses ranked in the Django guide -------------------------------------
    {
        "slug": "web-application-technologies-and-django",
        "title": "Web Application Technologies and Django",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/django-database-web-apps",
        "rating": "9.7",
        "review": (
            "The University of Michigan course teaches HTTP, HTML, SQL and Django as one "
            "connected story, so you understand what the framework is doing for you. Paced "
            "gently, explained clearly, and the best first Django course we have reviewed."
        ),
        "level": "beginner",
        "topics": ["django", "python", "web-development", "sql"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-09-14",
    },
    {
        "slug": "coding-for-entrepreneurs-python-django",
        "title": "Coding for Entrepreneurs: Learn Python, Django, and More",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/coding-for-entrepreneurs/",
        "rating": "9.0",
        "review": (
            "A build-first course aimed at people who want a working product rather than a "
            "certificate. It skims some theory, but the momentum is real and you finish with "
            "an app you could actually put in front of customers."
        ),
        "level": "beginner",
        "topics": ["django", "python", "web-development", "deployment"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-08-14",
    },
    {
        "slug": "django-features-and-libraries",
        "title": "Django Features and Libraries",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/django-build-web-apps",
        "rating": "8.7",
        "review": (
            "A second-step course on forms, sessions, cookies, ownership and richer ORM "
            "queries. It assumes you have already built something small in Django and "
            "rewards that groundwork well."
        ),
        "level": "intermediate",
        "topics": ["django", "python", "web-development", "databases"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-09-14",
    },
    {
        "slug": "advanced-django-introduction-to-drf",
        "title": "Advanced Django: Introduction to Django Rest Framework",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/advanced-django-introduction-to-django-rest-framework",
        "rating": "8.5",
        "review": (
            "Covers the DRF building blocks you meet on every API project: serializers, "
            "viewsets, routers and authentication. Compact and practical, though the "
            "exercises lean on the browser-based IDE more than we would like."
        ),
        "level": "intermediate",
        "topics": ["django", "drf", "rest-apis", "python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-07-30",
    },
    {
        "slug": "django-application-development-with-sql-and-databases",
        "title": "Django Application Development with SQL and Databases",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/django-application-development-with-sql-and-databases",
        "rating": "8.5",
        "review": (
            "IBM's course pairs relational modelling and plain SQL with the Django ORM, which "
            "makes the ORM far less magical. A good pick if your database knowledge is the "
            "weak spot in your Django skills."
        ),
        "level": "intermediate",
        "topics": ["django", "sql", "databases", "python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-07-30",
    },
    {
        "slug": "advanced-django-advanced-drf",
        "title": "Advanced Django: Advanced Django Rest Framework",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/advanced-django-advanced-django-rest-framework",
        "rating": "8.5",
        "review": (
            "Picks up where the introductory DRF course stops: pagination, filtering, "
            "throttling and nested serializers. These are the details production APIs "
            "live or die on, and the course treats them seriously."
        ),
        "level": "advanced",
        "topics": ["django", "drf", "rest-apis", "python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-07-30",
    },
    # --- Python fundamentals -------------------------------------------------------------
    {
        "slug": "cs50-introduction-to-programming-with-python",
        "title": "CS50's Introduction to Programming with Python",
        "provider": "edx",
        "url": "https://www.edx.org/learn/python/harvard-university-cs50-s-introduction-to-programming-with-python",
        "rating": "9.6",
        "review": (
            "Harvard's CS50P is the strongest free Python course we know. The lectures are "
            "lively, the problem sets are genuinely challenging, and it covers testing, "
            "libraries and file I/O that many beginner courses skip."
        ),
        "level": "beginner",
        "topics": ["python", "testing"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-10-02",
    },
    {
        "slug": "programming-for-everybody-python",
        "title": "Programming for Everybody (Getting Started with Python)",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/python",
        "rating": "9.3",
        "review": (
            "The opening course of Python for Everybody is patient and friendly, written for "
            "people who have never programmed. Dr. Chuck's teaching style makes it the "
            "easiest on-ramp to Python we can recommend."
        ),
        "level": "beginner",
        "topics": ["python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-10-02",
    },
    {
        "slug": "mitx-introduction-to-computer-science-python",
        "title": "Introduction to Computer Science and Programming Using Python",
        "provider": "edx",
        "url": "https://www.edx.org/learn/computer-science/massachusetts-institute-of-technology-introduction-to-computer-science-and-programming-using-python",
        "rating": "8.9",
        "review": (
            "MIT's 6.00.1x teaches computational thinking, not just syntax. It is demanding "
            "and moves quickly, so it suits motivated learners who want a firm grounding in "
            "algorithms and complexity alongside Python."
        ),
        "level": "beginner",
        "topics": ["python"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-06-21",
    },
    {
        "slug": "scientific-computing-with-python",
        "title": "Scientific Computing with Python",
        "provider": "freecodecamp",
        "url": "https://www.freecodecamp.org/learn/scientific-computing-with-python/",
        "rating": "8.6",
        "review": (
            "freeCodeCamp's interactive Python curriculum teaches the language through small "
            "step-by-step projects in the browser, finishing with certification projects you "
            "build yourself. Free, well structured and beginner friendly."
        ),
        "level": "beginner",
        "topics": ["python"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-05-11",
    },
    {
        "slug": "100-days-of-code-python-bootcamp",
        "title": "100 Days of Code: The Complete Python Pro Bootcamp",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/100-days-of-code/",
        "rating": "9.2",
        "review": (
            "Angela Yu's bootcamp gives you one project a day for a hundred days, from games "
            "to web scraping to Flask sites. The daily rhythm builds habits as well as skills, "
            "and it is excellent value when Udemy runs a sale."
        ),
        "level": "beginner",
        "topics": ["python", "flask", "web-development"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-08-14",
    },
    {
        "slug": "complete-python-bootcamp",
        "title": "The Complete Python Bootcamp From Zero to Hero in Python",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/complete-python-bootcamp/",
        "rating": "8.6",
        "review": (
            "Jose Portilla's long-running bootcamp is a thorough tour of core Python delivered "
            "in Jupyter notebooks. It is reliable and well paced, if less project-driven than "
            "some newer alternatives."
        ),
        "level": "beginner",
        "topics": ["python"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-04-19",
    },
    {
        "slug": "pluralsight-python-fundamentals",
        "title": "Python Fundamentals",
        "provider": "pluralsight",
        "url": "https://www.pluralsight.com/courses/python-fundamentals",
        "rating": "8.4",
        "review": (
            "A crisp, professional introduction to Python's object model, collections, "
            "modules and exceptions. Best for developers coming from another language who "
            "want the idiomatic way of doing things rather than a gentle start."
        ),
        "level": "beginner",
        "topics": ["python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-03-08",
    },
    # --- Flask and FastAPI ------------------------------------------------------------------
    {
        "slug": "rest-apis-with-flask-and-python",
        "title": "REST APIs with Flask and Python",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/rest-api-flask-and-python/",
        "rating": "8.9",
        "review": (
            "A careful, current course on building APIs with Flask, Flask-Smorest, "
            "SQLAlchemy and JWT authentication, including Docker and deployment. Clear "
            "explanations and a steady build-up make it our top Flask pick."
        ),
        "level": "intermediate",
        "topics": ["flask", "rest-apis", "python", "docker", "deployment"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-09-01",
    },
    {
        "slug": "python-and-flask-bootcamp",
        "title": "Python and Flask Bootcamp: Create Websites using Flask!",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/python-and-flask-bootcamp-create-websites-using-flask/",
        "rating": "7.6",
        "review": (
            "Covers templates, forms, databases and blueprints at an easy pace, ending in a "
            "small social blog project. Solid for server-rendered Flask sites, but parts of "
            "the tooling now look dated."
        ),
        "level": "beginner",
        "topics": ["flask", "python", "web-development"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2025-06-18",
    },
    {
        "slug": "fastapi-the-complete-course",
        "title": "FastAPI - The Complete Course (Beginner + Advanced)",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/fastapi-the-complete-course/",
        "rating": "8.7",
        "review": (
            "Walks from first endpoint to a full application with SQLAlchemy, Alembic "
            "migrations, JWT auth and tests. The explanations of Pydantic and dependency "
            "injection are especially clear."
        ),
        "level": "intermediate",
        "topics": ["fastapi", "rest-apis", "python", "testing"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-09-01",
    },
    {
        "slug": "tdd-with-fastapi-and-docker",
        "title": "Test-Driven Development with FastAPI and Docker",
        "provider": "testdriven-io",
        "url": "https://testdriven.io/courses/tdd-fastapi/",
        "rating": "8.6",
        "review": (
            "TestDriven.io's course builds a FastAPI service test-first, containerises it and "
            "ships it through a CI pipeline. Dense and opinionated in a good way; ideal once "
            "you know the basics of the framework."
        ),
        "level": "advanced",
        "topics": ["fastapi", "testing", "docker", "deployment", "devops"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-07-05",
    },
    {
        "slug": "cs50-web-programming-with-python-and-javascript",
        "title": "CS50's Web Programming with Python and JavaScript",
        "provider": "edx",
        "url": "https://www.edx.org/learn/web-development/harvard-university-cs50-s-web-programming-with-python-and-javascript",
        "rating": "9.3",
        "review": (
            "CS50W covers Git, HTML, CSS, Django, SQL, JavaScript, testing and scalability "
            "through substantial projects. Free to take, and the project work is serious "
            "enough to put in a portfolio."
        ),
        "level": "intermediate",
        "topics": ["django", "python", "javascript", "web-development", "testing"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-10-02",
    },
    {
        "slug": "django-girls-tutorial",
        "title": "Django Girls Tutorial",
        "provider": "django-girls",
        "url": "https://tutorial.djangogirls.org/en/",
        "rating": "8.8",
        "review": (
            "A free, community-written tutorial that takes complete beginners from installing "
            "Python to a deployed blog. Short, warm and remarkably well tested by years of "
            "workshops."
        ),
        "level": "beginner",
        "topics": ["django", "python", "web-development", "deployment"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-05-11",
    },
    # --- SQL and databases -----------------------------------------------------------------
    {
        "slug": "using-databases-with-python",
        "title": "Using Databases with Python",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/python-databases",
        "rating": "8.5",
        "review": (
            "Part of Python for Everybody: relational design, SQLite and basic SQL driven "
            "from Python scripts. An approachable first look at how programs talk to "
            "databases."
        ),
        "level": "beginner",
        "topics": ["sql", "databases", "python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-06-21",
    },
    {
        "slug": "relational-database-certification",
        "title": "Relational Database",
        "provider": "freecodecamp",
        "url": "https://www.freecodecamp.org/learn/relational-database/",
        "rating": "8.3",
        "review": (
            "freeCodeCamp's hands-on curriculum has you working in a real terminal with "
            "PostgreSQL, Bash and Git. Unusually practical for a free course, and it leaves "
            "you comfortable at the psql prompt."
        ),
        "level": "beginner",
        "topics": ["sql", "databases", "devops"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-05-11",
    },
    {
        "slug": "ultimate-mysql-bootcamp",
        "title": "The Ultimate MySQL Bootcamp: Go from SQL Beginner to Expert",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/the-ultimate-mysql-bootcamp-go-from-sql-beginner-to-expert/",
        "rating": "8.7",
        "review": (
            "Colt Steele teaches SQL with humour and lots of exercises: joins, aggregates, "
            "schema design and window functions. MySQL-flavoured, but nearly everything "
            "carries over to PostgreSQL."
        ),
        "level": "beginner",
        "topics": ["sql", "databases"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-04-19",
    },
    {
        "slug": "databases-and-sql-for-data-science",
        "title": "Databases and SQL for Data Science with Python",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/sql-data-science",
        "rating": "8.1",
        "review": (
            "IBM's course teaches SQL querying and then drives it from Jupyter notebooks with "
            "Python and pandas. Useful for analysts; developers may find the pace slow."
        ),
        "level": "beginner",
        "topics": ["sql", "databases", "python", "data-science", "pandas"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-03-08",
    },
    # --- Data science ----------------------------------------------------------------------
    {
        "slug": "data-analysis-with-python-freecodecamp",
        "title": "Data Analysis with Python",
        "provider": "freecodecamp",
        "url": "https://www.freecodecamp.org/learn/data-analysis-with-python/",
        "rating": "8.0",
        "review": (
            "Video lessons on NumPy, pandas, Matplotlib and Seaborn followed by five "
            "certification projects. The projects are the real value: they force you to clean "
            "and summarise messy data yourself."
        ),
        "level": "intermediate",
        "topics": ["data-science", "pandas", "python"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-05-11",
    },
    {
        "slug": "kaggle-learn-pandas",
        "title": "Kaggle Learn: Pandas",
        "provider": "kaggle",
        "url": "https://www.kaggle.com/learn/pandas",
        "rating": "8.2",
        "review": (
            "A short, free micro-course of notebook exercises on indexing, grouping, "
            "renaming and combining DataFrames. You can finish it in an afternoon and it "
            "covers most day-to-day pandas."
        ),
        "level": "beginner",
        "topics": ["pandas", "data-science", "python"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-06-21",
    },
    {
        "slug": "pandas-fundamentals",
        "title": "Pandas Fundamentals",
        "provider": "pluralsight",
        "url": "https://www.pluralsight.com/courses/pandas-fundamentals",
        "rating": "7.4",
        "review": (
            "A methodical walkthrough of loading, indexing, grouping and plotting data with "
            "pandas, built around one museum dataset. Clear, though some API details predate "
            "pandas 2."
        ),
        "level": "beginner",
        "topics": ["pandas", "data-science", "python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2025-04-09",
    },
    {
        "slug": "python-for-data-science-and-machine-learning-bootcamp",
        "title": "Python for Data Science and Machine Learning Bootcamp",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/python-for-data-science-and-machine-learning-bootcamp/",
        "rating": "8.3",
        "review": (
            "A broad tour from NumPy and pandas through visualisation to scikit-learn models. "
            "It favours breadth over depth, which makes it a good map of the territory before "
            "you specialise."
        ),
        "level": "intermediate",
        "topics": ["data-science", "pandas", "machine-learning", "python"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-04-19",
    },
    {
        "slug": "machine-learning-with-python-freecodecamp",
        "title": "Machine Learning with Python",
        "provider": "freecodecamp",
        "url": "https://www.freecodecamp.org/learn/machine-learning-with-python/",
        "rating": "7.2",
        "review": (
            "A free introduction to neural networks with TensorFlow plus a handful of "
            "projects. The projects are worthwhile; the lessons are thin, so expect to read "
            "around them."
        ),
        "level": "intermediate",
        "topics": ["machine-learning", "data-science", "python"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-02-15",
    },
    # --- Deployment, DevOps and testing ------------------------------------------------------
    {
        "slug": "docker-mastery",
        "title": "Docker Mastery: with Kubernetes +Swarm from a Docker Captain",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/docker-mastery/",
        "rating": "9.1",
        "review": (
            "Bret Fisher's course is the most complete Docker training we have reviewed: "
            "images, Compose, networking, volumes and orchestration, all kept up to date. "
            "Long, but every section earns its place."
        ),
        "level": "intermediate",
        "topics": ["docker", "devops", "deployment"],
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-09-01",
    },
    {
        "slug": "docker-and-kubernetes-the-big-picture",
        "title": "Docker and Kubernetes: The Big Picture",
        "provider": "pluralsight",
        "url": "https://www.pluralsight.com/courses/docker-kubernetes-big-picture",
        "rating": "8.0",
        "review": (
            "Nigel Poulton's short overview explains what containers and orchestration are "
            "for without drowning you in commands. Ideal before a hands-on course, or for "
            "anyone who needs to follow the conversation."
        ),
        "level": "beginner",
        "topics": ["docker", "devops"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-03-08",
    },
    {
        "slug": "introduction-to-devops-ibm",
        "title": "Introduction to DevOps",
        "provider": "coursera",
        "url": "https://www.coursera.org/learn/intro-to-devops",
        "rating": "7.3",
        "review": (
            "IBM's overview of DevOps culture, CI/CD and infrastructure as code. More about "
            "ideas than tools, so pair it with something hands-on."
        ),
        "level": "beginner",
        "topics": ["devops", "deployment"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2025-08-27",
    },
    {
        "slug": "tdd-with-python-testing-goat",
        "title": "Test-Driven Development with Python (Obey the Testing Goat)",
        # A free online book with its own site: no provider to name.
        "provider": None,
        "url": "https://www.obeythetestinggoat.com/",
        "rating": "9.0",
        "review": (
            "Harry Percival's free online book builds a Django app entirely test-first, from "
            "Selenium functional tests to deployment. Opinionated, funny and the best "
            "introduction to testing web applications in Python."
        ),
        "level": "intermediate",
        "topics": ["testing", "django", "python", "deployment"],
        "price_model": "free",
        "language": "English",
        "last_reviewed": "2026-07-05",
    },
    {
        "slug": "unit-testing-with-python",
        "title": "Unit Testing with Python",
        "provider": "pluralsight",
        "url": "https://www.pluralsight.com/courses/unit-testing-python",
        "rating": "7.8",
        "review": (
            "Emily Bache covers unittest, pytest, test doubles and parameterised tests with "
            "a practitioner's eye for what makes tests maintainable. Short and focused."
        ),
        "level": "intermediate",
        "topics": ["testing", "python"],
        "price_model": "subscription",
        "language": "English",
        "last_reviewed": "2026-02-15",
    },
]
