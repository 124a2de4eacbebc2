"""``{% feedback_url page as url %}``: the "Klopt er iets niet?" form of a page, or ""."""

from django import template

from core.feedback.registry import feedback_url as _feedback_url

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_url(context, page):
    return _feedback_url(page, context.get("request"))
