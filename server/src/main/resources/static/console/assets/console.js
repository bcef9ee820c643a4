// Progressive enhancement only: every page reads without JavaScript.
// Charts: each <canvas data-chart-for="tableId" data-label-col="0" data-value-col="N"> draws the
// numbers of the plain table it names, so the chart and the table can never disagree.
function drawCharts() {
  if (typeof Chart === 'undefined') {
    return;
  }
  document.querySelectorAll('canvas[data-chart-for]').forEach(function (canvas) {
    if (canvas.dataset.drawn) {
      return;
    }
    var table = document.getElementById(canvas.dataset.chartFor);
    if (!table) {
      return;
    }
    var labelCol = Number(canvas.dataset.labelCol || 0);
    var valueCol = Number(canvas.dataset.valueCol || 1);
    var labels = [];
    var values = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var cells = row.querySelectorAll('td');
      labels.push(cells[labelCol].textContent.trim());
      values.push(cells[valueCol].textContent.trim());
    });
    canvas.dataset.drawn = 'true';
    new Chart(canvas, {
      type: canvas.dataset.type || 'bar',
      data: { labels: labels, datasets: [{ label: canvas.dataset.label || '', data: values, backgroundColor: '#1f5fbf' }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
    });
  });
}
document.addEventListener('DOMContentLoaded', drawCharts);
document.addEventListener('htmx:afterSettle', drawCharts);
// Buttons that ask before a destructive action: <button data-confirm="...">.
document.addEventListener('submit', function (event) {
  var button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
