// The alarms page: every occurrence across the fleet by time, its state, and acknowledgement with a
// comment for engineers and admins (the server refuses it to viewers as well).
import {header, api, el, time, TIERS} from './common.js';

const user = await header('alarms');
const mayAck = user.role === 'engineer' || user.role === 'admin';
const body = document.querySelector('#alarms tbody');

async function load() {
  const hours = document.getElementById('hours').value;
  const activeOnly = document.getElementById('active-only').checked;
  const {alarms} = await api('/api/v1/web/alarms?hours=' + hours);
  const rows = [];
  for (const a of alarms) {
    if (activeOnly && a.cleared) continue;
    const tr = el('tr', 'tier' + a.tier);
    tr.dataset.alarm = a.locomotive + '/' + a.bootId + '/' + a.sequence;
    tr.dataset.code = a.code;
    tr.append(el('td', '', time(a.raised)), el('td', '', a.locomotive), el('td', 'tier', a.tier + ' ' + TIERS[a.tier]),
      el('td', '', a.code + (a.index ? ' #' + a.index : '')), el('td', 'num', a.value + ' / ' + a.limit + ' ' + a.unit),
      el('td', 'state', a.state),
      el('td', 'acked', a.ackedBy ? a.ackedBy + ', ' + time(a.ackedAt) + ': ' + a.comment : ''));
    const td = el('td');
    if (!a.ackedBy && mayAck) {
      const comment = el('input', 'comment');
      comment.placeholder = 'comment';
      const b = el('button', 'ack', 'Acknowledge');
      b.addEventListener('click', async () => {
        try {
          await api('/api/v1/web/alarms/ack', {method: 'POST',
            body: {locomotive: a.locomotive, bootId: a.bootId, sequence: a.sequence, comment: comment.value}});
          load();
        } catch (e) {
          td.append(el('span', 'error', e.message));
        }
      });
      td.append(comment, b);
    }
    tr.append(td);
    rows.push(tr);
  }
  body.replaceChildren(...rows);
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}

document.getElementById('hours').addEventListener('change', load);
document.getElementById('active-only').addEventListener('change', load);
load();
setInterval(load, 10000);
