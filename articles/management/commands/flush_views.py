from django.core.management.base import BaseCommand, CommandError

from articles.counting import flush_views
from articles.counting.buffer import UNAVAILABLE


class Command(BaseCommand):
    help = (
        "Write the views buffered in Redis (VIEW_BUFFER_URL) to the database now, including batches a "
        "stopped worker left half-done; none is counted twice. Readers' requests already do this every "
        "VIEW_FLUSH_SECONDS; run it before stopping Redis or to see the counts at once. Without "
        "VIEW_BUFFER_URL views are written at once and there is nothing to do."
    )

    def handle(self, *args, **options):
        try:
            applied = flush_views()
        except UNAVAILABLE as error:
            raise CommandError(f"The view buffer (Redis) is unreachable: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"{applied} views written to the database."))
