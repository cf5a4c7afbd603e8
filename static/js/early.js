/* Runs before the first paint (a plain <script> in <head>): marks that JavaScript runs, so the buttons that need
   it show, and applies the text size the reader chose on an earlier visit, so the page does not jump. */
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var size = localStorage.getItem("co-chu");
    if (size === "nho" || size === "lon") root.classList.add("co-chu-" + size);
  } catch (e) {
    /* Storage blocked (private mode, strict settings): the default size. */
  }
})();
