"""Django's Redis cache, keeping one client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call, and
building one copies its table of response callbacks (thousands of dictionary writes). The page
cache makes several calls per request: a hit spent about a third of its time there. A
``redis.Redis`` is safe to share between threads (the pool hands out connections) and after a
fork (the pool notices a new process id and reconnects).
"""

import logging
import pickle

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient, RedisSerializer

logger = logging.getLogger(__name__)


class DeployTolerantSerializer(RedisSerializer):
    """An entry written by an older release whose classes no longer load (a model or module
    renamed: routes and the chrome keep model instances) is a miss, not a 500."""

    def loads(self, data):
        try:
            return super().loads(data)
        except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError) as error:
            logger.warning("Cache entry from another release ignored: %r", error)
            return None


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        if type(self._serializer) is RedisSerializer:
            self._serializer = DeployTolerantSerializer(self._serializer.protocol)

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
