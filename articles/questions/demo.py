"""Hỏi đáp's demo content, for `manage.py seed_demo`: readers' questions, most answered and published.

The questions are data (demo_questions.json beside this module); this module files them under their topics
with dates spread over the last months, as a working Hỏi đáp would have them.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from .models import Question, Topic

DATA_FILE = Path(__file__).with_name("demo_questions.json")
Status = Question.Status
# How long after a question was asked it was answered, and then published.
ANSWERED_AFTER = timedelta(days=3, hours=2)
PUBLISHED_AFTER = timedelta(days=4, hours=5)


def ensure_questions() -> str:
    """Create the demo questions not there yet (known by their title); one summary line."""
    records = json.loads(DATA_FILE.read_text(encoding="utf-8"))["questions"]
    existing = set(Question.objects.values_list("title", flat=True))
    created = []
    with transaction.atomic():
        for record in records:
            if record["title"] not in existing:
                created.append(_create(record))
    if not created:
        return f"Questions: all {len(records)} already there."
    by_status = {status: sum(question.status == status for question in created) for status in Status}
    return (
        f"Questions: {len(created)} created ({by_status[Status.PUBLISHED]} published, "
        f"{by_status[Status.WAITING]} waiting, {by_status[Status.ANSWERED]} answered), "
        f"{len(records) - len(created)} already there."
    )


def _create(record: dict) -> Question:
    # The list of topics is the administrators' to edit; a renamed topic comes back for the demo.
    topic, _ = Topic.objects.get_or_create(
        name=record["topic"], defaults={"position": Topic.objects.count() + 1}
    )
    asked_at = timezone.now() - timedelta(days=record["asked_days_ago"], hours=len(record["title"]) % 9)
    status = record["status"]
    answered = status in {Status.ANSWERED, Status.PUBLISHED}
    return Question.objects.create(
        asker_name=record["asker_name"],
        asker_email=record["asker_email"],
        asker_phone=record["asker_phone"],
        topic=topic,
        title=record["title"],
        question=record["question"],
        answer="".join(f"<p>{escape(paragraph)}</p>" for paragraph in record["answer"]),
        answering_unit=record["answering_unit"],
        status=status,
        asked_at=asked_at,
        answered_at=asked_at + ANSWERED_AFTER if answered else None,
        published_at=asked_at + PUBLISHED_AFTER if status == Status.PUBLISHED else None,
    )
