// The locomotive page: a live panel, a time range, history charts (uPlot; an empty bucket is a
// gap, never a line across it), the route as an SVG polyline, energy per period and day, alarms.
import {header, api, el, num, parse, sent, ago, time, TIERS} from './common.js';
import {history, energy, energyPeriods, route} from './history.js';

const id = new URLSearchParams(location.search).get('id');
document.getElementById('loco-title').textContent = id;
document.title = 'LocoLink — ' + id;

const CHARTS = [
  {title: 'State of charge', unit: '%', series: [['soc', 'estimate'], ['bmsSoc', 'BMS']]},
  {title: 'Pack voltage', unit: 'V', series: [['packVoltage', 'pack']]},
  {title: 'Pack current', unit: 'A', series: [['packCurrent', 'pack']]},
  {title: 'Power', unit: 'kW', series: [['packPower', 'pack'], ['drivePower', 'drives'], ['gensetPower', 'genset']]},
  {title: 'Cells', unit: 'V', series: [['cellMinVoltage', 'min'], ['cellMaxVoltage', 'max']]},
  {title: 'Cell spread', unit: 'mV', series: [['cellSpread', 'spread']]},
  {title: 'Temperatures', unit: '°C', series: [['cellTempMax', 'hottest cell'], ['cellTempMin', 'coldest cell'],
    ['windingTempMax', 'hottest winding'], ['inverterTempMax', 'hottest inverter']]},
  {title: 'Fuel flow', unit: 'ml/min', series: [['fuelFlow', 'genset']]},
  {title: 'Speed', unit: 'km/h', series: [['speed', 'speed']]},
];
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const plots = [];

function livePanel(e) {
  const panel = document.getElementById('live-panel');
  const v = (e && e.values) || {};
  const rows = [
    ['Link', e ? (e.link === 'OFFLINE' ? 'offline since ' + time(e.lastSeen) : e.stale ? 'stale' : 'online') : '–'],
    ['Last frame', e ? time(e.lastSeen) + ' (' + ago(e.lastSeen) + ')' : '–'],
    ['SoC', sent(v, 'soc') + ' % estimate, ' + sent(v, 'bmsSoc') + ' % BMS'],
    ['Pack', sent(v, 'packVoltage') + ' V  ' + sent(v, 'packCurrent') + ' A  ' + sent(v, 'packPower') + ' kW'],
    ['Cells', sent(v, 'cellMinVoltage') + ' – ' + sent(v, 'cellMaxVoltage') + ' V, spread ' + sent(v, 'cellSpread') + ' mV'],
    ['Temperatures', 'cells ' + sent(v, 'cellTempMin') + ' – ' + sent(v, 'cellTempMax') + ' °C, winding '
      + sent(v, 'windingTempMax') + ' °C, inverter ' + sent(v, 'inverterTempMax') + ' °C'],
    ['Drives', sent(v, 'drivePower') + ' kW'],
    ['Genset', sent(v, 'gensetPower') + ' kW, fuel ' + sent(v, 'fuelFlow') + ' ml/min'],
    ['Speed', sent(v, 'speed') + ' km/h'],
    ['Gaps today', e ? String(e.gapsToday) : '–'],
  ];
  const dl = el('dl');
  for (const [k, text] of rows) {
    const dd = el('dd', '', text);
    dd.dataset.field = k.toLowerCase().replace(/\s+/g, '-');
    dl.append(el('dt', '', k), dd);
  }
  panel.replaceChildren(dl);
}

function drawCharts(h) {
  for (const p of plots) p.destroy();
  plots.length = 0;
  const box = document.getElementById('charts');
  box.replaceChildren();
  const width = Math.max(300, Math.min(560, box.clientWidth / 2 - 24));
  for (const c of CHARTS) {
    const present = c.series.filter(([key]) => h.series[key]);
    if (!present.length) continue;
    const div = el('div', 'card chart');
    div.dataset.chart = c.title;
    box.append(div);
    const data = [h.time];
    const series = [{}];
    present.forEach(([key, label], i) => {
      data.push(h.series[key]);
      series.push({label, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false,
        value: (u, v) => v === null || v === undefined ? '–' : v + ' ' + c.unit});
    });
    plots.push(new uPlot({title: c.title + ' (' + c.unit + ')', width, height: 200, series,
      scales: {x: {time: true}}, axes: [{}, {size: 60}]}, data, div));
    div.dataset.points = String(h.time.length);
    div.dataset.filled = String(h.series[present[0][0]].filter(v => v !== null).length);
  }
  document.getElementById('range-info').textContent = h.time.length + ' points';
}

function drawRoute(runs) {
  const svg = document.getElementById('route');
  svg.replaceChildren();
  const all = runs.flat();
  if (!all.length) {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    t.setAttribute('x', '20'); t.setAttribute('y', '150'); t.textContent = 'no positions in this range';
    svg.append(t);
    return;
  }
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const k = Math.cos((minY + maxY) / 2 * Math.PI / 180);
  const scale = Math.min(380 / Math.max((maxX - minX) * k, 1e-6), 280 / Math.max(maxY - minY, 1e-6));
  for (const run of runs) {
    const pl = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    pl.setAttribute('points', run.map(p => ((p[0] - minX) * k * scale + 10).toFixed(1) + ','
      + (290 - (p[1] - minY) * scale).toFixed(1)).join(' '));
    pl.setAttribute('class', 'route');
    svg.append(pl);
  }
  svg.dataset.points = String(all.length);
}

