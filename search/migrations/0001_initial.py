import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchQueryLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "query",
                    models.CharField(help_text="Lower-cased, whitespace collapsed.", max_length=200),
                ),
                ("hits", models.PositiveIntegerField(verbose_name="results")),
                (
                    "searched_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
            ],
            options={
                "verbose_name": "search log entry",
                "verbose_name_plural": "search log",
                "ordering": ["-searched_at"],
                "indexes": [models.Index(fields=["hits", "query"], name="search_log_hits_query")],
            },
        ),
    ]
