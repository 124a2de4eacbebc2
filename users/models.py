from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Our own user model from the first migration, because swapping it later is painful.

    Nothing is added yet; fields such as the coalition an editor works for go here.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
