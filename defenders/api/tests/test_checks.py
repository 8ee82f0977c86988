from django.core import checks as django_checks

from defenders.api import checks


def test_a_rate_that_cannot_be_read_stops_start_up_and_says_how_to_write_one(settings):
    settings.DEFENDERS_EXPORT_RATE = "20 per hour"
    [message] = checks.rates_are_readable()
    assert message.id == "defenders.E030" and message.level == django_checks.ERROR
    assert "DEFENDERS_EXPORT_RATE" in message.msg and "120/m" in str(message.hint)
    settings.DEFENDERS_EXPORT_RATE = "20/5m"
    assert checks.rates_are_readable() == []


def test_a_rate_limit_in_local_memory_is_a_deploy_warning(settings):
    [message] = checks.rate_limit_is_shared()
    assert message.id == "defenders.W030" and "DEFENDERS_CACHE_URL" in str(message.hint)
    assert "defenders.W030" not in {m.id for m in django_checks.run_checks(tags=[checks.TAG])}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ""}}
    assert checks.rate_limit_is_shared() == []
