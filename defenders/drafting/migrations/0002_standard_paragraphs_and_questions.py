"""The office's starting library: standard paragraphs of law and standard questions, in the style of Special
Procedures letters (short paraphrases; staff edit and extend them in the workspace)."""

from django.db import migrations

ICCPR = "International Covenant on Civil and Political Rights"
DECLARATION = "Declaration on Human Rights Defenders"

LAW = [
    (
        "ICCPR",
        "9",
        "Liberty and security of person",
        f"We refer to article 9 of the {ICCPR} (ICCPR), which guarantees the right to liberty and security of "
        "person, prohibits arbitrary arrest and detention, and requires that anyone arrested be informed "
        "promptly of the reasons and of any charges, be brought promptly before a judge, and be entitled to "
        "challenge the lawfulness of the detention before a court. Detention for the peaceful exercise of the "
        "rights guaranteed by the Covenant is arbitrary.",
    ),
    (
        "ICCPR",
        "14",
        "Fair trial",
        "We refer to article 14 of the ICCPR, which guarantees everyone a fair and public hearing by a "
        "competent, independent and impartial tribunal established by law, the presumption of innocence, "
        "adequate time and facilities to prepare a defence, and communication with counsel of one's own "
        "choosing.",
    ),
    (
        "ICCPR",
        "17",
        "Privacy",
        "We refer to article 17 of the ICCPR, which protects everyone against arbitrary or unlawful "
        "interference with their privacy, family, home or correspondence; any interference, including "
        "surveillance and searches, must be provided by law, pursue a legitimate aim and be necessary and "
        "proportionate.",
    ),
    (
        "ICCPR",
        "19",
        "Freedom of opinion and expression",
        "We refer to article 19 of the ICCPR, which guarantees the right to hold opinions without interference "
        "and the right to freedom of expression, including the freedom to seek, receive and impart information "
        "and ideas of all kinds. Restrictions must be provided by law and be necessary and proportionate to "
        "respect the rights or reputations of others, or to protect national security, public order, public "
        "health or morals. Laws on extremism or terrorism must not be used to silence criticism or the "
        "dissemination of information on human rights.",
    ),
    (
        "ICCPR",
        "21",
        "Peaceful assembly",
        "We refer to article 21 of the ICCPR, which recognises the right of peaceful assembly. Restrictions "
        "must be imposed in conformity with the law and be necessary in a democratic society in the interests "
        "of national security or public safety, public order, the protection of public health or morals or "
        "the protection of the rights and freedoms of others.",
    ),
    (
        "ICCPR",
        "22",
        "Freedom of association",
        "We refer to article 22 of the ICCPR, which guarantees the right to freedom of association with "
        "others. Restrictions, including the dissolution or designation of organisations, must be prescribed "
        "by law and necessary in a democratic society for one of the aims the article lists.",
    ),
    (
        DECLARATION,
        "1",
        "The right to promote and protect human rights",
        "We refer to the United Nations Declaration on the Right and Responsibility of Individuals, Groups and "
        "Organs of Society to Promote and Protect Universally Recognized Human Rights and Fundamental Freedoms "
        "(the Declaration on Human Rights Defenders), adopted by the General Assembly in resolution 53/144, and "
        "in particular its article 1, which provides that everyone has the right, individually and in "
        "association with others, to promote and to strive for the protection and realization of human rights "
        "and fundamental freedoms at the national and international levels.",
    ),
    (
        DECLARATION,
        "2",
        "The duty of the State to protect",
        "Article 2 of the Declaration on Human Rights Defenders places on each State the prime responsibility "
        "and duty to protect, promote and implement all human rights, including by adopting the legislative, "
        "administrative and other steps needed to ensure that these rights are effectively guaranteed.",
    ),
    (
        DECLARATION,
        "5",
        "Meeting, assembling and associating",
        "Article 5 of the Declaration provides that, for the purpose of promoting and protecting human rights, "
        "everyone has the right, individually and in association with others, to meet or assemble peacefully, "
        "to form, join and participate in non-governmental organizations, associations or groups, and to "
        "communicate with non-governmental or intergovernmental organizations.",
    ),
    (
        DECLARATION,
        "6",
        "Seeking and sharing information on human rights",
        "Article 6 of the Declaration provides that everyone has the right to know, seek, obtain, receive and "
        "hold information about all human rights, freely to publish, impart or disseminate views, information "
        "and knowledge on them, and to study, discuss and form opinions on their observance, and to draw public "
        "attention to those matters.",
    ),
    (
        DECLARATION,
        "9",
        "Effective remedy",
        "Article 9 of the Declaration provides that everyone has the right to benefit from an effective remedy "
        "and to be protected in the event of the violation of those rights, including to complain about the "
        "policies and actions of officials, and to offer and provide professionally qualified legal assistance "
        "in defending human rights.",
    ),
    (
        DECLARATION,
        "12",
        "Protection against violence and retaliation",
        "Article 12 of the Declaration provides that everyone has the right to participate in peaceful "
        "activities against violations of human rights, and obliges the State to take all necessary measures "
        "to ensure the protection by the competent authorities of everyone against any violence, threats, "
        "retaliation, de facto or de jure adverse discrimination, pressure or any other arbitrary action as a "
        "consequence of the legitimate exercise of the rights referred to in the Declaration.",
    ),
    (
        "Human Rights Council",
        "",
        "Reprisals for cooperation with the United Nations",
        "We recall Human Rights Council resolutions 12/2, 24/24, 36/21, 42/28 and 48/17, in which the Council "
        "urged States to refrain from, and to ensure adequate protection against, any act of intimidation or "
        "reprisal against those who seek to cooperate, cooperate or have cooperated with the United Nations, "
        "its representatives and mechanisms in the field of human rights, and to ensure accountability for "
        "such acts.",
    ),
]

QUESTIONS = [
    "Please provide any additional information and/or comment(s) you may have on the above-mentioned "
    "allegations.",
    "Please provide information on the factual and legal basis for the arrest, detention and charges against "
    "the above-mentioned person(s), and explain how these are compatible with your Excellency's Government's "
    "obligations under international human rights law.",
    "Please explain how these measures are compatible with international human rights norms and standards, "
    "in particular articles 9, 14, 19, 21 and 22 of the ICCPR.",
    "Please provide information on the steps taken to guarantee the physical and psychological integrity of "
    "the above-mentioned person(s), and their access to a lawyer of their choosing and to their family.",
    "Please indicate whether any investigation has been opened into the allegations, and its results; if none "
    "has, please explain why.",
    "Please indicate what measures have been taken to ensure that human rights defenders are able to carry "
    "out their legitimate work in a safe and enabling environment, without fear of threats, acts of "
    "intimidation or harassment of any sort.",
    "Please indicate the measures taken to ensure that no one is subjected to intimidation or reprisals for "
    "cooperating with the United Nations in the field of human rights.",
]


def add_library(apps, schema_editor):
    LawParagraph = apps.get_model("drafting", "LawParagraph")
    StandardQuestion = apps.get_model("drafting", "StandardQuestion")
    for order, (instrument, article, title, text) in enumerate(LAW, start=1):
        LawParagraph.objects.create(instrument=instrument, article=article, title=title, text=text, order=order * 10)
    for order, text in enumerate(QUESTIONS, start=1):
        StandardQuestion.objects.create(text=text, order=order * 10)


def remove_library(apps, schema_editor):
    apps.get_model("drafting", "LawParagraph").objects.all().delete()
    apps.get_model("drafting", "StandardQuestion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("drafting", "0001_initial")]

    operations = [migrations.RunPython(add_library, remove_library)]
