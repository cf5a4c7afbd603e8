/* The reply to an upload from CKEditor's image dialog (articles/photos/editor_upload.py), in the frame the
   dialog posted its form into: hands the photo's address, or why it was refused, to the editor waiting for it.
   A file rather than an inline script, which the Content-Security-Policy would block. */
(function () {
  var reply = document.currentScript.dataset;
  window.parent.CKEDITOR.tools.callFunction(Number(reply.callback), reply.url, reply.error);
})();
