from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_indexes")]

    operations = [
        migrations.CreateModel(
            name="SearchIndexVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "search index version"},
        ),
    ]
