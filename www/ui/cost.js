// The cost panel: the monthly estimate of the current design under its traffic, the line items
// with their arithmetic, a bar chart of the breakdown, and a comparison with another design (the
// exercise's start, or a design saved earlier). The traffic starts as the engine's
// (Session.defaultTraffic(): an exercise's cost-goal traffic, so the total here is the one the
// goal checks), and the learner edits it row by row. Every number comes from Session.cost() and
// Session.compareCost(); this file draws them and checks only the form's own fields.

import { el, message, svg, uid, usd } from './dom.js';
import { hasPorts } from './action-fields.js';
const KIND_LABEL = {
  nat_gateway_hours: 'NAT gateway hours',
  vpn_connection_hours: 'Site-to-Site VPN connection hours',
  nat_gateway_processing: 'NAT gateway data processing',
  tgw_attachment_hours: 'Transit gateway attachment hours',
  tgw_processing: 'Transit gateway data processing',
  interface_endpoint_hours: 'Interface endpoint hours',
  interface_endpoint_processing: 'Interface endpoint data processing',
  gateway_endpoint: 'Gateway endpoint',
  peering_connection: 'Peering connection',
  public_ipv4: 'Public IPv4 addresses',
  cross_az_out: 'Cross-AZ data out',
  cross_az_in: 'Cross-AZ data in',
  same_az: 'Same-AZ data',
  same_az_peering: 'Same-AZ data over peering',
  inter_region_out: 'Inter-region data out',
  public_ip_out: 'Data out to public IPs',
  public_ip_in: 'Data in from public IPs',
  gateway_endpoint_data: 'Data through a gateway endpoint',
  aws_service_same_region: 'Data to an AWS service (same region)',
  internet_egress: 'Internet data out',
};

export const kindLabel = (kind) => KIND_LABEL[kind] ?? kind.replace(/_/g, ' ');

const MAX_GB = 10000;
const PROTOCOLS = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['icmp', 'ICMP'],
  ['all', 'All traffic'],
];

/** A flow of the engine's traffic file as the form holds it (text fields stay text until read). */
function formFlow(f) {
  const protocol = f.protocol ?? 'tcp';
  return {
    from: f.from,
    to: f.to,
    protocol,
    port: hasPorts(protocol) ? String(f.port ?? 443) : '',
    gb: String(f.gb_per_month ?? 0),
    name: f.name ?? null,
    reply: f.reply_gb_per_month ?? null,
    service: f.aws_service ?? null,
  };
}

/**
 * What is wrong with a row of the form, as `{field, text}` naming the field and what would be
 * valid, or null. Only the form's own fields: whether the design carries the flow is the engine's.
 */
export function flowProblem(f) {
  if (!f.from) return { field: 'from', text: 'From: choose where the traffic starts.' };
  if (!f.to) return { field: 'to', text: 'To: choose where the traffic goes.' };
  if (f.from === f.to) return { field: 'to', text: 'To: choose another end than From; a flow goes from one place to another.' };
  if (!PROTOCOLS.some(([p]) => p === f.protocol)) return { field: 'protocol', text: 'Protocol: choose TCP, UDP, ICMP or all traffic.' };
  if (hasPorts(f.protocol)) {
    const port = f.port.trim();
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      return { field: 'port', text: `Port: ${port === '' ? 'it is empty' : `'${port}' is not a port`}; give a whole number from 0 to 65535 (443 for HTTPS, 22 for SSH).` };
    }
  }
  const gb = f.gb.trim();
  if (gb === '' || !Number.isFinite(Number(gb)) || Number(gb) < 0) {
    return { field: 'gb', text: `GB a month: ${gb === '' ? 'it is empty' : `'${gb}' is not an amount`}; give a number of GB, 0 or more.` };
  }
  return null;
}

