/* The indicator picker (compare/picker.html): agencies × years × one indicator from
   data/compare.json → a table, a bar chart of the selection's total (or rate) and a CSV of
   exactly that table. Progressive enhancement: without this file the page lists the indicator
   pages, which hold every agency and year already built. Fetches only its own site's file. */
(function () {
  "use strict";
  var form = document.getElementById("picker");
  if (!form) return;
  var status = document.getElementById("picker-status");
  var result = document.getElementById("picker-result");
  var NO_REPORT = "无报告";
  var PALETTE = "#1d4f91";

  function say(text) { status.textContent = text; }

  function fmt(value, rate) {
    if (value === null || value === undefined) return "";
    if (rate) return value.toFixed(1) + "%";
    return value.toLocaleString("en-US");
  }
  function ratio(num, den) { return den ? Math.round(1000 * num / den) / 10 : null; }

  // The value shown for one agency and year: a count, or a rate from [numerator, denominator].
  function cellValue(v, rate) {
    if (v === null) return null;
    return rate ? ratio(v[0], v[1]) : v;
  }

  // OWASP CSV injection: text a spreadsheet would run as a formula gets a ' before it.
  function csvField(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function nice(peak) {
    if (peak <= 4) return 4;
    for (var scale = 1; ; scale *= 10) {
      var steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
      for (var i = 0; i < steps.length; i++) {
        var step = steps[i] * scale;
        if (step === Math.round(step) && step * 4 >= peak) return step * 4;
      }
    }
  }

  // Bars, one per year: the same drawing as the server's charts (render/charts.py), laid out
  // for 24-unit text on the 大字模式 pages (html.large) as the server's are.
  function textWidth(text, size) {
    var w = 0;
    for (var i = 0; i < text.length; i++) w += text.charCodeAt(i) > 0x2e80 ? size : 0.6 * size;
    return w;
  }
  function chart(title, years, values, rate) {
    var large = document.documentElement.classList.contains("large");
    var size = large ? 24 : 15, em = size / 15;
    var width = 480, height = Math.round(260 * (large ? 1.15 : 1));
    var left = Math.round(48 * em), right = 8, top = Math.round(20 * em), bottom = Math.round(36 * em);
    var plotH = height - top - bottom, plotW = width - left - right;
    var peak = Math.max.apply(null, values.map(function (v) { return v || 0; }).concat([1]));
    var max = rate ? 100 : nice(peak);
    var slot = plotW / Math.max(years.length, 1), barW = Math.min(56, slot * 0.6);
    var labels = years.map(function (y) { return y + "年"; });
    if (labels.some(function (l) { return textWidth(l, size) > slot - 4; })) labels = years.map(String);
    var desc = years.map(function (y, i) { return y + "年：" + (values[i] === null ? "空白" : fmt(values[i], rate) + (rate ? "" : " 件")); }).join("；");
    var svg = svgEl("svg", { "class": "chart", viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-labelledby": "picker-chart-title picker-chart-desc" });
    svg.appendChild(svgEl("title", { id: "picker-chart-title" }, title));
    svg.appendChild(svgEl("desc", { id: "picker-chart-desc" }, desc));
    for (var k = 0; k < 5; k++) {
      var y = top + plotH - plotH * k / 4;
      svg.appendChild(svgEl("line", { x1: left, y1: y, x2: width - right, y2: y, "class": "grid" }));
      svg.appendChild(svgEl("text", { x: left - 6, y: y + 4 * em, "text-anchor": "end" }, String(Math.round(max * k / 4 * 10) / 10)));
    }
    years.forEach(function (year, i) {
      var x = left + slot * i + (slot - barW) / 2, v = values[i] || 0, h = plotH * v / max;
      if (h > 0) svg.appendChild(svgEl("rect", { x: x, y: top + plotH - h, width: barW, height: h, fill: PALETTE }));
      svg.appendChild(svgEl("text", { x: x + barW / 2, y: top + plotH + Math.round(18 * em), "text-anchor": "middle" }, labels[i]));
      if (values[i] !== null) {  // a rate without its % sign: the caption and the scale say per cent
        var text = rate ? values[i].toFixed(1) : fmt(values[i], false);
        svg.appendChild(svgEl("text", { x: x + barW / 2, y: top + plotH - h - 4, "text-anchor": "middle" }, text));
      }
    });
    var fig = el("figure", { "class": "chart-figure" });
    fig.appendChild(svg);
    fig.appendChild(el("figcaption", {}, title + (rate ? "（%）" : "（件）") + "；数字见下表最后一行。"));
    return fig;
  }

  function table(caption, heads, rows, foot) {
    var wrap = el("div", { "class": "table-scroll", role: "region", "aria-labelledby": "pk-caption", tabindex: "0" });
    var t = el("table", { id: "pk", "class": "data" });
    t.appendChild(el("caption", { id: "pk-caption" }, caption));
    var thead = el("thead"), tr = el("tr");
    heads.forEach(function (h, i) {
      var th = el("th", { id: "pk-c" + i, scope: "col" }, h);
      if (i) th.className = "num";
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    function section(name, list, total) {
      var s = el(name);
      list.forEach(function (row, r) {
        var id = "pk-" + name + r, line = el("tr", total ? { "class": "total" } : {});
        line.appendChild(el("th", { id: id, scope: "row" }, row[0]));
        row.slice(1).forEach(function (c, i) {
          var td = el("td", { headers: "pk-c" + (i + 1) + " " + id, "class": c.kind }, c.text);
          if (c.kind === "blank") td.appendChild(el("span", { "class": "vh" }, "空白"));
          line.appendChild(td);
        });
        s.appendChild(line);
      });
      t.appendChild(s);
    }
    section("tbody", rows, false);
    section("tfoot", foot, true);
    wrap.appendChild(t);
    return wrap;
  }

  function render(data) {
    var key = form.elements.indicator.value;
    var ind = data.indicators.filter(function (i) { return i.key === key; })[0];
    var rate = ind.kind === "rate";
    var years = [], cols = [];
    data.years.forEach(function (y, i) { if (form.querySelector('input[name="year"][value="' + y + '"]').checked) { years.push(y); cols.push(i); } });
    var rows = [];
    data.agencies.forEach(function (a, i) {
      var box = form.querySelector('input[name="agency"][value="' + a.id + '"]');
      if (box && box.checked) rows.push(i);
    });
    document.getElementById("picker-count").textContent = String(rows.length);
    if (!years.length || !rows.length) {
      say("请至少选择一个年度和一个机关。");
      result.hidden = true;
      return;
    }
    var values = data.values[key];
    var body = [], csv = [["机关", "类别", "地区"].concat(years.map(function (y) { return y + "年"; }))];
    var totals = years.map(function () { return { num: 0, den: 0, any: false }; });
    var anyBlank = false, anyMissing = false;
    rows.forEach(function (r) {
      var a = data.agencies[r], line = [a.name], out = [a.name, a.kind, a.region];
      cols.forEach(function (c, j) {
        var v = values[r][c];
        if (!data.reported[r][c]) {
          anyMissing = true;
          line.push({ text: NO_REPORT, kind: "text" });
          out.push(NO_REPORT);
          return;
        }
        var shown = cellValue(v, rate);
        if (shown === null) anyBlank = true;
        line.push(shown === null ? { text: "", kind: "blank" } : { text: fmt(shown, rate), kind: "value" });
        out.push(shown === null ? "" : shown);
        if (v !== null) {
          totals[j].any = true;
          if (rate) { totals[j].num += v[0]; totals[j].den += v[1]; } else totals[j].num += v;
        }
      });
      body.push(line);
      csv.push(out);
    });
    var sums = totals.map(function (t) { return t.any ? (rate ? ratio(t.num, t.den) : t.num) : null; });
    var footLabel = rate ? "所选机关合计的比率" : "所选机关合计";
    var foot = [[footLabel].concat(sums.map(function (s) { return s === null ? { text: "", kind: "blank" } : { text: fmt(s, rate), kind: "value" }; }))];
    csv.push([footLabel, "", ""].concat(sums.map(function (s) { return s === null ? "" : s; })));
    var unit = rate ? "%" : "件";
    var caption = ind.label + "：所选 " + rows.length + " 个机关，" + years[0] + (years.length > 1 ? "—" + years[years.length - 1] : "") + "年（单位：" + unit + "）";
    document.getElementById("picker-result-title").textContent = "比较结果：" + caption;
    document.getElementById("picker-definition").textContent = ind.label + "：" + ind.help;
    var chartBox = document.getElementById("picker-chart"), tableBox = document.getElementById("picker-table");
    chartBox.textContent = "";
    tableBox.textContent = "";
    chartBox.appendChild(chart(footLabel + "·" + ind.label, years, sums, rate));
    tableBox.appendChild(table(caption, ["机关"].concat(years.map(function (y) { return y + "年"; })), body, foot));
    var notes = el("ul", { "class": "table-notes" });
    if (anyMissing) notes.appendChild(el("li", {}, "“" + NO_REPORT + "”表示该机关这一年没有发布报告（或报告没有固定格式的表格）。"));
    if (anyBlank) notes.appendChild(el("li", {}, "空白表示原报告中相关的格子未填写，无法得出这一数字；比率的分母为 0 时也为空白。"));
    notes.appendChild(el("li", {}, rate ? "合计的比率 = 所选机关分子之和 ÷ 分母之和。" : "合计只加有这一数字的报告。"));
    tableBox.appendChild(notes);
    var text = "\ufeff" + csv.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
    var link = document.getElementById("picker-csv");
    if (link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    link.setAttribute("download", "比较-" + ind.label.replace(/[\\/:*?"<>|：]/g, "-") + "-" + years[0] + "-" + years[years.length - 1] + ".csv");
    result.hidden = false;
    say("已生成：" + caption + "。");
  }

  function start(data) {
    form.hidden = false;
    say("选择指标、年度和机关后，点“生成表格和图”。");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      render(data);
      result.focus();
    });
    form.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("button[data-select]") : null;
      if (!b) return;
      var how = b.getAttribute("data-select"), kind = b.getAttribute("data-kind");
      Array.prototype.forEach.call(form.querySelectorAll('input[name="agency"]'), function (box) {
        box.checked = how === "all" || (how === "kind" && box.getAttribute("data-kind") === kind);
      });
      document.getElementById("picker-count").textContent = String(form.querySelectorAll('input[name="agency"]:checked').length);
    });
    form.addEventListener("change", function () {
      document.getElementById("picker-count").textContent = String(form.querySelectorAll('input[name="agency"]:checked').length);
    });
    render(data);
  }

  var source = form.getAttribute("data-source");
  if (location.protocol === "file:") {
    say("从本地文件打开时无法读取比较数据，请通过网站访问本页；也可以使用下面各指标已生成的表格。");
    return;
  }
  say("正在读取比较数据……");
  fetch(source, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(start)
    .catch(function () { say("未能读取比较数据，请稍后再试；也可以使用下面各指标已生成的表格。"); });
})();
