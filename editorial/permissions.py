"""Who may delete library images and documents.

Wagtail's policy for images and documents (`CollectionOwnershipPermissionPolicy`) treats
"delete" as "change", and lets whoever uploaded an item change it: anyone who may upload could
delete any image they uploaded, and anyone who may edit images could delete every one, including
images that live guides show. Deleting goes around moderation, so here it needs the collection's
own delete permission (`delete_image`, `delete_document`), which only Moderators hold
(editorial/roles.py). Every other action keeps Wagtail's rules.
"""

from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry

DELETE = "delete"


class DeleteNeedsPermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == DELETE:
            return self._check_perm(user, [DELETE])
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        others = set(actions) - {DELETE}
        if DELETE in actions and self._check_perm(user, [DELETE], collection=instance.collection):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(user, others, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        others = set(actions) - {DELETE}
        if DELETE not in actions:
            return super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return self.model._default_manager.all()
        if not user.is_authenticated:
            return self.model._default_manager.none()
        deletable = self.model._default_manager.filter(
            collection__in=self._collections_with_perm(user, [DELETE])
        )
        if others:
            return deletable | super().instances_user_has_any_permission_for(user, others)
        return deletable

    def users_with_any_permission(self, actions):
        return self._with_deleters(
            actions, self._users_with_perm([DELETE]), super().users_with_any_permission
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        lookup = super().users_with_any_permission_for_instance
        return self._with_deleters(
            actions,
            self._users_with_perm([DELETE], collection=instance.collection),
            lambda others: lookup(others, instance),
        )

    @staticmethod
    def _with_deleters(actions, deleters, others_lookup):
        others = set(actions) - {DELETE}
        if DELETE not in actions:
            return others_lookup(others)
        if not others:
            return deleters
        User = get_user_model()
        return User.objects.filter(pk__in=deleters.values("pk")) | User.objects.filter(
            pk__in=others_lookup(others).values("pk")
        )


def register():
    """Replace Wagtail's image and document policies (called from HomeConfig.ready)."""
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        # exact_class: Wagtail's own apps register theirs (for the class and its subclasses)
        # in their ready(), which may run after ours; an exact-class entry is looked up first.
        policy_registry.register(
            model,
            DeleteNeedsPermissionPolicy(
                model, auth_model=auth_model, owner_field_name="uploaded_by_user"
            ),
            exact_class=True,
        )