/** The flow as the engine's traffic file holds it (for a row without a problem). */
function fileFlow(f) {
  const out = { from: f.from, to: f.to, gb_per_month: Number(f.gb.trim()), protocol: f.protocol };
  if (hasPorts(f.protocol)) out.port = Number(f.port.trim());
  if (f.reply != null) out.reply_gb_per_month = f.reply;
  if (f.service) out.aws_service = f.service;
  if (f.name) out.name = f.name;
  return out;
}

const SOURCE_NOTE = {
  cost_goal: (d) => `These flows are the traffic of the goal “${d.goal_text}”: with them, the total below is the one the goal checks. Change them to try other traffic.`,
  goals: () => 'One flow for each connection the goals ask for, 100 GB a month each. Change them to your own traffic.',
  estate: () => 'Flows between the estate’s instances, each on a port the design lets through, 100 GB a month each. Change them to your own traffic.',
};

/** A horizontal bar chart of `rows` ([label, usd]) as SVG, described for screen readers. */
export function barChart(rows, title) {
  const width = 560;
  const labelW = 230;
  const barH = 22;
  const gap = 8;
  const max = Math.max(...rows.map(([, v]) => v), 0.01);
  const height = rows.length * (barH + gap) + 8;
  const root = svg('svg', {
    class: 'bar-chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `${title}: ${rows.map(([l, v]) => `${l} ${usd(v)}`).join('; ')}`,
  });
  rows.forEach(([name, value], i) => {
    const y = 4 + i * (barH + gap);
    const w = Math.max(2, ((width - labelW - 90) * value) / max);
    root.append(
      svg('text', { x: labelW - 8, y: y + 15, 'text-anchor': 'end', class: 'bar-chart__label' }, name.length > 34 ? `${name.slice(0, 33)}…` : name),
      svg('rect', { x: labelW, y, width: w, height: barH, rx: 3, class: 'bar-chart__bar' }),
      svg('text', { x: labelW + w + 6, y: y + 15, class: 'bar-chart__value' }, usd(value)),
    );
  });
  return root;
}

function byKind(items) {
  const sums = new Map();
  for (const item of items) sums.set(item.kind, (sums.get(item.kind) ?? 0) + item.usd);
  return [...sums.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => [kindLabel(k), Math.round(v * 100) / 100]);
}

/** `then(value)` now, or when the sandbox's worker answers (its Session answers with promises). */
function whenReady(value, then, failed) {
  if (typeof value?.then === 'function') value.then(then, failed);
  else then(value);
}

/**
 * The cost panel. `getSession()` gives the Session; `designs()` returns the designs to compare
 * with as `[{id, label, documents}]`; `saveDesign(name, documents)` keeps one (or is absent).
 */
