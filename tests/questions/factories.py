from datetime import timedelta

import factory
from django.utils import timezone

from articles.questions.models import Question, Topic


def topic(name="Đất đai, môi trường"):
    """One of the topics the migration gives every site."""
    return Topic.objects.get(name=name)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question answered and published an hour ago, unless told otherwise."""

    class Meta:
        model = Question

    asker_name = "Nguyễn Văn Dân"
    asker_email = factory.Sequence(lambda n: f"nguoihoi{n}@example.com")
    asker_phone = factory.Sequence(lambda n: f"0912 {n:03d} 789")
    topic = factory.LazyFunction(topic)
    title = factory.Sequence(lambda n: f"Hỏi về thủ tục số {n}")
    question = "Xin hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu gồm những gì?"
    answer = "<p>Trả lời: hồ sơ gồm đơn đăng ký và giấy tờ về nhân thân.</p>"
    answering_unit = "Phòng Kinh tế"
    status = Question.Status.PUBLISHED
    asked_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    answered_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


def waiting(**kwargs):
    return QuestionFactory(
        status=Question.Status.WAITING, answer="", answered_at=None, published_at=None, **kwargs
    )


def ask_form(**changes):
    """The question form as a reader's browser posts it, with `changes` typed in."""
    return {
        "asker_name": "Trần Thị Bình",
        "asker_email": "binh.tran@example.com",
        "asker_phone": "0912 345 678",
        "topic": topic().pk,
        "title": "Hỏi về cấp giấy chứng nhận quyền sử dụng đất",
        "question": "Gia đình tôi sử dụng đất ổn định từ năm 1995, xin hỏi thủ tục cấp giấy chứng nhận.",
        "website": "",
        **changes,
    }
