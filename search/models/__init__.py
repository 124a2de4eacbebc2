from .queries import DailySearchCount
from .synonyms import SearchSynonym

__all__ = ["DailySearchCount", "SearchSynonym"]