export function createCostPanel({ getSession, designs, saveDesign, idPrefix = 'cost' }) {
  // The rows of the form; null until the engine's default traffic has come.
  let flows = null;
  // The learner changed the flows: the engine's default no longer replaces them on refresh.
  let edited = false;
  // The engine's answer to defaultTraffic(): {traffic, from, goal, goal_text, ends}.
  let defaults = null;
  let ends = [];
  let names = {};
  // Which row each flow sent to the engine came from (rows with a problem are not sent).
  let sentRows = [];
  // A price table the learner chose or edited (JSON text), or null for the shipped ones.
  let customPrices = null;
  const error = el('p', { class: 'error', role: 'alert' });
  const sourceNote = el('p', { class: 'note cost-source' });
  const flowList = el('div', { class: 'flows' });
  const total = el('p', { class: 'cost-total', 'aria-live': 'polite' });
  const chart = el('div', { class: 'cost-chart' });
  const items = el('div', { class: 'cost-items' });
  const prices = el('p', { class: 'note cost-prices' });
  const pricesId = uid(`${idPrefix}-prices`);
  const pricesText = el('textarea', { id: pricesId, rows: '10', spellcheck: 'false', class: 'prices-json' });
  const pricesRegionId = uid(`${idPrefix}-prices-region`);
  const pricesRegion = el(
    'select',
    { id: pricesRegionId },
    el('option', { value: '' }, "The estate's own regions"),
    ...['us-east-1', 'us-east-2', 'eu-west-1'].map((r) => el('option', { value: r }, `${r} for everything`)),
  );
  const pricesError = el('p', { class: 'error', role: 'alert' });
  const pricesApply = el('button', { type: 'submit', class: 'button' }, 'Use these prices');
  const pricesForm = el(
    'form',
    { class: 'prices-form' },
    el('div', { class: 'field' }, el('label', { for: pricesRegionId }, 'Price table'), pricesRegion),
    el(
      'details',
      { class: 'prices-edit' },
      el('summary', {}, 'Edit the prices (JSON)'),
      el('div', { class: 'field field--wide' }, el('label', { for: pricesId }, 'Price table JSON: change any price and apply'), pricesText),
      el('div', { class: 'form-actions' }, pricesApply),
    ),
    pricesError,
  );
  const shownTable = (region) => {
    try {
      return JSON.stringify(getSession().priceTable(region), null, 2);
    } catch (err) {
      pricesError.textContent = message(err);
      return '';
    }
  };
  pricesRegion.addEventListener('change', () => {
    pricesError.textContent = '';
    customPrices = pricesRegion.value ? shownTable(pricesRegion.value) : null;
    pricesText.value = customPrices ?? shownTable(lastRegion ?? 'us-east-1');
    recompute();
  });
  pricesForm.addEventListener('submit', (event) => {
    event.preventDefault();
    pricesError.textContent = '';
    customPrices = pricesText.value;
    recompute();
  });
  let lastRegion = null;
  const compareId = uid(`${idPrefix}-compare`);
  const compareSelect = el('select', { id: compareId, class: 'cost-compare-select' });
  const compareOut = el('div', { class: 'cost-compare', 'aria-live': 'polite' });
  const compareError = el('p', { class: 'error', role: 'alert' });
  const nameId = uid(`${idPrefix}-design-name`);
  const nameInput = el('input', { id: nameId, type: 'text', class: 'cost-design-name', placeholder: 'e.g. with a NAT gateway', autocomplete: 'off' });

  const addButton = el('button', { type: 'button', class: 'button' }, 'Add a flow');
  const resetButton = el('button', { type: 'button', class: 'button button--small', hidden: true }, 'Back to the suggested flows');
  addButton.addEventListener('click', () => {
    flows ??= [];
    const from = ends.find((e) => e.source)?.id ?? '';
    const to = ends.find((e) => e.id !== from)?.id ?? '';
    flows.push({ from, to, protocol: 'tcp', port: '443', gb: '100', name: null, reply: null, service: null });
    changed();
    drawFlows();
    flowList.querySelector('.flow:last-of-type select')?.focus();
  });
  resetButton.addEventListener('click', () => {
    edited = false;
    flows = (defaults?.traffic?.flows ?? []).map(formFlow);
    drawFlows();
    drawSource();
    recompute();
  });

  const saveForm = saveDesign
    ? el(
        'form',
        { class: 'design-save' },
        el('div', { class: 'field' }, el('label', { for: nameId }, 'Save this design as'), nameInput),
        el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button' }, 'Save design')),
      )
    : null;
  saveForm?.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim() || `Design ${new Date().toLocaleString()}`;
    const saved = (documents) => {
      saveDesign(name, documents);
      nameInput.value = '';
      fillCompare(`saved:${name}`);
      compare();
    };
    try {
      whenReady(getSession().exportDocuments(), saved, (err) => {
        compareError.textContent = message(err);
      });
    } catch (err) {
      compareError.textContent = message(err);
    }
  });
  compareSelect.addEventListener('change', compare);

  const element = el(
    'div',
    { class: 'cost-panel' },
    el('h3', {}, 'Traffic'),
    sourceNote,
    flowList,
    el('div', { class: 'form-actions flow-actions' }, addButton, resetButton),
    error,
    el('h3', {}, 'Monthly estimate'),
    total,
    chart,
    items,
    prices,
    pricesForm,
    el('h3', {}, 'Compare two designs'),
    el('div', { class: 'compare-bar' }, el('div', { class: 'field' }, el('label', { for: compareId }, 'Compare this design with'), compareSelect), saveForm),
    compareError,
    compareOut,
  );

  /** `Name (id)` of a place or resource: the engine's names, else the id. */
  const labelOf = (id) => {
    const end = ends.find((e) => e.id === id);
    if (end) return end.label;
    return names[id] ? `${names[id]} (${id})` : id;
  };
  const shortName = (id) => names[id] ?? ends.find((e) => e.id === id)?.label.replace(/ \([^)]*\)$/, '') ?? id;

  /** The traffic file of the rows without a problem; `sentRows` maps its flows back to rows. */
  function traffic() {
    sentRows = [];
    const sent = [];
    (flows ?? []).forEach((f, i) => {
      if (flowProblem(f)) return;
      sentRows.push(i);
      sent.push(fileFlow(f));
    });
    return JSON.stringify({ flows: sent });
  }

  function changed() {
    edited = true;
    drawSource();
    soon();
  }

  function drawSource() {
    const note = defaults ? SOURCE_NOTE[defaults.from]?.(defaults) : null;
    sourceNote.textContent = edited && defaults?.from === 'cost_goal' ? `You changed the flows: the total below is no longer the one the goal “${defaults.goal_text}” checks.` : note ?? '';
    resetButton.textContent = defaults?.from === 'cost_goal' ? 'Back to the goal’s traffic' : 'Back to the suggested flows';
    resetButton.hidden = !edited || !defaults;
  }

  /** A picker of ends, with the row's current value kept even if the estate no longer has it. */
  function endPicker(id, value, { sources }) {
    const offered = ends.filter((e) => !sources || e.source);
    const select = el('select', { id }, ...offered.map((e) => el('option', { value: e.id }, e.label)));
    if (value && !offered.some((e) => e.id === value)) {
      const address = /^\d{1,3}(\.\d{1,3}){3}$/.test(value);
      select.prepend(el('option', { value }, names[value] ? `${names[value]} (${value})` : address ? value : `${value} (not in the estate)`));
    }
    select.value = value ?? '';
    return select;
  }

  function drawFlows() {
    drawSource();
    flowList.replaceChildren(
      ...(flows ?? []).map((f, i) => {
        const n = i + 1;
        const ids = Object.fromEntries(['from', 'to', 'protocol', 'port', 'gb', 'range', 'error'].map((k) => [k, uid(`${idPrefix}-flow${n}-${k}`)]));
        const from = endPicker(ids.from, f.from, { sources: true });
        const to = endPicker(ids.to, f.to, { sources: false });
        const protocol = el('select', { id: ids.protocol }, ...PROTOCOLS.map(([v, label]) => el('option', { value: v }, label)));
        protocol.value = f.protocol;
        const port = el('input', { id: ids.port, type: 'text', inputmode: 'numeric', class: 'flow__port', value: f.port, autocomplete: 'off' });
        port.disabled = !hasPorts(f.protocol);
        const number = el('input', { id: ids.gb, type: 'text', inputmode: 'decimal', class: 'flow__gb', value: f.gb, autocomplete: 'off' });
        const range = el('input', { id: ids.range, type: 'range', min: '0', max: String(MAX_GB), step: '10', value: String(Math.min(MAX_GB, Number(f.gb) || 0)) });
        const problem = el('p', { id: ids.error, class: 'error flow__error', role: 'alert' });
        const status = el('p', { class: 'note flow__status' });
        const fields = { from, to, protocol, port, gb: number };
        const check = () => {
          const p = flowProblem(f);
          problem.textContent = p ? `${p.text} This flow is not priced until it is fixed.` : '';
          for (const [key, input] of Object.entries(fields)) {
            if (p?.field === key) {
              input.setAttribute('aria-invalid', 'true');
              input.setAttribute('aria-describedby', ids.error);
            } else {
              input.removeAttribute('aria-invalid');
              input.removeAttribute('aria-describedby');
            }
          }
        };
        const caption = () => `Flow ${n}: ${f.name ?? `${shortName(f.from)} → ${shortName(f.to)}`}`;
        const legend = el('legend', { class: 'flow__label' }, caption());
        const edit = () => {
          check();
          legend.textContent = caption();
          changed();
        };
        from.addEventListener('change', () => {
          f.from = from.value;
          f.name = null;
          edit();
        });
        to.addEventListener('change', () => {
          f.to = to.value;
          f.name = null;
          f.service = null;
          edit();
        });
        protocol.addEventListener('change', () => {
          f.protocol = protocol.value;
          port.disabled = !hasPorts(f.protocol);
          if (hasPorts(f.protocol) && f.port === '') f.port = '443';
          if (!hasPorts(f.protocol)) f.port = '';
          port.value = f.port;
          edit();
        });
        port.addEventListener('input', () => {
          f.port = port.value;
          edit();
        });
        number.addEventListener('input', () => {
          f.gb = number.value;
          if (!flowProblem(f)) range.value = String(Math.min(MAX_GB, Number(f.gb)));
          edit();
        });
        range.addEventListener('input', () => {
          f.gb = range.value;
          number.value = f.gb;
          edit();
        });
        const remove = el('button', { type: 'button', class: 'button button--small', 'aria-label': `Remove flow ${n}` }, 'Remove');
        remove.addEventListener('click', () => {
          flows.splice(i, 1);
          changed();
          drawFlows();
        });
        check();
        const field = (id, label, input, extra) => el('div', { class: `field flow__field flow__field--${extra}` }, el('label', { for: id }, label), input);
        return el(
          'fieldset',
          { class: 'flow', 'data-flow': String(i) },
          legend,
          el(
            'div',
            { class: 'flow__grid' },
            field(ids.from, 'From', from, 'from'),
            field(ids.to, 'To', to, 'to'),
            field(ids.protocol, 'Protocol', protocol, 'protocol'),
            field(ids.port, 'Port', port, 'port'),
            field(ids.gb, 'GB a month', number, 'gb'),
          ),
          el('div', { class: 'flow__controls' }, el('label', { for: ids.range, class: 'visually-hidden' }, `GB a month for flow ${n}, as a slider`), range, remove),
          problem,
          status,
        );
      }),
    );
    if (!flows?.length) flowList.append(el('p', { class: 'note' }, 'No flows: only the hourly charges are counted. Add a flow to price data too.'));
  }

  /** The engine's word on each row: not priced, and why. */
  function drawStatuses(report) {
    const rows = [...flowList.querySelectorAll('.flow')];
    for (const row of rows) row.querySelector('.flow__status').textContent = '';
    const status = (flow) => rows[sentRows[flow]]?.querySelector('.flow__status');
    for (const u of report.unpriced ?? []) {
      const s = status(u.flow);
      if (s) s.textContent = `Not priced: ${u.message}.`;
    }
    for (const u of report.unreachable ?? []) {
      const s = status(u.flow);
      if (s) s.textContent = `Not priced: the design does not carry it (${u.code}${u.at ? ` at ${labelOf(u.at)}` : ''}). If this traffic uses another protocol or port, change it above.`;
    }
  }

  // A dragged slider asks many times a frame; price once per frame.
  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      recompute();
    });
  }

  function recompute() {
    error.textContent = '';
    if (flows == null) return;
    const failed = (err) => {
      const text = message(err);
      // A refusal naming a flow is shown on its row; others above the estimate.
      const m = /traffic flow (\d+)/.exec(text);
      const row = m ? flowList.querySelectorAll('.flow')[sentRows[Number(m[1])]] : null;
      if (row && !customPrices) row.querySelector('.flow__status').textContent = `Not priced: ${text}`;
      (customPrices ? pricesError : error).textContent = row && !customPrices ? `Flow ${sentRows[Number(m[1])] + 1} cannot be priced; see its row.` : text;
      total.textContent = '';
      delete total.dataset.usd;
      chart.replaceChildren();
      items.replaceChildren();
    };
    try {
      whenReady(getSession().cost(traffic(), customPrices ?? undefined), showReport, failed);
    } catch (err) {
      failed(err);
    }
  }

  function showReport(report) {
    names = report.names ?? {};
    total.replaceChildren(el('span', { class: 'cost-total__value' }, usd(report.monthly_usd)), ' a month');
    total.dataset.usd = String(report.monthly_usd);
    drawStatuses(report);
    const rows = byKind(report.items);
    chart.replaceChildren(rows.length ? barChart(rows, 'Monthly cost by kind') : el('p', { class: 'note' }, 'Nothing here costs money.'));
    const body = el(
      'tbody',
      {},
      ...report.items.map((item) =>
        el(
          'tr',
          { 'data-kind': item.kind },
          el('td', { class: 'cost-resource', 'data-label': 'Resource' }, names[item.resource] ? [`${names[item.resource]} `, el('code', {}, `(${item.resource})`)] : el('code', {}, item.resource)),
          el('td', { 'data-label': 'What' }, kindLabel(item.kind), item.flow != null ? el('span', { class: 'note' }, ` (flow ${(sentRows[item.flow] ?? item.flow) + 1})`) : null),
          el('td', { class: 'arith', 'data-label': 'Arithmetic' }, item.arithmetic, item.note ? el('span', { class: 'note cost-note' }, item.note) : null),
          el('td', { class: 'num', 'data-label': 'Monthly' }, usd(item.usd)),
          el('td', { 'data-label': 'Paid by' }, item.payer),
        ),
      ),
    );
    const flowName = (i) => {
      const f = flows?.[sentRows[i]];
      return f ? `${labelOf(f.from)} → ${labelOf(f.to)}, ${f.protocol.toUpperCase()}${hasPorts(f.protocol) ? ` ${f.port.trim()}` : ''}` : '';
    };
    const notPriced = [
      ...(report.unreachable ?? []).map((u) =>
        el('li', {}, el('strong', {}, `Flow ${(sentRows[u.flow] ?? u.flow) + 1} is not priced: `), `${flowName(u.flow)} cannot get through (${u.code}${u.at ? ` at ${labelOf(u.at)}` : ''})`, u.message ? `: ${u.message}` : '', '.'),
      ),
      ...(report.unpriced ?? []).map((u) => el('li', {}, el('strong', {}, `Flow ${(sentRows[u.flow] ?? u.flow) + 1} is not priced: `), `${u.message}.`)),
    ];
    items.replaceChildren(
      el(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Line items' },
        el(
          'table',
          { class: 'table cost-table stack-table' },
          el('caption', {}, 'Line items'),
          el('thead', {}, el('tr', {}, ...['Resource', 'What', 'Arithmetic', 'Monthly', 'Paid by'].map((h) => el('th', { scope: 'col' }, h)))),
          body,
        ),
      ),
      ...(notPriced.length ? [el('ul', { class: 'unreachable' }, ...notPriced)] : []),
    );
    const used = [report.prices, ...(report.other_prices ?? [])].filter(Boolean);
    lastRegion = report.prices?.region ?? lastRegion;
    if (!pricesText.value) pricesText.value = shownTable(lastRegion ?? 'us-east-1');
    const hours = report.prices?.hours_per_month;
    prices.replaceChildren(...pricesLine(used), customPrices ? ' (your table)' : '', hours ? `. A month is ${hours} hours.` : '.');
    if (compareSelect.value) compare();
  }

  function fillCompare(keep) {
    const list = designs();
    compareSelect.replaceChildren(el('option', { value: '' }, '(choose a design)'), ...list.map((d) => el('option', { value: d.id }, d.label)));
    if (keep && list.some((d) => d.id === keep)) compareSelect.value = keep;
  }

  function compare() {
    compareError.textContent = '';
    const chosen = designs().find((d) => d.id === compareSelect.value);
    if (!chosen) {
      compareOut.replaceChildren();
      return;
    }
    const failed = (err) => {
      compareError.textContent = message(err);
      compareOut.replaceChildren();
    };
    try {
      whenReady(getSession().compareCost(chosen.documents, traffic(), customPrices ?? undefined), (c) => showComparison(chosen, c), failed);
    } catch (err) {
      failed(err);
    }
  }

  function showComparison(chosen, c) {
    const sign = c.difference_usd > 0 ? 'more' : 'less';
    const rows = c.by_kind.filter((k) => k.a_usd || k.b_usd);
    compareOut.replaceChildren(
      el(
        'dl',
        { class: 'compare-totals' },
        el('div', {}, el('dt', {}, 'This design'), el('dd', { 'data-side': 'a' }, usd(c.a_monthly_usd))),
        el('div', {}, el('dt', {}, chosen.label), el('dd', { 'data-side': 'b' }, usd(c.b_monthly_usd))),
        el('div', {}, el('dt', {}, 'Difference'), el('dd', { 'data-side': 'diff' }, c.difference_usd === 0 ? 'the same' : `${usd(Math.abs(c.difference_usd))} ${sign} for ${chosen.label}`)),
      ),
      ...(rows.length
        ? [
            el(
              'div',
              { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Comparison by kind' },
              el(
                'table',
                { class: 'table' },
                el('caption', {}, 'By kind of charge'),
                el('thead', {}, el('tr', {}, ...['Charge', 'This design', chosen.label, 'Difference'].map((h) => el('th', { scope: 'col' }, h)))),
                el('tbody', {}, ...rows.map((k) => el('tr', {}, el('td', {}, kindLabel(k.kind)), el('td', { class: 'num' }, usd(k.a_usd)), el('td', { class: 'num' }, usd(k.b_usd)), el('td', { class: 'num' }, usd(k.difference_usd))))),
              ),
            ),
          ]
        : []),
    );
  }

  /** Takes the engine's default traffic and ends; the flows follow it until the learner edits. */
  function useDefaults(d) {
    defaults = d;
    ends = d?.ends ?? [];
    if (!edited || flows == null) {
      edited = false;
      flows = (d?.traffic?.flows ?? []).map(formFlow);
    }
    drawFlows();
    fillCompare(compareSelect.value);
    recompute();
  }

  return {
    element,
    /** Re-reads the engine's default traffic and the estate's ends, and re-prices. */
    refresh() {
      const failed = (err) => {
        error.textContent = `The suggested traffic could not be read: ${message(err)}`;
        useDefaults(null);
      };
      try {
        whenReady(getSession().defaultTraffic(), useDefaults, failed);
      } catch (err) {
        failed(err);
      }
    },
    /** Forgets the flows (a new estate was loaded). */
    reset() {
      flows = null;
      edited = false;
      compareSelect.value = '';
      compareOut.replaceChildren();
    },
  };
}

/**
 * The prices' source and date, once: `Prices of us-east-1 as of 2026-12-07 (Amazon VPC
 * pricing)`; tables of several regions share the sentence when they share the date.
 */
function pricesLine(used) {
  const byDate = new Map();
  for (const p of used) byDate.set(p.as_of, [...(byDate.get(p.as_of) ?? []), p]);
  return [...byDate.entries()].flatMap(([date, tables], i) => {
    const source = tables[0].source ?? {};
    // A learner's own table may carry any text: only a web address becomes a link.
    const link = /^https?:\/\//i.test(String(source.url ?? '')) ? el('a', { href: source.url, rel: 'noopener' }, String(source.title ?? source.url)) : String(source.title ?? '');
    return [i ? '; ' : '', `Prices of ${tables.map((t) => t.region).join(', ')} as of ${date} (`, link, ')'];
  });
}
