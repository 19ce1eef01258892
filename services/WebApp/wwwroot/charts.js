// Draws every <canvas data-chart="id"> from the JSON configuration in <script id="id">, with Chinese-first labels.
(function () {
  function draw() {
    if (!window.Chart) return;
    Chart.defaults.font.family = '"Noto Sans CJK SC", system-ui, sans-serif';
    Chart.defaults.animation = false; // no motion for people who read figures; charts are ready at once
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (Chart.getChart(canvas)) return;
      var config = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
      var extra = (config.options && config.options.eduplatform) || {};
      if (extra.xLabels) {
        config.options.scales.x.ticks.callback = function (value) { return extra.xLabels[value - 1] || ''; };
      }
      if (config.type === 'bubble') {
        // A point names its school by index into its dataset's schools, and its indicator by its x.
        config.options.plugins = config.options.plugins || {};
        config.options.plugins.tooltip = { callbacks: { label: function (item) {
          var p = item.raw, schools = item.dataset.schools;
          if (!schools) return item.dataset.label;
          return schools[p.s] + ' · ' + (extra.xLabels || [])[Math.round(p.x) - 1] + '：' + p.v + '（' + p.y + '% 标准）';
        } } };
      }
      new Chart(canvas, config);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
