import django.db.models.deletion
import django.db.models.functions.text
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):
    """Providers become records. Three steps, each its own transaction: PostgreSQL refuses to
    alter a table whose rows were just updated with deferred foreign-key checks pending."""

    dependencies = [
        ("courses", "0002_catalogue_finder_log_link_checks"),
    ]

    operations = [
        migrations.CreateModel(
            name="Provider",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="As readers see it: “Go to the course on …”.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        blank=True,
                        help_text=(
                            "Made from the name when left blank; the CSV import accepts it "
                            "or the name."
                        ),
                        max_length=100,
                        unique=True,
                    ),
                ),
                ("website", models.URLField(blank=True, max_length=300, verbose_name="website")),
            ],
            options={
                "ordering": [django.db.models.functions.text.Lower("name")],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name="course",
            name="provider_record",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="courses.provider",
            ),
        ),
    ]
