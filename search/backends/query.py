"""From what a visitor typed to the query the search backend runs (to be built)."""


def build_query(text, language_code):
    """The query object for `.search()`: the typed words, widened with their synonyms."""
    return text
