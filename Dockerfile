FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=site_config.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 app

COPY pyproject.toml ./
RUN pip install --no-cache-dir . gunicorn

COPY --chown=app:app . .
# collectstatic needs the required production variables only to import settings.
RUN SECRET_KEY=collectstatic DATABASE_URL=sqlite:////tmp/x ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

USER app
EXPOSE 8000
CMD ["gunicorn", "site_config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", "--access-logfile", "-"]
