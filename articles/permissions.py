"""Every permission the newsroom grants on articles and categories, named once.

Roles (accounts/roles.py) are built from these names, the rules (articles/policy.py and the workflow steps
in articles/publishing.py) check them, and `Article.Meta.permissions` declares the custom ones from
`ARTICLE_WORKFLOW`: a typo is an error at import, not a permission that silently nobody holds.
"""

from accounts.permissions import Permission, model_permissions

VIEW_ARTICLE, ADD_ARTICLE, CHANGE_ARTICLE, DELETE_ARTICLE = model_permissions("articles", "article")
VIEW_ARTICLEIMAGE, ADD_ARTICLEIMAGE, CHANGE_ARTICLEIMAGE, DELETE_ARTICLEIMAGE = model_permissions(
    "articles", "articleimage"
)
VIEW_CATEGORY, ADD_CATEGORY, CHANGE_CATEGORY, DELETE_CATEGORY = model_permissions("articles", "category")
VIEW_TRASHEDARTICLE = Permission("articles.view_trashedarticle")
DELETE_TRASHEDARTICLE = Permission("articles.delete_trashedarticle")

SUBMIT_ARTICLE = Permission("articles.submit_article", "Gửi bài chờ duyệt")
EDIT_OTHERS_ARTICLE = Permission("articles.edit_others_article", "Sửa bài chưa xuất bản của người khác")
RETURN_ARTICLE = Permission("articles.return_article", "Trả bài về tác giả")
PUBLISH_ARTICLE = Permission("articles.publish_article", "Xuất bản, hẹn giờ đăng bài")
UNPUBLISH_ARTICLE = Permission("articles.unpublish_article", "Gỡ bài đã đăng")
FEATURE_ARTICLE = Permission("articles.feature_article", "Đặt tin nổi bật")
EDIT_PUBLISHED_ARTICLE = Permission("articles.edit_published_article", "Sửa bài đã xuất bản")
RESTORE_ARTICLE = Permission("articles.restore_article", "Khôi phục bài từ thùng rác")
PURGE_ARTICLE = Permission("articles.purge_article", "Xóa vĩnh viễn bài viết")

# The article's own permissions beyond Django's four, in the order the admin lists them.
ARTICLE_WORKFLOW = (
    SUBMIT_ARTICLE,
    EDIT_OTHERS_ARTICLE,
    RETURN_ARTICLE,
    PUBLISH_ARTICLE,
    UNPUBLISH_ARTICLE,
    FEATURE_ARTICLE,
    EDIT_PUBLISHED_ARTICLE,
    RESTORE_ARTICLE,
    PURGE_ARTICLE,
)
