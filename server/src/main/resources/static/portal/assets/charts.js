// Draws each chart from the table printed under it, so the page reads the same without JavaScript.
(function () {
  function draw(canvas) {
    if (typeof Chart === 'undefined' || canvas.dataset.drawn) {
      return;
    }
    var table = document.getElementById(canvas.dataset.chartTable);
    if (!table) {
      return;
    }
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var column = headers.findIndex(function (th) { return th.hasAttribute('data-chart-value'); });
    var labels = [];
    var values = [];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      labels.push(row.cells[0].textContent.trim());
      // Display only: the exact amount stays in the table.
      values.push(Number(row.cells[column].textContent.trim()));
    });
    var doughnut = canvas.dataset.chartKind === 'doughnut';
    canvas.dataset.drawn = 'true';
    new Chart(canvas, {
      type: canvas.dataset.chartKind,
      data: { labels: labels, datasets: [{ label: headers[column].textContent.trim(), data: values,
        backgroundColor: doughnut ? ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#64748b']
          : '#2563eb' }] },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: doughnut } } }
    });
  }
  function drawAll() {
    document.querySelectorAll('canvas[data-chart-table]').forEach(draw);
  }
  document.addEventListener('DOMContentLoaded', drawAll);
  document.addEventListener('htmx:afterSettle', drawAll);
})();
