# The web, migrate and scheduler image (see docker-compose.yml). Configured by environment only.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=site_config.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 app

# Dependencies first, so that a code change does not reinstall them (gunicorn is one of them).
COPY pyproject.toml ./
RUN pip install --no-cache-dir .

COPY --chown=app:app . .
# collectstatic needs the required production variables only to import the settings.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/unused.sqlite3 ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

USER app
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=3)"]
CMD ["gunicorn", "site_config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--graceful-timeout", "20", "--access-logfile", "-"]
