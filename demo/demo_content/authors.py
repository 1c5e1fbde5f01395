"""The demo guides' authors: invented people, each with a page of their own under /authors/."""

AUTHORS_INTRO = (
    "<p>The people who write and review our guides. Each of them works with the tools they "
    "write about.</p>"
)

AUTHORS = [
    {
        "name": "Maya Okafor",
        "slug": "maya-okafor",
        "role": "Senior editor, web frameworks",
        "bio": (
            "<p>Maya has built Django sites for newsrooms and charities for over a decade. She "
            "writes our Django, REST API and data analysis guides and checks every course we "
            "recommend in them against a project of her own.</p>"
        ),
        "colours": ("#0b5cad", "#36a3a0"),
    },
    {
        "name": "Daniel Brenner",
        "slug": "daniel-brenner",
        "role": "Contributing editor, Python tooling",
        "bio": (
            "<p>Daniel maintains internal Flask services at a logistics company and teaches "
            "testing workshops. He writes about small frameworks and about pytest.</p>"
        ),
        "colours": ("#5b2a86", "#c0487a"),
    },
    {
        "name": "Priya Raman",
        "slug": "priya-raman",
        "role": "Contributing editor, APIs and operations",
        "bio": (
            "<p>Priya runs the platform team of a payments start-up. She writes our FastAPI "
            "and deployment guides, with the checklists she uses at work.</p>"
        ),
        "colours": ("#1d6b3a", "#8fb339"),
    },
    {
        "name": "Tomás Lindqvist",
        "slug": "tomas-lindqvist",
        "role": "Contributing editor, fundamentals and databases",
        "bio": (
            "<p>Tomás taught programming at a further-education college before moving to "
            "database work. He writes our Python fundamentals and SQL guides.</p>"
        ),
        "colours": ("#8a4b00", "#d9a441"),
    },
]
