/* Counts the reader's view of the article once the page has loaded, and shows the count the server answers.
   The page may come from a cache (Django's or nginx's) with an older count; the answer is current. Fetching the
   page alone counts nothing, so bots and link previews that do not run this script are never counted.
   fetch, not navigator.sendBeacon: a beacon cannot read the answer. */
(function () {
  "use strict";

  var article = document.querySelector("[data-view-url]");
  if (!article || !window.fetch) return;
  var sent = false;

  function showCount(views) {
    document.querySelectorAll("[data-view-count]").forEach(function (count) {
      count.textContent = String(views);
    });
  }

  function countView() {
    if (sent) return;
    sent = true;
    fetch(article.dataset.viewUrl, { method: "POST", keepalive: true, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && typeof answer.views === "number") showCount(answer.views);
      })
      .catch(function () { /* offline or blocked: the page keeps the count it came with */ });
  }

  /* A page the browser prerendered on speculation is not read until the reader opens it. */
  function whenShown() {
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", countView, { once: true });
    } else {
      countView();
    }
  }

  if (document.readyState === "complete") whenShown();
  else window.addEventListener("load", whenShown, { once: true });
})();
