import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleImage, Category


def jpeg_file(name="anh.jpg", size=(64, 48), color=(180, 20, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, public since an hour ago, unless told otherwise."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Hội nghị triển khai nhiệm vụ số {n}")
    category = factory.SubFactory(CategoryFactory)
    lead = "Sáng nay, Huyện ủy tổ chức hội nghị triển khai nhiệm vụ trọng tâm."
    body = "<p>Đoạn thứ nhất của bài.</p><p>Đoạn thứ hai của bài.</p>"
    byline = "Nguyễn Văn An - Tuyên giáo"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(jpeg_file)
    caption = factory.Sequence(lambda n: f"Ảnh hoạt động {n}")
    alt_text = "Đại biểu dự hội nghị"


def staff_in_role(role, **kwargs):
    """A non-superuser staff member holding exactly `role`, as an administrator would set them up."""
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user
