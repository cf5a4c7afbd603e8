"""Every permission the newsroom grants on the standing pages, named once (as articles/permissions.py)."""

from accounts.permissions import model_permissions

VIEW_PAGE, ADD_PAGE, CHANGE_PAGE, DELETE_PAGE = model_permissions("pages", "page")
