import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("communications", "0006_communication_permissions")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "communication",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="communications.communication",
                    ),
                ),
                ("language", models.CharField(default="en", max_length=2)),
                ("title", models.TextField(blank=True, help_text="The public title, redacted.")),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        help_text="Topic, public sections, full letter and public reply summaries, redacted.",
                    ),
                ),
                (
                    "reply_status",
                    models.CharField(
                        choices=[
                            ("none", "No reply"),
                            ("replied", "Replied"),
                            ("procedural", "Procedural reply only"),
                            ("confidential", "Replied (confidential)"),
                            ("translation_pending", "Replied (translation pending)"),
                        ],
                        db_index=True,
                        default="none",
                        max_length=20,
                    ),
                ),
            ],
        ),
    ]