function drawEnergy(e) {
  const box = document.getElementById('energy');
  const table = el('table', 'grid');
  const head = el('tr');
  for (const h of ['Day (UTC)', 'Consumed kWh', 'Regenerated kWh', 'From genset kWh', 'From depot kWh', 'CO2 avoided kg']) {
    head.append(el('th', '', h));
  }
  table.append(head);
  for (const d of e.days) {
    const tr = el('tr');
    for (const v of [d.day, d.consumedKwh, d.regeneratedKwh, d.gensetKwh, d.depotKwh, d.co2AvoidedKg]) {
      tr.append(el('td', 'num', num(v)));
    }
    table.append(tr);
  }
  box.replaceChildren(table, el('p', 'muted', e.periods + ' five-minute periods received in these days'));
}

let periodPlot = null;

function drawEnergyPeriods(p) {
  const box = document.getElementById('energy-periods');
  if (periodPlot) { periodPlot.destroy(); periodPlot = null; }
  box.replaceChildren();
  const bars = uPlot.paths.bars({size: [0.8, 40], align: -1});
  const series = [{}];
  const data = [p.time];
  [['consumed', 'consumed'], ['regenerated', 'regenerated'], ['genset', 'from genset'], ['depot', 'from depot']]
    .forEach(([key, label], i) => {
      series.push({label, stroke: COLOURS[i], fill: COLOURS[i] + '99', width: 1, paths: bars, spanGaps: false,
        value: (u, v) => v === null || v === undefined ? '–' : v + ' Wh'});
      data.push(p.series[key]);
    });
  const width = Math.max(300, Math.min(1100, box.clientWidth - 8));
  periodPlot = new uPlot({title: 'Energy per 5-minute period (Wh)', width, height: 220, series,
    scales: {x: {time: true}}, axes: [{}, {size: 60}]}, data, box);
  box.dataset.points = String(p.time.length);
  box.dataset.records = String(p.records);
}

async function drawAlarms(fromMs) {
  const hours = Math.max(1, Math.ceil((Date.now() - fromMs) / 3600000));
  const {alarms} = await api('/api/v1/web/alarms?hours=' + Math.min(hours, 744) + '&locomotive=' + encodeURIComponent(id));
  const box = document.getElementById('alarm-timeline');
  if (!alarms.length) { box.replaceChildren(el('p', 'muted', 'no alarms in this range')); return; }
  const ul = el('ul', 'timeline');
  for (const a of alarms) {
    ul.append(el('li', 'tier' + a.tier, time(a.raised) + ' ' + a.code + ' (' + TIERS[a.tier] + ') '
      + a.value + ' ' + a.unit + ' / limit ' + a.limit + ' — ' + a.state));
  }
  box.replaceChildren(ul);
}

async function show(fromMs, toMs) {
  document.getElementById('range-info').textContent = 'loading…';
  const started = performance.now();
  const h = await history(id, fromMs, toMs);
  drawCharts(h);
  document.body.dataset.chartMs = String(Math.round(performance.now() - started));
  document.body.dataset.rangeS = String(Math.round((toMs - fromMs) / 1000));
  route(id, fromMs, toMs).then(drawRoute).catch(() => {});
  energy(id, fromMs, toMs).then(drawEnergy).catch(err => {
    document.getElementById('energy').replaceChildren(el('p', 'muted', 'energy: ' + err.message));
  });
  energyPeriods(id, fromMs, toMs).then(drawEnergyPeriods).catch(err => {
    document.getElementById('energy-periods').replaceChildren(el('p', 'muted', 'energy periods: ' + err.message));
  });
  drawAlarms(fromMs).catch(() => {});
}

document.querySelectorAll('[data-range]').forEach(b => b.addEventListener('click', () => {
  const s = Number(b.dataset.range);
  show(Date.now() - s * 1000, Date.now());
}));
document.getElementById('custom').addEventListener('click', () => {
  const from = Date.parse(document.getElementById('from').value);
  const to = Date.parse(document.getElementById('to').value);
  if (from < to) show(from, to);
});

await header('');
livePanel(undefined);
const source = new EventSource('/api/v1/live');
let liveSince = 0;   // live events shown for this locomotive
let loaded = false;
// The panel is loaded each time the stream says it is ready (the station lists the page for its
// pushes first, so nothing falls between the load and the stream): when the page opens, and after
// each reconnect, as the changes sent meanwhile were lost. An entry the stream showed while that
// load was under way is newer and stays.
async function load() {
  const before = liveSince;
  try {
    const e = (await api('/api/v1/fleet')).locomotives.find(x => x.locomotive === id);
    if (liveSince === before) livePanel(e);
    loaded = true;
  } catch (err) { /* the stream's next events, or the next load */ }
}
source.addEventListener('ready', load);
source.addEventListener('error', () => { if (!loaded) load(); });  // a stream that cannot open yet
source.addEventListener('fleet', (m) => {
  const e = parse(m.data).locomotives.find(x => x.locomotive === id);
  if (e) {
    liveSince++;
    livePanel(e);
    document.body.dataset.liveUpdates = String(Number(document.body.dataset.liveUpdates || 0) + 1);
  }
});
show(Date.now() - 900 * 1000, Date.now());
