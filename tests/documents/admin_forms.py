"""The admin's document form as a browser posts it, for tests that manage documents through the admin."""

from django.utils import timezone

from articles.documents.models import Document, DocumentKind

ADMIN = "/quan-tri/documents/document"


def document_form(document: Document | None = None, *, files=(), **changes) -> dict:
    """The document's own values (or an ordinary new draft's), with `changes` typed over them.

    `files` are the inline's new rows: uploads (SimpleUploadedFile) for the "tệp" column. Saved files are
    posted back as the page shows them.
    """
    if document is None:
        typed = {
            "kind": DocumentKind.objects.get(name="Kết luận").pk,
            "number": "12-KL/HU",
            "issued_on": "18/05/2024",
            "effective_on": "",
            "issuer": "Ban Thường vụ Huyện ủy",
            "signer": "Phạm Văn Quang",
            "summary": "Về tăng cường công tác tuyên truyền trong tình hình mới",
            "slug": "",
            "status": Document.Status.DRAFT,
        }
        saved = []
    else:
        published_at = timezone.localtime(document.published_at) if document.published_at else None
        typed = {
            "kind": document.kind_id,
            "number": document.number,
            "issued_on": document.issued_on.strftime("%d/%m/%Y"),
            "effective_on": document.effective_on.strftime("%d/%m/%Y") if document.effective_on else "",
            "issuer": document.issuer,
            "signer": document.signer,
            "summary": document.summary,
            "slug": document.slug,
            "status": document.status,
            "published_at_0": published_at.strftime("%d/%m/%Y") if published_at else "",
            "published_at_1": published_at.strftime("%H:%M:%S") if published_at else "",
        }
        saved = list(document.files.all())
    rows = [{"id": attached.pk, "order": attached.order} for attached in saved]
    rows += [{"id": "", "order": order, "file": upload} for order, upload in enumerate(files, start=1)]
    data = {
        **typed,
        "files-TOTAL_FORMS": str(len(rows)),
        "files-INITIAL_FORMS": str(len(saved)),
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        row["document"] = document.pk if document else ""
        data.update({f"files-{number}-{name}": value for name, value in row.items()})
    return {**data, **changes}
