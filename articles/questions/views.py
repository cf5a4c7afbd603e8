"""Hỏi đáp's public pages: the published questions and answers, each one's page, and the form to ask."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView, TemplateView

from articles.pagination import filtered_page
from portal import limits

from .forms import AskForm, QuestionFilterForm
from .models import Question

SENT_PARAMETER = "da-gui"


class QuestionListView(TemplateView):
    template_name = "questions/list.html"

    def get_context_data(self, **kwargs):
        form = QuestionFilterForm(self.request.GET)
        filters = form.filters()
        questions = Question.objects.published().for_listing().newest_first()
        if "topic" in filters:
            questions = questions.filter(topic=filters["topic"])
        if "q" in filters:
            questions = questions.matching(filters["q"])
        page, filter_query = filtered_page(self.request, questions, settings.QUESTIONS_PER_PAGE)
        return super().get_context_data(
            form=form,
            is_filtered=bool(filters),
            page_obj=page,
            questions=page.object_list,
            filter_query=filter_query,
            **kwargs,
        )


class QuestionView(DetailView):
    template_name = "questions/detail.html"
    context_object_name = "question"

    def get_object(self, queryset=None):
        return get_object_or_404(Question.objects.published().for_listing(), pk=self.kwargs["pk"])


class AskView(FormView):
    """The form; a question that passes it is stored as waiting, unseen until answered and published.

    Only questions that pass validation count against the address's hourly limit: a reader correcting a
    mistake is not punished, and a flood of junk is still refused by validation. Past the limit the answer
    is 429 with the form as typed and nothing stored. A filled honeypot gets the same thanks as a reader, so
    a bot learns nothing, and nothing is stored.
    """

    template_name = "questions/ask.html"
    form_class = AskForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(sent=SENT_PARAMETER in self.request.GET, **kwargs)

    def form_valid(self, form):
        verdict = limits.take(
            self.request, scope="questions", limit=settings.QUESTIONS_PER_ADDRESS_PER_HOUR, window=limits.HOUR
        )
        if not verdict.allowed:
            response = self.render_to_response(self.get_context_data(form=form, limited=verdict), status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        if not form.caught_a_bot:
            form.save()
        return redirect(f"{self.request.path}?{SENT_PARAMETER}=1")
