/* The portal's reader tools. Everything here enhances pages that already work without JavaScript. */
(function () {
  "use strict";

  var SIZE_KEY = "co-chu";
  var SIZES = ["nho", "vua", "lon"];

  function setTextSize(size) {
    var root = document.documentElement;
    SIZES.forEach(function (name) { root.classList.toggle("co-chu-" + name, name === size && name !== "vua"); });
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
    });
    try {
      if (size === "vua") localStorage.removeItem(SIZE_KEY); else localStorage.setItem(SIZE_KEY, size);
    } catch (e) { /* not remembered, still applied */ }
  }

  function textSizeButtons() {
    var root = document.documentElement;
    var current = SIZES.filter(function (name) { return root.classList.contains("co-chu-" + name); })[0] || "vua";
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === current));
      button.addEventListener("click", function () { setTextSize(button.dataset.textSize); });
    });
  }

  /* "Khác" in the wide menu: hover and focus open it by CSS; a click (or Enter) keeps it open. */
  function moreMenu() {
    document.querySelectorAll(".menu__more").forEach(function (button) {
      var item = button.parentElement;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        item.classList.toggle("is-open", open);
      });
      item.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          button.setAttribute("aria-expanded", "false");
          item.classList.remove("is-open");
          button.focus();
        }
      });
      document.addEventListener("click", function (event) {
        if (!item.contains(event.target)) {
          button.setAttribute("aria-expanded", "false");
          item.classList.remove("is-open");
        }
      });
    });
  }

  /* "Tin nổi bật": one large story and the list of the others, paged by the reader only, never by a timer. */
  function featuredSlider(section) {
    var cards = Array.prototype.slice.call(section.querySelectorAll(".featured__grid > .card"));
    if (cards.length < 2) return;
    var grid = section.querySelector(".featured__grid");
    var controls = section.querySelector(".featured__controls");
    var status = section.querySelector(".featured__status");
    var list = document.createElement("ol");
    list.className = "featured__list";
    var items = cards.map(function (card, index) {
      var link = card.querySelector(".card__title a");
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "featured__pick";
      button.textContent = link.textContent;
      button.setAttribute("aria-controls", grid.id);
      button.addEventListener("click", function () { show(index, true); });
      item.appendChild(button);
      list.appendChild(item);
      return button;
    });
    var current = 0;

    function show(index, announce) {
      current = (index + cards.length) % cards.length;
      cards.forEach(function (card, i) { card.hidden = i !== current; });
      items.forEach(function (button, i) {
        if (i === current) button.setAttribute("aria-current", "true"); else button.removeAttribute("aria-current");
      });
      if (announce) status.textContent = "Tin " + (current + 1) + " / " + cards.length;
    }

    section.classList.add("featured--slider");
    grid.after(list);
    controls.hidden = false;
    section.querySelector("[data-featured-prev]").addEventListener("click", function () { show(current - 1, true); });
    section.querySelector("[data-featured-next]").addEventListener("click", function () { show(current + 1, true); });
    section.addEventListener("keydown", function (event) {
      if (event.target.closest("input, textarea, select")) return;
      if (event.key === "ArrowLeft") { show(current - 1, true); event.preventDefault(); }
      if (event.key === "ArrowRight") { show(current + 1, true); event.preventDefault(); }
    });
    show(0, false);
    status.textContent = "Tin 1 / " + cards.length;
  }

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function copyLinkButtons() {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      var tools = button.closest(".reader-tools");
      var status = tools.querySelector(".reader-tools__status");
      var fallback = tools.querySelector(".reader-tools__url");
      button.addEventListener("click", function () {
        var url = button.dataset.copyLink;
        function selectInstead() {
          fallback.hidden = false;
          fallback.querySelector("input").select();
          status.textContent = "Hãy nhấn Ctrl+C (hoặc giữ ngón tay) để sao chép liên kết.";
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () { status.textContent = "Đã sao chép"; }, selectInstead);
        } else {
          selectInstead();
        }
      });
    });
  }

  function start() {
    textSizeButtons();
    moreMenu();
    document.querySelectorAll("[data-featured]").forEach(featuredSlider);
    printButtons();
    copyLinkButtons();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
