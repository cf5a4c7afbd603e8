from django.http import Http404
from django.views import View


class QuestionListView(View):
    def get(self, request):
        raise Http404


class AskView(View):
    def get(self, request):
        raise Http404


class QuestionView(View):
    def get(self, request, pk):
        raise Http404
