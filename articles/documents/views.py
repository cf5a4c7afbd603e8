"""The document library's public pages: the list with its filters, each document's page, its downloads."""

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

from articles.models import Article
from articles.pagination import filtered_page

from .models import Document, DocumentKind

DOCUMENTS_PER_PAGE = 20
# Years a reader could mean; anything else in ?year= is ignored rather than sent to the database.
EARLIEST_YEAR, LATEST_YEAR = 1930, 2100


class DocumentFilterForm(forms.Form):
    """The list's filters, read from the query string. A value that makes no sense is dropped, not an error:
    readers and crawlers send "?year=abc" and "?kind=999", and they get the library, unfiltered by it."""

    q = forms.CharField(
        label="Số ký hiệu, trích yếu",
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"placeholder": "Ví dụ: 01-KL/TW, hoc tap lam theo Bac"}),
    )
    kind = forms.ModelChoiceField(
        label="Hình thức", queryset=DocumentKind.objects.all(), required=False, empty_label="Tất cả hình thức"
    )
    issuer = forms.ChoiceField(label="Cơ quan ban hành", required=False)
    year = forms.TypedChoiceField(label="Năm ban hành", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, issuers, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [("", "Tất cả cơ quan"), *((issuer, issuer) for issuer in issuers)]
        self.fields["year"].choices = [("", "Tất cả các năm"), *((year, year) for year in years)]

    def filters(self) -> dict:
        """The valid filters only: each field that did not validate is left out on its own."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class DocumentListView(TemplateView):
    template_name = "documents/list.html"

    def get_context_data(self, **kwargs):
        public = Document.objects.published()
        form = DocumentFilterForm(
            self.request.GET,
            issuers=public.order_by("issuer").values_list("issuer", flat=True).distinct(),
            years=[day.year for day in public.dates("issued_on", "year", order="DESC")],
        )
        filters = form.filters()
        documents = public.for_listing().newest_first()
        if "kind" in filters:
            documents = documents.filter(kind=filters["kind"])
        if "issuer" in filters:
            documents = documents.filter(issuer=filters["issuer"])
        if "year" in filters:
            documents = documents.filter(issued_on__year=filters["year"])
        if "q" in filters:
            documents = documents.matching(filters["q"])
        page, filter_query = filtered_page(self.request, documents, DOCUMENTS_PER_PAGE)
        return super().get_context_data(
            form=form,
            is_filtered=bool(filters),
            page_obj=page,
            documents=page.object_list,
            filter_query=filter_query,
            **kwargs,
        )


class DocumentDetailView(DetailView):
    template_name = "documents/detail.html"
    context_object_name = "document"

    def get_object(self, queryset=None):
        return get_object_or_404(Document.objects.published().for_listing(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            canonical_url=self.request.build_absolute_uri(self.object.get_absolute_url()),
            related_articles=Article.objects.published()
            .filter(related_documents=self.object)
            .for_listing()
            .newest_first(),
            **kwargs,
        )


def download(request, pk, file_pk):
    """A public document's file, under the name it was uploaded with; 404 for anything not public."""
    document = get_object_or_404(Document.objects.published(), pk=pk)
    attached = get_object_or_404(document.files, pk=file_pk)
    try:
        stored = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("Không tìm thấy tệp.") from None
    # as_attachment with the original name: Django writes RFC 6266 / 5987 headers, so "Kết luận.pdf" arrives
    # as "Kết luận.pdf" and not as the random name it is stored under.
    return FileResponse(
        stored, as_attachment=True, filename=attached.original_name, content_type=attached.content_type
    )
