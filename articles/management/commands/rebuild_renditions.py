from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Article, ArticleImage
from articles.photos import renditions


class Command(BaseCommand):
    help = (
        "Make again every photo's responsive renditions (480/960/1600 px, WebP and JPEG) and its 1200-px "
        "JPEG for sharing: article covers, gallery photos and photos inside article bodies. Use after "
        "changing the rendition settings or restoring media from a backup. With --missing, only renditions "
        "that do not exist yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Skip renditions that already exist.")

    def handle(self, *args, missing, **options):
        names = set(Article.objects.exclude(cover_image="").values_list("cover_image", flat=True))
        names |= set(ArticleImage.objects.values_list("image", flat=True))
        for body in Article.objects.filter(body__contains="<img").values_list("body", flat=True).iterator():
            names |= renditions.body_photo_names(body)
        made, not_photos = 0, []
        for name in tqdm(sorted(names), desc="Renditions", unit="photo", file=self.stderr, disable=None):
            if renditions.generate_for_stored(name, force=not missing) is None:
                not_photos.append(name)
            else:
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions made for {made} photos."))
        for name in not_photos:
            self.stderr.write(f"Not a stored photo (missing, a folder or not an image): {name}")
