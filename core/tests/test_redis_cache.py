"""The Redis cache keeps one client per pool (Django's makes one per call)."""

import os

import pytest
from django.core.cache.backends.redis import RedisCacheClient

from core.redis_cache import RedisCache


def make_cache(location="redis://127.0.0.1:6379/9"):
    return RedisCache(location, {"KEY_PREFIX": "test-reused-client"})


def test_the_same_client_serves_every_call_of_a_pool():
    cache = make_cache()
    client = cache._cache
    assert isinstance(client, RedisCacheClient)
    first = client.get_client("a")
    assert client.get_client("b") is first
    assert client.get_client("c", write=True) is first  # one server: reads and writes share it


def test_replicas_keep_a_client_each():
    cache = make_cache("redis://127.0.0.1:6379/9;redis://127.0.0.1:6380/9")
    client = cache._cache
    writer = client.get_client(write=True)
    assert client.get_client(write=True) is writer
    readers = {id(client.get_client()) for _ in range(40)}
    assert 1 <= len(readers) <= 2  # one client per replica pool, however many calls


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL)")
def test_values_round_trip_through_the_shared_client():
    cache = make_cache(os.environ["REDIS_URL"])
    cache.set("k", {"v": 1}, 30)
    assert cache.get("k") == {"v": 1}
    assert cache.get_many(["k", "missing"]) == {"k": {"v": 1}}
    cache.delete("k")
    assert cache.get("k") is None


def test_an_entry_of_another_release_is_a_miss_not_an_error():
    """A route or chrome entry pickles model instances: after a deploy that renamed a class,
    reading it must not raise (a 500 on every page until it expires)."""
    import pickle

    serializer = make_cache()._cache._serializer
    assert serializer.loads(serializer.dumps({"a": 1})) == {"a": 1}
    assert serializer.loads(serializer.dumps(7)) == 7
    gone_class = pickle.dumps(ValueError("x")).replace(b"ValueError", b"GoneClass1")
    gone_module = pickle.dumps(pickle.PickleError()).replace(b"_pickle", b"nomodul")
    assert serializer.loads(gone_class) is None
    assert serializer.loads(gone_module) is None
