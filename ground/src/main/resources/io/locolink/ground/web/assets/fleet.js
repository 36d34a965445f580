// The fleet page: one row per locomotive, sorted and filtered in the browser, 100 rows a page,
// updated live from the server's event stream without reloading.
import {header, api, el, parse, sent, ago, time} from './common.js';

const PAGE = 100;
const locos = new Map();          // id -> fleet entry as /api/v1/fleet gives it
const alarmCounts = new Map();    // id -> {1: n, 2: n, 3: n} of active alarms
let sortKey = 'locomotive';
let sortUp = true;
let page = 0;
let view = [];
let dirty = false;          // a render is scheduled
let renders = 0;
let pendingLiveMs = null;         // main-thread ms spent on live updates not drawn yet
// Main-thread ms of the last live updates (receive, parse, draw), for the browser benchmark.
const liveCost = [];
window.locolinkFleetStats = {liveCost};

const body = document.querySelector('#fleet tbody');
const filter = document.getElementById('filter');

function value(e, key) {
  switch (key) {
    case 'locomotive': return e.locomotive;
    case 'link': return linkText(e);
    case 'lastSeen': return e.lastSeen || '';
    case 'gapsToday': return e.gapsToday;
    case 'alarms': { const c = alarmCounts.get(e.locomotive) || {}; return (c[3] || 0) * 1e6 + (c[2] || 0) * 1e3 + (c[1] || 0); }
    default: { const v = e.values ? e.values[key] : undefined; return v === undefined || v === null ? -Infinity : Number(v); }
  }
}

function linkText(e) {
  if (e.link === 'OFFLINE') return 'offline since ' + time(e.lastSeen);
  if (e.link === 'ONLINE') return e.stale ? 'stale' : 'online';
  return e.stale ? 'no data' : 'online';
}

function matches(e, words) {
  if (!words.length) return true;
  const c = alarmCounts.get(e.locomotive) || {};
  const hay = (e.locomotive + ' ' + linkText(e) + ((c[1] || c[2] || c[3]) ? ' alarm' : '')).toLowerCase();
  return words.every(w => hay.includes(w));
}

function rebuild() {
  const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  view = [...locos.values()].filter(e => matches(e, words));
  view.sort((a, b) => {
    const x = value(a, sortKey), y = value(b, sortKey);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return sortUp ? c : -c;
  });
  const pages = Math.max(1, Math.ceil(view.length / PAGE));
  page = Math.min(page, pages - 1);
  document.getElementById('page-info').textContent = 'page ' + (page + 1) + ' of ' + pages;
  document.getElementById('fleet-count').textContent = view.length + ' of ' + locos.size + ' locomotives';
}

function cell(tr, text, cls = '') {
  const td = el('td', cls, text);
  tr.append(td);
  return td;
}

function socCell(tr, values) {
  const td = cell(tr, '', 'soc');
  const v = values.soc;
  if (v === undefined || v === null) { td.textContent = '–'; return; }
  const bar = el('span', 'bar');
  const fill = el('span', 'fill');
  fill.style.width = Math.max(0, Math.min(100, Number(v))) + '%';
  bar.append(fill);
  td.append(bar, el('span', 'num', sent(values, 'soc') + ' %'));
}

