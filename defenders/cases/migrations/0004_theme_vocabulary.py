"""The office's vocabulary of themes, seeded once; staff keep it from then on (add, rename, retire)."""

from django.db import migrations

THEMES = {
    "judicial-harassment": "Judicial harassment",
    "arbitrary-detention": "Arbitrary detention",
    "counter-terrorism-and-extremism-laws": "Misuse of counter-terrorism or extremism laws",
    "reprisals": "Reprisals for cooperation with the UN",
    "women-defenders": "Women human rights defenders",
    "environmental-and-land-defenders": "Environmental and land defenders",
    "indigenous-peoples-rights-defenders": "Indigenous peoples' rights defenders",
    "journalists-and-media-workers": "Journalists and media workers",
    "lawyers": "Lawyers",
    "killings": "Killings of defenders",
    "enforced-disappearance": "Enforced disappearance",
    "torture-and-ill-treatment": "Torture and ill-treatment",
    "smear-campaigns-and-stigmatisation": "Smear campaigns and stigmatisation",
    "restrictions-on-civil-society": "Restrictions on civil society (registration, funding, foreign agent laws)",
    "freedom-of-peaceful-assembly": "Freedom of peaceful assembly",
    "digital-surveillance": "Digital surveillance and online attacks",
    "travel-bans": "Travel bans",
    "lgbti-rights-defenders": "LGBTI rights defenders",
    "business-and-human-rights": "Business and human rights",
}


def seed(apps, schema_editor):
    Theme = apps.get_model("cases", "Theme")
    for slug, name in THEMES.items():
        # A theme the demo or an import made already (by slug or by name) is kept as it is, never duplicated.
        if Theme.objects.filter(slug=slug).exists() or Theme.objects.filter(name=name).exists():
            continue
        Theme.objects.create(slug=slug, name=name)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_file_workspace")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
