(function () {
  "use strict";
  var script = document.currentScript;
  var here = script.src.replace(/preview\.js.*$/, "");
  var served = script.getAttribute("data-version");
  var version = served === null ? null : Number(served), panel = null;
  function show(state) {
    if (panel) { panel.remove(); panel = null; }
    if (state.ok) return;
    panel = document.createElement("section");
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "xxgk-preview-title");
    panel.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;" +
      "background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1rem 1.5rem;" +
      "font:16px/1.6 system-ui,'Noto Sans CJK SC',sans-serif;box-shadow:0 -2px 12px rgba(0,0,0,.3)";
    var h = document.createElement("h2");
    h.id = "xxgk-preview-title";
    h.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b00020";
    h.textContent = "内容有错误，预览仍显示上一次成功生成的版本（共 " + state.findings.length + " 处）";
    panel.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem";
    state.findings.forEach(function (f) {
      var li = document.createElement("li");
      var where = f.file + (f.line ? ":" + f.line + ":" + (f.column || 1) : "");
      var code = document.createElement("code");
      code.textContent = where;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + f.rule + (f.field ? " " + f.field : "") + "：" + f.message));
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
    version = state.version;
    show(state);
  });
})();
