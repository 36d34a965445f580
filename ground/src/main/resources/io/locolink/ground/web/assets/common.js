// Shared by every page: the session (user, role, CSRF token), API calls, the header with its
// navigation and the banner of unacknowledged top-tier alarms, number formatting.

let session = null;

/** The logged-in user {user, role, csrfToken}; sends the browser to the log-in page without a session. */
export async function me() {
  if (session) return session;
  const r = await fetch('/auth/me', {credentials: 'same-origin'});
  if (r.status === 401) { location.href = '/login'; throw new Error('not logged in'); }
  session = await r.json();
  return session;
}

/** Calls the API; a state change carries the session's CSRF token. Returns the parsed JSON or throws its error. */
export async function api(path, options = {}) {
  const method = options.method || 'GET';
  const headers = {'Accept': 'application/json'};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = (await me()).csrfToken;
  }
  const r = await fetch(path, {method, headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body)});
  if (r.status === 401) { location.href = '/login'; throw new Error('not logged in'); }
  const body = await r.text().then(parse).catch(() => ({}));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

/** Fills the page header: navigation, the user, log-out, and the alarm banner (refreshed every 5 s). */
export async function header(active) {
  const u = await me();
  const top = document.getElementById('top');
  const links = [['/', 'Fleet', 'fleet'], ['/alarms', 'Alarms', 'alarms'], ['/trips', 'Trips', 'trips']];
  top.replaceChildren();
  const nav = el('nav');
  nav.append(el('span', 'brand', 'LocoLink'));
  for (const [href, text, key] of links) {
    const a = el('a', key === active ? 'active' : '', text);
    a.href = href;
    nav.append(a);
  }
  const who = el('span', 'who', u.user + ' (' + u.role + ')');
  who.id = 'who';
  const out = el('button', 'link', 'Log out');
  out.id = 'logout';
  out.addEventListener('click', async () => { await api('/auth/logout', {method: 'POST', body: {}}); location.href = '/login'; });
  nav.append(who, out);
  const banner = el('div', 'banner hidden');
  banner.id = 'alarm-banner';
  top.append(nav, banner);
  const refresh = async () => {
    try {
      const {alarms} = await api('/api/v1/web/alarms?hours=168');
      const open = alarms.filter(a => a.tier >= 3 && !a.ackedBy);
      banner.classList.toggle('hidden', open.length === 0);
      if (open.length) {
        const a = open[0];
        banner.replaceChildren(el('a', '', open.length + ' unacknowledged top-tier alarm' + (open.length > 1 ? 's' : '')
          + ': ' + a.locomotive + ' ' + a.code + ' since ' + time(a.raised)));
        banner.firstChild.href = '/alarms';
      }
    } catch (e) { /* the banner tries again */ }
  };
  refresh();
  setInterval(refresh, 5000);
  return u;
}

/** A new element with a class and text. */
export function el(tag, cls = '', text = '') {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== '') e.textContent = text;
  return e;
}

/** Where parse keeps the text of an object's numbers, by key. */
const SENT = Symbol('numbers as sent');

/**
 * JSON text parsed; every number in an object also keeps the text it came as (3.260, 10.0), for
 * sent(). A number parsed back loses its trailing zeros, and with them the value's resolution.
 */
export function parse(text) {
  return JSON.parse(text, function (key, value, context) {
    if (typeof value === 'number' && context && context.source !== undefined && !Array.isArray(this)) {
      if (!Object.hasOwn(this, SENT)) Object.defineProperty(this, SENT, {value: {}});
      this[SENT][key] = context.source;
    }
    return value;
  });
}

/** obj[key] as the API sent it, at its own resolution (a cell at 3.260 V stays 3.260), or a dash. */
export function sent(obj, key) {
  const v = obj ? obj[key] : undefined;
  if (v === null || v === undefined) return '–';
  return (obj[SENT] && obj[SENT][key]) || String(v);
}

/** A value or a dash. */
export function num(v) {
  return v === null || v === undefined ? '–' : String(v);
}

/** An ISO time as local date and time, to the second. */
export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

/** How long ago, shortly: "4 s", "3 min", "2 h", "5 d". */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return s + ' s ago';
  if (s < 7200) return Math.round(s / 60) + ' min ago';
  if (s < 172800) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

export const TIERS = {1: 'note', 2: 'reduce power', 3: 'open contactors'};
