(function () {
  "use strict";
  var script = document.currentScript;
  var here = script.src.replace(/preview\.js.*$/, "");
  var served = script.getAttribute("data-version");
  var version = served === null ? null : Number(served), panel = null;
  // The page served while nothing has been built yet lists the findings itself: it is reloaded
  // when they change (or a build is ready) instead of getting the overlay.
  var findingsPage = document.getElementById("xxgk-findings-page");
  function heading(state) {
    var n = "（共 " + state.findings.length + " 处）";
    if (state.ok) return "以下报告有错误，没有生成；其余报告照常预览" + n;
    if (state.version > 0) return "内容有错误，预览仍显示上一次成功生成的版本" + n;
    return "内容有错误，还没有成功生成过可以预览的版本" + n;
  }
  function show(state) {
    if (panel) { panel.remove(); panel = null; }
    if (!state.findings.length) return;
    panel = document.createElement("section");
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "xxgk-preview-title");
    panel.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;" +
      "background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1rem 1.5rem;" +
      "font:16px/1.6 system-ui,'Noto Sans CJK SC',sans-serif;box-shadow:0 -2px 12px rgba(0,0,0,.3)";
    var h = document.createElement("h2");
    h.id = "xxgk-preview-title";
    h.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b00020";
    h.textContent = heading(state);
    panel.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem";
    var labels = {error: "错误", warning: "警告", info: "提示"};
    state.findings.forEach(function (f) {
      var li = document.createElement("li");
      var where = f.file + (f.line ? ":" + f.line + ":" + (f.column || 1) : "");
      var code = document.createElement("code");
      code.textContent = where;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + (labels[f.severity] || f.severity) + " " + f.rule +
        (f.field ? "（" + f.field + "）" : "") + "：" + f.message));
      list.appendChild(li);
    });
    panel.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "关闭提示";
    close.style.cssText = "margin-top:.75rem;font:inherit;padding:.25rem .75rem";
    close.onclick = function () { panel.remove(); panel = null; };
    panel.appendChild(close);
    document.body.appendChild(panel);
  }
  var events = new EventSource(here + "events");
  events.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (version !== null && state.ok && state.version !== version) { location.reload(); return; }
    if (findingsPage) {
      var keys = function (k, v) {
        if (v && typeof v === "object" && !Array.isArray(v)) {
          return Object.keys(v).sort().reduce(function (o, key) { o[key] = v[key]; return o; }, {});
        }
        return v;
      };
      if (JSON.stringify(state.findings, keys) !== JSON.stringify(JSON.parse(findingsPage.getAttribute("data-findings")), keys)) {
        location.reload();
      }
      return;
    }
    version = state.version;
    show(state);
  });
})();
