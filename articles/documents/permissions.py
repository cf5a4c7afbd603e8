"""Every permission the newsroom grants on the document library, named once.

Roles (accounts/roles.py) are built from these names, the rules (articles/documents/policy.py) check them,
and `Document.Meta.permissions` declares the custom ones from `DOCUMENT_WORKFLOW`, as articles/permissions.py
does for articles.
"""

from accounts.permissions import Permission, model_permissions

VIEW_DOCUMENT, ADD_DOCUMENT, CHANGE_DOCUMENT, DELETE_DOCUMENT = model_permissions("documents", "document")
VIEW_DOCUMENTFILE, ADD_DOCUMENTFILE, CHANGE_DOCUMENTFILE, DELETE_DOCUMENTFILE = model_permissions(
    "documents", "documentfile"
)
VIEW_DOCUMENTKIND, ADD_DOCUMENTKIND, CHANGE_DOCUMENTKIND, DELETE_DOCUMENTKIND = model_permissions(
    "documents", "documentkind"
)

EDIT_OTHERS_DOCUMENT = Permission(
    "documents.edit_others_document", "Sửa văn bản chưa xuất bản của người khác"
)
PUBLISH_DOCUMENT = Permission("documents.publish_document", "Xuất bản, hẹn giờ, gỡ văn bản")
EDIT_PUBLISHED_DOCUMENT = Permission("documents.edit_published_document", "Sửa văn bản đã xuất bản")

# The document's own permissions beyond Django's four, in the order the admin lists them.
DOCUMENT_WORKFLOW = (EDIT_OTHERS_DOCUMENT, PUBLISH_DOCUMENT, EDIT_PUBLISHED_DOCUMENT)
