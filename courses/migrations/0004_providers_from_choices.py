"""Turn the old fixed provider choices into Provider rows, and point every course and every
course revision at its row. "Other" was never a provider: those courses get none, and readers
see no provider for them. Reversible: going back, a provider outside the old list reads "other".
"""

from django.db import migrations

# The old Course.provider choices (value, label), with each provider's website.
OLD_CHOICES = [
    ("coursera", "Coursera", "https://www.coursera.org/"),
    ("udemy", "Udemy", "https://www.udemy.com/"),
    ("edx", "edX", "https://www.edx.org/"),
    ("pluralsight", "Pluralsight", "https://www.pluralsight.com/"),
    ("freecodecamp", "freeCodeCamp", "https://www.freecodecamp.org/"),
]
OTHER = "other"


def course_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    course_type = ContentType.objects.filter(app_label="courses", model="course").first()
    if course_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(base_content_type=course_type)


def forwards(apps, schema_editor):
    Provider = apps.get_model("courses", "Provider")
    Course = apps.get_model("courses", "Course")
    by_value = {}
    for value, name, website in OLD_CHOICES:
        provider, _ = Provider.objects.get_or_create(
            slug=value, defaults={"name": name, "website": website}
        )
        by_value[value] = provider
        Course.objects.filter(provider=value).update(provider_record=provider)
    # Drafts and old revisions store the provider too; they must load as the new field.
    for revision in course_revisions(apps).iterator():
        if "provider" in revision.content:
            provider = by_value.get(revision.content["provider"])
            revision.content["provider"] = provider.pk if provider else None
            revision.save(update_fields=["content"])


def backwards(apps, schema_editor):
    Provider = apps.get_model("courses", "Provider")
    Course = apps.get_model("courses", "Course")
    old_values = {value for value, _name, _website in OLD_CHOICES}
    slugs = dict(Provider.objects.values_list("pk", "slug"))

    def old_value(pk):
        slug = slugs.get(pk)
        return slug if slug in old_values else OTHER

    Course.objects.update(provider=OTHER)
    for pk in set(Course.objects.values_list("provider_record", flat=True)):
        if pk is not None:
            Course.objects.filter(provider_record=pk).update(provider=old_value(pk))
    for revision in course_revisions(apps).iterator():
        if "provider" in revision.content:
            revision.content["provider"] = old_value(revision.content["provider"])
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_provider"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
