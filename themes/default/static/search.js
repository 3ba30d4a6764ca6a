/* The search page: Pagefind's JavaScript interface (pagefind/pagefind.js, made by the build),
   our own form and result list, so results, filters and messages are in Chinese, sized by the
   site's stylesheet (大字模式 too) and links stay under any sub-path.

   Without scripts the page shows its <noscript> message; opened from a local file (file://,
   where a browser refuses to load Pagefind's files) it says so instead of staying blank. */
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreLine = document.getElementById("search-more-line");
  var more = document.getElementById("search-more");
  var input = document.getElementById("search-q");
  var selects = { year: "search-year", kind: "search-kind", agency: "search-agency" };
  var PAGE = 10;  // results shown at a time

  if (window.location.protocol === "file:") {
    document.getElementById("search-offline").hidden = false;
    return;
  }
  form.hidden = false;

  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;
  // Where page links start: the home page's folder (in a 大字模式 copy, the copy's own).
  var root = new URL(form.getAttribute("data-root"), window.location.href).href.replace(/[^/]*$/, "");
  var pagefind = null;
  var results = [];
  var shown = 0;
  var serial = 0;

  function failed() {
    form.hidden = true;
    document.getElementById("search-failed").hidden = false;
  }

  function load() {
    if (pagefind) return Promise.resolve(pagefind);
    return import(bundle + "pagefind.js").then(function (pf) {
      return Promise.resolve(pf.options({ baseUrl: "/", excerptLength: 36 })).then(function () {
        pagefind = pf;
        return pf;
      });
    });
  }

  function filters() {
    var out = {};
    Object.keys(selects).forEach(function (key) {
      var v = document.getElementById(selects[key]).value;
      if (v) out[key] = v;
    });
    return out;
  }

  function link(path) {
    return new URL(String(path).replace(/^\//, ""), root).href;
  }

  var STOPS = "。；！？：，、,;:!? \n";
  // A snippet starts at the beginning of a clause, never inside a word: cut what comes before
  // the last punctuation ahead of the first match, and say with "…" that text was left out.
  function clean(excerpt) {
    var at = excerpt.indexOf("<mark>");
    var head = at < 0 ? excerpt : excerpt.slice(0, at);
    var cut = -1;
    for (var i = head.length - 1; i >= 0; i--) {
      if (STOPS.indexOf(head.charAt(i)) >= 0) { cut = i; break; }
    }
    var out = excerpt;
    if (cut >= 0) out = excerpt.slice(cut + 1);
    out = out.replace(/^\s+/, "").replace(/^[^（(<]{0,3}[）)]/, "");  // "三）" of a cut "（三）"
    if (out !== excerpt.replace(/^\s+/, "") || at > 0) out = "…" + out;
    if (!/[。！？]$/.test(out.replace(/<\/?mark>/g, ""))) out += "…";
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // The sentences of the page that hold the words exactly as typed, whole ("不予公开：3 件。"):
  // a table's line with its number, or a sentence of the text. Pagefind matches words apart
  // (不予公开 as 不予 + 公开), so its own excerpt may show neither the words nor the number.
  function exactLines(content, q, headings) {
    if (!q || !content) return [];
    var out = [];
    content.split(/(?:[。！？](?=\s|$)|\.\s+)/).forEach(function (piece) {
      var line = piece.trim();
      if (line && line.indexOf(q) >= 0 && line.length <= 160 && out.length < 2 && headings.indexOf(line) < 0) out.push(line);
    });
    return out.map(function (line) {
      return escapeHtml(line).split(escapeHtml(q)).join("<mark>" + escapeHtml(q) + "</mark>") + "。";
    });
  }

  function item(data, q) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = link(data.url);
    a.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
    h.appendChild(a);
    li.appendChild(h);
    var about = [data.meta.agency, data.meta.year, data.meta.kind].filter(Boolean);
    if (about.length) {
      var p = document.createElement("p");
      p.className = "search-about";
      p.textContent = about.join(" · ");
      li.appendChild(p);
    }
    // The part of the record before its first heading holds the report's facts and key
    // figures ("不予公开：3 件。"): shown as 报告概要.
    var parts = (data.sub_results || []).filter(function (s) {
      return s.locations && s.locations.length;
    }).map(function (s) {
      var top = s.url === data.url || s.title === (data.meta && data.meta.title);
      return { title: top ? "报告概要" : s.title, url: s.url, excerpt: s.excerpt, locations: s.locations };
    });
    parts.sort(function (x, y) { return y.locations.length - x.locations.length; });
    var exact = exactLines(data.content, q, (data.sub_results || []).map(function (s) { return s.title; }));
    if (exact.length) {
      var lines = document.createElement("p");
      lines.className = "search-snippet search-exact";
      lines.innerHTML = exact.join(" ");
      li.appendChild(lines);
      parts = parts.slice(0, 2);
    }
    if (!q) {
      // filters alone: no words to show in context
    } else if (parts.length) {
      var ul = document.createElement("ul");
      ul.className = "search-parts";
      parts.slice(0, exact.length ? 2 : 3).forEach(function (s) {
        var sli = document.createElement("li");
        var sa = document.createElement("a");
        sa.href = link(s.url);
        sa.textContent = s.title;
        var sp = document.createElement("p");
        sp.className = "search-snippet";
        sp.innerHTML = clean(s.excerpt);  // Pagefind's excerpt: the page's text escaped, <mark> added
        sli.appendChild(sa);
        sli.appendChild(sp);
        ul.appendChild(sli);
      });
      li.appendChild(ul);
    } else if (data.excerpt) {
      var ex = document.createElement("p");
      ex.className = "search-snippet";
      ex.innerHTML = clean(data.excerpt);
      li.appendChild(ex);
    }
    return li;
  }

  var query = "";

  function showMore() {
    var next = results.slice(shown, shown + PAGE);
    var mine = serial;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== serial) return;
      datas.forEach(function (d) { list.appendChild(item(d, query)); });
      shown += datas.length;
      moreLine.hidden = shown >= results.length;
    });
  }

  function describe(q, f) {
    var what = [];
    if (q) what.push("“" + q + "”");
    if (f.year) what.push(f.year);
    if (f.kind) what.push(f.kind);
    if (f.agency) what.push(f.agency);
    return what.join("，");
  }

  function run() {
    var q = input.value.trim();
    var f = filters();
    serial += 1;
    var mine = serial;
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    Object.keys(f).forEach(function (k) { params.set(k, f[k]); });
    var address = params.toString();
    window.history.replaceState(null, "", address ? "?" + address : window.location.pathname);
    list.innerHTML = "";
    moreLine.hidden = true;
    if (!q && !Object.keys(f).length) {
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = "正在搜索……";
    return load().then(function (pf) {
      return pf.search(q || null, { filters: f });
    }).then(function (found) {
      if (mine !== serial) return;
      results = found.results;
      shown = 0;
      query = q;
      status.textContent = results.length
        ? "找到 " + results.length + " 个结果（" + describe(q, f) + "）。"
        : "没有找到结果（" + describe(q, f) + "）。请换一个词，或减少筛选条件。";
      return showMore();
    }).catch(failed);
  }

  var timer = null;
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 300);
  });
  Object.keys(selects).forEach(function (key) {
    document.getElementById(selects[key]).addEventListener("change", run);
  });
  more.addEventListener("click", function () {
    var first = shown;
    showMore().then(function () {
      var next = list.children[first];
      if (next) { var a = next.querySelector("a"); if (a) a.focus(); }
    });
  });

  // A search handed over in the address (from the home page's box, or a shared link).
  var given = new URLSearchParams(window.location.search);
  if (given.get("q")) input.value = given.get("q");
  Object.keys(selects).forEach(function (key) {
    var v = given.get(key);
    var select = document.getElementById(selects[key]);
    if (v && Array.prototype.some.call(select.options, function (o) { return o.value === v; })) select.value = v;
  });
  if (input.value || Object.keys(filters()).length) run();
})();
