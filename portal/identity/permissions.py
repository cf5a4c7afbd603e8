"""Every permission on the portal's identity (profile, menu, agency links), named once: for administrators."""

from accounts.permissions import model_permissions

VIEW_SITEPROFILE, ADD_SITEPROFILE, CHANGE_SITEPROFILE, DELETE_SITEPROFILE = model_permissions(
    "identity", "siteprofile"
)
VIEW_MENUITEM, ADD_MENUITEM, CHANGE_MENUITEM, DELETE_MENUITEM = model_permissions("identity", "menuitem")
VIEW_AGENCYLINK, ADD_AGENCYLINK, CHANGE_AGENCYLINK, DELETE_AGENCYLINK = model_permissions(
    "identity", "agencylink"
)
