// Reads history, the route and energy from the station's read API into the shapes the page draws:
// {time: [unix seconds], series: {channel: [value or null]}}; an empty bucket is null (a gap).
import {api} from './common.js';

export const CHANNELS = ['soc', 'bmsSoc', 'packVoltage', 'packCurrent', 'packPower', 'cellMinVoltage',
  'cellMaxVoltage', 'cellSpread', 'cellTempMin', 'cellTempMax', 'windingTempMax', 'inverterTempMax',
  'drivePower', 'gensetPower', 'fuelFlow', 'speed'];

function range(fromMs, toMs) {
  return {from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString()};
}

/** {@code points} buckets over [fromMs, toMs): each channel's mean per bucket, null where there was no data. */
export async function history(id, fromMs, toMs, points = 600) {
  const q = new URLSearchParams({...range(fromMs, toMs), channels: CHANNELS.join(','), points: String(points)});
  const h = await api('/api/v1/locomotives/' + encodeURIComponent(id) + '/history?' + q);
  const series = {};
  for (const [name, s] of Object.entries(h.channels)) {
    if (s.mean.some(v => v !== null)) series[name] = s.mean.map(v => v === null ? null : Number(v));
  }
  return {time: h.time, bucketSeconds: h.bucketSeconds, series};
}

/** GNSS positions over the range as runs of [longitude, latitude]; a run breaks where positions are missing. */
export async function route(id, fromMs, toMs) {
  const q = new URLSearchParams(range(fromMs, toMs));
  const r = await api('/api/v1/web/locomotives/' + encodeURIComponent(id) + '/route?' + q);
  return r.runs;
}

/** Energy per UTC day over the range and the number of five-minute periods received. */
export async function energy(id, fromMs, toMs) {
  const q = new URLSearchParams({...range(fromMs, toMs), locomotive: id, period: 'day'});
  const e = await api('/api/v1/energy?' + q);
  const days = e.energy.map(d => ({day: d.day, periods: d.periods, missing: d.missingPeriods,
    consumedKwh: kwh(d.consumedWh), regeneratedKwh: kwh(d.regeneratedWh), gensetKwh: kwh(d.gensetWh),
    depotKwh: kwh(d.depotChargeWh), co2AvoidedKg: kwh(d.co2AvoidedG)}));
  return {periods: days.reduce((n, d) => n + Number(d.periods), 0), days};
}

/** Five minutes, the gateway's energy period. */
export const PERIOD_S = 300;

/**
 * Energy per five-minute period over the range, one slot per period whether or not a record came
 * ({time: [period end, unix s], series: {consumed, regenerated, genset, depot: [Wh or null]}}): a
 * missing record is a gap, never a zero.
 */
export async function energyPeriods(id, fromMs, toMs) {
  const q = new URLSearchParams({...range(fromMs, toMs), locomotive: id, period: '5min'});
  const e = await api('/api/v1/energy?' + q);
  const byEnd = new Map();
  for (const r of e.energy) byEnd.set(Math.round(Date.parse(r.periodEnd) / 1000), r);
  const first = Math.ceil(fromMs / 1000 / PERIOD_S) * PERIOD_S;
  const time = [];
  const series = {consumed: [], regenerated: [], genset: [], depot: []};
  for (let t = first; t * 1000 < toMs; t += PERIOD_S) {
    const r = byEnd.get(t);
    time.push(t);
    series.consumed.push(r ? Number(r.consumedWh) : null);
    series.regenerated.push(r ? Number(r.regeneratedWh) : null);
    series.genset.push(r ? Number(r.gensetWh) : null);
    series.depot.push(r ? Number(r.depotChargeWh) : null);
  }
  return {time, series, records: e.energy.length};
}

/** Thousandths as a decimal string (Wh to kWh, g to kg) without binary rounding noise. */
function kwh(v) {
  if (v === null || v === undefined) return null;
  const n = BigInt(v);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const frac = String(a % 1000n).padStart(3, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + (a / 1000n) + (frac ? '.' + frac : '');
}
