"""Read a published summary (“shorter version”) as the office's site prints it, into its parts."""

from dataclasses import dataclass, field

SECTION_HEADINGS = ("BACKGROUND", "ALLEGATIONS", "CONCERNS")
TOPIC_PREFIX = "Topic: "


@dataclass
class PublishedSummary:
    title: str
    introduction: str
    topic: str = ""
    sections: dict[str, str] = field(default_factory=dict)


def read_published_summary(text: str) -> PublishedSummary:
    """Split the text at its section headings; paragraphs stay separated by blank lines."""
    paragraphs = [
        paragraph.strip() for paragraph in text.replace("\r\n", "\n").split("\n\n") if paragraph.strip()
    ]
    summary = PublishedSummary(title=paragraphs[0], introduction=paragraphs[1])
    current: str | None = None
    collected: dict[str, list[str]] = {heading: [] for heading in SECTION_HEADINGS}
    for paragraph in paragraphs[2:]:
        if paragraph in SECTION_HEADINGS:
            current = paragraph
        elif paragraph == "Actions":
            current = None
        elif current == "BACKGROUND" and paragraph.startswith(TOPIC_PREFIX):
            summary.topic = paragraph.removeprefix(TOPIC_PREFIX)
        elif current is not None:
            collected[current].append(paragraph)
    summary.sections = {heading: "\n\n".join(collected[heading]) for heading in SECTION_HEADINGS}
    return summary
