/* Progressive enhancement only: every page reads and works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // 大字模式: the large-text copy (large/…) keeps its links inside itself without any script.
  // The search results, made in the browser, link to the standard pages: on the way out, one
  // into the site goes to its large-text twin instead.
  var root = document.documentElement;
  var standardRoot = root.getAttribute("data-standard-root");
  if (root.classList.contains("large") && standardRoot) {
    var base = new URL(standardRoot, window.location.href).href;
    var large = base + "large/";
    var toLarge = function (event) {
      var a = event.target.closest && event.target.closest("#search a[href]");
      if (!a) return;
      var href = a.href;
      var path = href.split("#")[0].split("?")[0];
      if (href.indexOf(base) !== 0 || href.indexOf(large) === 0 || !/\.html$/.test(path)) return;
      var rest = href.slice(base.length);
      if (/^(originals|static|pagefind)\//.test(rest)) return;
      a.href = large + rest;
    };
    document.addEventListener("click", toLarge, true);
    document.addEventListener("keydown", function (event) { if (event.key === "Enter") toLarge(event); }, true);
  }

  // Tables: the 左右滑动 hint only beside a table that really scrolls sideways at this width.
  var hints = document.querySelectorAll(".scroll-hint");
  function checkHints() {
    Array.prototype.forEach.call(hints, function (hint) {
      var region = hint.nextElementSibling;
      hint.classList.toggle("overflows", !!region && region.scrollWidth > region.clientWidth + 1);
    });
  }
  if (hints.length) {
    checkHints();
    window.addEventListener("resize", checkHints);
  }

  // Sortable tables: a button in each column heading; aria-sort says the order.
  function key(cell) {
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    if (v !== null && v !== "") return parseFloat(v);
    return cell.textContent.trim();
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      var blankX = x === "" || x === "/", blankY = y === "" || y === "/";
      if (blankX !== blankY) return blankX ? 1 : -1;  // blanks last, either way
      if (typeof x === "number" && typeof y === "number") return ascending ? x - y : y - x;
      return ascending ? String(x).localeCompare(String(y), "zh-CN") : String(y).localeCompare(String(x), "zh-CN");
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || table.tHead.rows.length !== 1) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  });
})();
