"""Production settings: `check --deploy` passes, and settings come from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "prod-" + "k3y-with-enough-entropy-for-django-check-deploy-0123456789abcdef",
    "ALLOWED_HOSTS": "cocrea.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "EMAIL_URL": "smtp+tls://usuario:clave@smtp.example.org:587",
    "STATIC_MANIFEST": "1",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "SECURE_SSL_REDIRECT"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_redis_cache_and_sessions_when_redis_url_is_set():
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    )
    result = _manage(
        "shell", "--no-imports", "-c", code, **PRODUCTION_ENV, REDIS_URL="redis://127.0.0.1:6379/1"
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",  # written through to the database
    ], result.stderr


def test_a_read_replica_gets_its_own_pooled_connection_and_the_router():
    code = (
        "from django.conf import settings; r = settings.DATABASES['replica']; "
        "print(r['HOST'], r['NAME'], r['OPTIONS']['pool']['max_size'], settings.DATABASE_ROUTERS[0])"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://cocrea@primaria.example.org:5432/cocrea",
        "DATABASE_REPLICA_URL": "postgres://cocrea@replica.example.org:5432/cocrea",
    }
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.stdout.split() == [
        "replica.example.org",
        "cocrea",
        "8",
        "cocrea.core.replicas.PrimaryReplicaRouter",
    ], result.stderr


S3_ENV = {
    "S3_BUCKET": "cocrea-media",
    "S3_ENDPOINT_URL": "https://minio.example.org",
    "S3_ACCESS_KEY": "clave",
    "S3_SECRET_KEY": "secreto-de-prueba",
}


def test_uploads_go_to_a_private_s3_bucket_when_one_is_configured():
    code = (
        "from django.core.files.storage import default_storage as s; s.bucket_name; "
        "print(type(s._wrapped).__name__, s.bucket_name, s.default_acl, s.querystring_auth, "
        "s.location)"
    )
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV, **S3_ENV)
    assert result.stdout.split() == ["S3Storage", "cocrea-media", "None", "True", "media"], (
        result.stderr
    )


def test_the_whole_production_configuration_passes_check_deploy():
    env = {**PRODUCTION_ENV, **S3_ENV, "REDIS_URL": "redis://127.0.0.1:6379/1"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
