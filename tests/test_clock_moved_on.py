"""The demo site as time passes: every page still works two months and thirteen months on.

Every event page once answered 500 as soon as its dates were over: the tests only ever looked
on the day the demo was loaded. Here the clock moves on (``time-machine``) over the same data.
"""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events.models import EventOccurrence
from tests.crawler import check_every_page

pytestmark = pytest.mark.usefixtures("demo_site")

LATER = {"at load time": 0, "two months on": 61, "thirteen months on": 396}


@pytest.mark.parametrize("when", LATER, ids=lambda when: when.replace(" ", "-"))
def test_every_page_and_link_works_as_time_passes(demo_site, when, record_property):
    moment = timezone.now() + dt.timedelta(days=LATER[when])
    with time_machine.travel(moment, tick=False):
        cache.clear()  # what was cached "until the dates change" has changed
        result, pages, problems = check_every_page(Client(raise_request_exception=False), demo_site)
        past = EventOccurrence.objects.filter(ends_at__lt=timezone.now()).count()
    assert not problems, "\n".join(problems)
    assert pages > 140
    if LATER[when]:
        assert past > 0  # the check really ran over events that are over
    record_property("count", f"clock {when}: {pages} pages and {len(result.statuses)} URLs checked")
