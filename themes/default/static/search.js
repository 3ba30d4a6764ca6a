/* The search page: Pagefind's component UI, told where its bundle is relative to this page,
   so the site works under any sub-path and from a local folder. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var bundle = new URL(box.getAttribute("data-bundle"), window.location.href).pathname;
  var config = document.createElement("pagefind-config");
  config.setAttribute("bundle-path", bundle);
  config.setAttribute("lang", "zh-CN");
  document.body.appendChild(config);
  box.insertAdjacentHTML("beforeend", '<pagefind-input></pagefind-input><pagefind-summary></pagefind-summary><pagefind-results></pagefind-results>');
  var script = document.createElement("script");
  script.type = "module";
  script.src = bundle + "pagefind-component-ui.js";
  document.head.appendChild(script);
})();
