/* Draws the dashboard's charts with ECharts from the JSON the page embeds (json_script): no
   inline script, no inline style (strict CSP), tooltips drawn by ECharts itself (richText), and
   every chart has its table on the page, which is what screen readers read. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var source = document.getElementById("stats-data");
    if (!source || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var locale = data.locale === "vi" ? "vi-VN" : "en-GB";
    var number = new Intl.NumberFormat(locale);
    var decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    var colours = ["#1a56a0", "#2e8540", "#b45309", "#7c3aed", "#be123c"];
    var common = {
      color: colours,
      textStyle: { fontFamily: "inherit" },
      tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return v == null ? "–" : number.format(v); } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      animation: false
    };

    var options = {
      volume: function (d) {
        return Object.assign({}, common, {
          legend: { top: 0 },
          xAxis: { type: "category", data: d.labels },
          yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: function (v) { return number.format(v); } } },
          series: [
            { name: d.names.received, type: "bar", data: d.received },
            { name: d.names.answered, type: "line", data: d.answered, symbolSize: 6 }
          ]
        });
      },
      organisations: function (d, narrow) {
        return Object.assign({}, common, {
          tooltip: Object.assign({}, common.tooltip, { valueFormatter: function (v) { return v == null ? "–" : decimal.format(v) + (data.locale === "vi" ? " %" : "%"); } }),
          grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: "value", max: 100, splitNumber: narrow ? 2 : 5, axisLabel: { formatter: function (v) { return v + (data.locale === "vi" ? " %" : "%"); } } },
          yAxis: { type: "category", inverse: true, data: d.labels, axisLabel: { width: narrow ? 100 : 220, overflow: "truncate" } },
          series: [{ name: d.name, type: "bar", data: d.rates }]
        });
      },
      ratings: function (d) {
        return Object.assign({}, common, {
          xAxis: { type: "category", data: d.labels },
          yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: function (v) { return number.format(v); } } },
          series: [{ name: d.name, type: "bar", data: d.counts, itemStyle: { color: "#b45309" } }]
        });
      }
    };

    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var kind = element.getAttribute("data-chart");
      if (!options[kind] || !data[kind]) { return; }
      if (kind === "organisations") {
        element.classList.toggle("stats-chart-tall", data[kind].labels.length > 8);
        element.classList.toggle("stats-chart-short", data[kind].labels.length <= 3);
      }
      var chart = window.echarts.init(element, null, { renderer: "svg" });
      chart.setOption(options[kind](data[kind], element.clientWidth < 560));
      // A bar leads to the questions behind it (the tables below have the same links).
      chart.on("click", function (params) {
        var links = data[kind].links || [];
        if (params.componentType === "series" && links[params.dataIndex]) {
          window.location.assign(links[params.dataIndex]);
        }
      });
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (chart) { chart.resize(); }); });
  });
})();
