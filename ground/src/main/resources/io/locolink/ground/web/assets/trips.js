// The trips page: trip summaries per locomotive from the station, with the report and CSV of
// trips whose log has been collected from the locomotive's depot server.
import {header, api, el, sent, time} from './common.js';

await header('trips');
const select = document.getElementById('trip-loco');
// A station without depot collection serves no /api/v1/collection: do not ask it (a 404 is a console error).
const collecting = (await api('/api/v1/health')).depotCollection === true;
const OFF = 'this station does not collect trip logs from the depots: no report or CSV';
const fleet = await api('/api/v1/fleet');
for (const e of fleet.locomotives) {
  const o = el('option', '', e.locomotive);
  o.value = e.locomotive;
  select.append(o);
}

async function load() {
  const body = document.querySelector('#trips tbody');
  const note = document.getElementById('trips-note');
  if (!select.value) { note.textContent = 'no locomotive has reported yet'; return; }
  try {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 30 * 86400000).toISOString();   // both ends: 'from' alone means 7 days after it
    const t = await api('/api/v1/trips?' + new URLSearchParams({locomotive: select.value, from, to}));
    const collected = collecting ? await collectedTrips(select.value) : new Map();
    const rows = [];
    for (const trip of t.trips || []) {
      const tr = el('tr');
      tr.dataset.trip = trip.trip;
      tr.append(el('td', '', String(trip.trip)), el('td', '', time(trip.start)), el('td', '', time(trip.end)),
        el('td', 'num', thousandths(trip.distanceM)), el('td', 'num', thousandths(trip.consumedWh)),
        el('td', 'num', thousandths(trip.regeneratedWh)), el('td', 'num', sent(trip, 'socStart') + ' → ' + sent(trip, 'socEnd')),
        temperature(trip, 'minCellTempC', 'cell-temp-min'), temperature(trip, 'maxCellTempC', 'cell-temp-max'),
        temperature(trip, 'maxMotorTempC', 'motor-temp-max'));
      const files = el('td');
      const log = collected.get(trip.trip);
      if (log) {
        for (const [key, label, cls] of [['report', 'report', 'trip-report'], ['csv', 'CSV', 'trip-csv']]) {
          const a = el('a', cls, label);
          a.href = log[key];
          files.append(a, ' ');
        }
      }
      if (!files.childNodes.length) files.textContent = collecting ? 'log not collected' : 'not collected here';
      tr.append(files);
      rows.push(tr);
    }
    body.replaceChildren(...rows);
    note.textContent = (rows.length ? '' : 'no trips reported yet') + (collecting ? '' : (rows.length ? '' : '; ') + OFF);
  } catch (e) {
    note.textContent = 'trips: ' + e.message;
  }
}
/** The trips whose log the station collected from the depot, by trip id; empty where it does not collect. */
async function collectedTrips(locomotive) {
  try {
    const list = await api('/api/v1/collection/trips?' + new URLSearchParams({locomotive, limit: '10000'}));
    return new Map(list.map(t => [t.id, t]));
  } catch (e) {
    return new Map();
  }
}

/**
 * A trip temperature's cell: the value at its resolution as sent (0.1 °C), or, for one the trip never
 * read good (null), the dash every page shows for an unknown value, its tooltip saying so.
 */
function temperature(trip, key, cls) {
  const td = el('td', 'num ' + cls, sent(trip, key));
  if (trip[key] === null || trip[key] === undefined) td.title = 'unknown: no good reading in the trip';
  return td;
}

/** An integer count of thousandths (m, Wh) as a decimal string of the larger unit (km, kWh). */
function thousandths(v) {
  if (v === null || v === undefined) return '–';
  const n = BigInt(v), a = n < 0n ? -n : n;
  const frac = String(a % 1000n).padStart(3, '0');
  return (n < 0n ? '-' : '') + (a / 1000n) + '.' + frac;
}
select.addEventListener('change', load);
load();
