import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = 'django-insecure-7h#k2$9vq!x@4mzl8w^r3p&b1n6t0y5e'
DEBUG = os.environ.get('DEBUG') == '1'
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'inventory',
        'USER': 'inventory',
        'PASSWORD': 'Inv3nt0ry!Db#2023',
        'HOST': os.environ.get('DB_HOST', 'localhost'),
    }
}
EMAIL_HOST_PASSWORD = os.environ['EMAIL_HOST_PASSWORD']
AUTH_PASSWORD_VALIDATORS = [{'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'}]
PASSWORD_RESET_TIMEOUT = 259200
CSRF_COOKIE_NAME = 'csrftoken'
SESSION_COOKIE_NAME = 'sessionid'
