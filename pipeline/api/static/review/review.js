// The review page's little script: selecting a record (click, or keyboard focus) shows its
// details and picks out its boxes on the page; a box clicked selects its record; a correction
// form's field list fills in that field's current value. Without it every record stays open.
(function () {
  "use strict";

  function recordButtons() {
    return Array.prototype.slice.call(document.querySelectorAll(".record-button"));
  }

  function select(key, scroll) {
    recordButtons().forEach(function (button) {
      var mine = button.dataset.record === key;
      button.setAttribute("aria-expanded", mine ? "true" : "false");
      var detail = document.getElementById(button.getAttribute("aria-controls"));
      if (detail) { detail.hidden = !mine; }
    });
    var first = null;
    document.querySelectorAll(".box").forEach(function (box) {
      var mine = box.dataset.record === key;
      box.classList.toggle("selected", mine);
      if (mine) {
        box.parentNode.appendChild(box); // drawn over its neighbours
        if (!first) { first = box; }
      }
    });
    if (scroll && first) {
      first.closest(".page").scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function init() {
    var buttons = recordButtons();
    if (!buttons.length) { return; }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { select(button.dataset.record, true); });
      button.addEventListener("focus", function () { select(button.dataset.record, false); });
    });
    document.querySelectorAll(".box").forEach(function (box) {
      box.addEventListener("click", function () {
        var button = document.querySelector('.record-button[data-record="' + box.dataset.record + '"]');
        if (button) { button.focus(); select(box.dataset.record, false); }
      });
    });
    document.querySelectorAll(".field-select").forEach(function (selectBox) {
      selectBox.addEventListener("change", function () {
        var input = document.getElementById(selectBox.dataset.value);
        var option = selectBox.options[selectBox.selectedIndex];
        if (input && option) { input.value = option.dataset.current || ""; }
      });
    });
    // Open the record named in the address (after a correction) or the one a refused
    // correction was for, else the first one.
    var list = document.querySelector(".record-list");
    var wanted = window.location.hash.slice(1) || (list && list.dataset.open) || "";
    var start = buttons.filter(function (b) { return b.dataset.record === wanted; })[0] || buttons[0];
    select(start.dataset.record, Boolean(wanted));
    if (wanted) { start.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
