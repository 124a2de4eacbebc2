"""Suggestions while typing in a search box (to be built)."""

from django.http import JsonResponse


def suggestions(request):
    return JsonResponse({"suggestions": []})