function render() {
  if (!dirty) return;
  const started = performance.now();
  dirty = false;
  rebuild();
  const now = Date.now();
  const rows = [];
  for (const e of view.slice(page * PAGE, page * PAGE + PAGE)) {
    const tr = el('tr');
    tr.dataset.loco = e.locomotive;
    const a = el('a', '', e.locomotive);
    a.href = '/locomotive?id=' + encodeURIComponent(e.locomotive);
    cell(tr, '').append(a);
    cell(tr, linkText(e), 'link-' + (e.link === 'OFFLINE' ? 'offline' : e.stale ? 'stale' : 'online'));
    const v = e.values || {};
    socCell(tr, v);
    cell(tr, sent(v, 'bmsSoc'), 'num');
    cell(tr, sent(v, 'packPower'), 'num pack-power');
    cell(tr, sent(v, 'cellSpread'), 'num');
    cell(tr, sent(v, 'cellTempMax'), 'num');
    cell(tr, sent(v, 'windingTempMax'), 'num');
    const c = alarmCounts.get(e.locomotive) || {};
    const td = cell(tr, '', 'alarms');
    for (const t of [3, 2, 1]) {
      if (c[t]) td.append(el('span', 'tier tier' + t, String(c[t])));
    }
    cell(tr, ago(e.lastSeen, now), 'muted');
    cell(tr, String(e.gapsToday), 'num');
    rows.push(tr);
  }
  body.replaceChildren(...rows);
  renders++;
  document.body.dataset.renders = String(renders);
  if (rows.length && !performance.getEntriesByName('fleet-rows').length) performance.mark('fleet-rows');
  if (pendingLiveMs !== null) {
    liveCost.push(pendingLiveMs + performance.now() - started);
    if (liveCost.length > 1000) liveCost.shift();
    pendingLiveMs = null;
  }
}

function changed() {
  if (!dirty) { dirty = true; requestAnimationFrame(render); }
}

async function loadAlarms() {
  try {
    const {alarms} = await api('/api/v1/web/alarms?hours=24');
    alarmCounts.clear();
    for (const a of alarms) {
      if (a.cleared) continue;
      const c = alarmCounts.get(a.locomotive) || {};
      c[a.tier] = (c[a.tier] || 0) + 1;
      alarmCounts.set(a.locomotive, c);
    }
    changed();
  } catch (e) { /* next round */ }
}

// The stream sends only what changed, so the fleet is loaded each time the stream says it is ready
// (the station lists the page for its pushes first): a change sent after the load's query comes on
// the stream, one sent before is in the load, and nothing falls between the two. So it is loaded
// first when the page opens, and again after each reconnect (the station closes the stream of a
// page that fell behind; links drop), as changes sent meanwhile were lost. An entry the stream sent
// while a load was under way is at least as new and is kept.
async function reload(sentMeanwhile) {
  try {
    const snapshot = await api('/api/v1/fleet');
    for (const e of snapshot.locomotives) {
      if (!sentMeanwhile.has(e.locomotive)) locos.set(e.locomotive, e);
    }
    changed();
    return true;
  } catch (e) {
    return false;  // the stream's next events, or the next load
  }
}

function live() {
  const state = document.getElementById('live-state');
  const source = new EventSource('/api/v1/live');
  const reloads = new Set();  // for each load under way, the ids the stream sent meanwhile
  let loaded = false;
  async function load() {
    const sentMeanwhile = new Set();
    reloads.add(sentMeanwhile);
    if (await reload(sentMeanwhile)) loaded = true;
    reloads.delete(sentMeanwhile);
  }
  source.addEventListener('open', () => { state.textContent = 'live'; });
  source.addEventListener('ready', load);
  source.addEventListener('error', () => {
    state.textContent = 'reconnecting…';
    if (!loaded) load();  // a stream that cannot open yet: show the fleet meanwhile
  });
  source.addEventListener('fleet', (m) => {
    const started = performance.now();
    const update = parse(m.data);
    for (const e of update.locomotives) {
      locos.set(e.locomotive, e);
      for (const sent of reloads) sent.add(e.locomotive);
    }
    document.body.dataset.liveUpdates = String(Number(document.body.dataset.liveUpdates || 0) + 1);
    pendingLiveMs = (pendingLiveMs || 0) + performance.now() - started;
    changed();
  });
}

document.querySelectorAll('#fleet th').forEach(th => th.addEventListener('click', () => {
  const key = th.dataset.key;
  sortUp = key === sortKey ? !sortUp : true;
  sortKey = key;
  document.querySelectorAll('#fleet th').forEach(h => h.classList.remove('up', 'down'));
  th.classList.add(sortUp ? 'up' : 'down');
  changed();
}));
filter.addEventListener('input', () => { page = 0; changed(); });
document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); changed(); });
document.getElementById('next').addEventListener('click', () => { page++; changed(); });

await header('fleet');
live();
loadAlarms();
setInterval(loadAlarms, 10000);
setInterval(changed, 5000);   // "last seen" ages even without news
