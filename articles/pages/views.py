from django.http import Http404
from django.views import View


class SiteMapView(View):
    def get(self, request):
        raise Http404


class PageView(View):
    def get(self, request, page_path):
        raise Http404
