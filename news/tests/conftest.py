import datetime as dt

import pytest

from news.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home, per_page=2)


@pytest.fixture
def make_news(news_index):
    """make_news(title, date, tags=[...], **fields): a published news item in the index."""

    def make(title, date, tags=(), parent=None, **fields):
        page = NewsPageFactory(
            parent=parent or news_index,
            title=title,
            slug=title.lower().replace(" ", "-"),
            date=date if isinstance(date, dt.date) else dt.date.fromisoformat(date),
            **fields,
        )
        if tags:
            page.tags.add(*tags)
        page.save_revision().publish()
        return page

    return make
