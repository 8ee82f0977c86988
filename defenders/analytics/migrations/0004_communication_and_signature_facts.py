"""The facts the figures count, one row per sent communication and one per signature, filled from the
communications already stored."""

import django.db.models.deletion
from django.db import migrations, models


def _fill(apps, schema_editor):
    # A new database has nothing to fill, and must not depend on the code of today's facts.py.
    if not apps.get_model("communications", "Communication").objects.filter(sent_on__isnull=False).exists():
        return
    from defenders.analytics import facts

    facts.rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('addressees', '0001_initial'),
        ('analytics', '0003_history_reason_text'),
        ('communications', '0011_field_labels'),
        ('mandates', '0002_plausible_days'),
    ]

    operations = [
        migrations.CreateModel(
            name='CommunicationFacts',
            fields=[
                ('communication', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='communications.communication')),
                ('type', models.CharField(max_length=2)),
                ('sent_on', models.DateField()),
                ('year', models.PositiveSmallIntegerField()),
                ('first_public_day', models.DateField(help_text='embargo.first_public_day() of its type and day of sending.')),
                ('never_public', models.BooleanField(help_text='Withheld, or its redacted text still shows a withheld name: embargo.public_from() is None.')),
                ('first_reply_on', models.DateField(null=True)),
                ('first_substantive_reply_on', models.DateField(null=True)),
                ('days_to_first_reply', models.IntegerField(null=True)),
                ('addressee', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='addressees.addressee')),
            ],
            options={
                'verbose_name': "communication's facts",
                'verbose_name_plural': "communications' facts",
            },
        ),
        migrations.CreateModel(
            name='SignatureFacts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_lead', models.BooleanField()),
                ('type', models.CharField(max_length=2)),
                ('year', models.PositiveSmallIntegerField()),
                ('first_public_day', models.DateField()),
                ('never_public', models.BooleanField()),
                ('first_reply_on', models.DateField(null=True)),
                ('first_substantive_reply_on', models.DateField(null=True)),
                ('days_to_first_reply', models.IntegerField(null=True)),
                ('communication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='communications.communication')),
                ('mandate', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='mandates.mandate')),
            ],
            options={
                'verbose_name': "signature's facts",
                'verbose_name_plural': "signatures' facts",
            },
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
    ]
