// feedgauge charts: draws every chart of the page with the served echarts.
// Chart options come from <script type="application/json"> data blocks
// built on the server with go-echarts, so the page needs no inline script
// (Content-Security-Policy: script-src 'self'). Maps fetch their
// boundaries from /api/v1/geo/ and register them before drawing.
(function () {
  "use strict";
  var charts = [];
  var nf = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

  function options(el) {
    var data = document.getElementById(el.getAttribute("data-options"));
    return data ? JSON.parse(data.textContent) : null;
  }

  function draw(el, opt) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(opt);
    charts.push(chart);
    el.setAttribute("data-drawn", "true");
  }

  function drawMap(el, opt) {
    var url = el.getAttribute("data-map");
    fetch(url, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error("boundaries answered " + r.status); }
        return r.json();
      })
      .then(function (geo) {
        if (!geo.features || geo.features.length === 0) {
          el.setAttribute("data-drawn", "empty");
          el.insertAdjacentHTML("afterend", "<p class=\"empty\">No boundaries are loaded for this map. Import LSOA boundaries with feedgauge import geo.</p>");
          return;
        }
        var name = opt.series[0].map;
        echarts.registerMap(name, geo);
        var meta = opt.fgMap || { names: {}, label: "" };
        opt.tooltip = {
          trigger: "item",
          formatter: function (p) {
            var label = meta.names[p.name] ? meta.names[p.name] + " (" + p.name + ")" : p.name;
            var v = (p.value === undefined || isNaN(p.value)) ? "no data" : nf.format(p.value);
            return echarts.format.encodeHTML(label + ": " + v + " " + meta.label);
          }
        };
        draw(el, opt);
      })
      .catch(function (err) {
        el.setAttribute("data-drawn", "failed");
        el.insertAdjacentHTML("afterend", "<p class=\"problem\">The map could not be drawn: the boundaries did not load.</p>");
        if (window.console) { console.warn(err); }
      });
  }

  function start() {
    if (typeof echarts === "undefined") { return; }
    var els = document.querySelectorAll(".chart[data-options]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i], opt = options(el);
      if (!opt) { continue; }
      if (el.hasAttribute("data-map")) { drawMap(el, opt); } else { draw(el, opt); }
    }
    var pending;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
