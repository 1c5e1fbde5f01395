"""No models. Its presence makes Django send `post_migrate` for this app, which apps.py listens
to (Django sends it only for apps with a models module)."""
