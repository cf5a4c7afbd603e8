"""Photos, one module per concern: `checks` (is an upload a photo we accept, and cleaning it), `paths`
(where files are stored), `fields` (the model field tying them together), `renditions` (what readers get)
and `editor_upload` (the rich-text editor's upload view). The template tags are in
articles/templatetags/photos.py, where Django looks for them."""
