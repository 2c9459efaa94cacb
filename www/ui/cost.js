// The cost panel: the monthly estimate of the current design under a few traffic flows (each
// with a slider), the line items with their arithmetic, a bar chart of the breakdown, and a
// comparison with another design (the exercise's start, or a design saved earlier). Every number
// comes from Session.cost() and Session.compareCost(); this file draws them.

import { el, message, svg, uid, usd } from './dom.js';

const KIND_LABEL = {
  nat_gateway_hours: 'NAT gateway hours',
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

/**
 * The flows priced at first: those `suggested` (an exercise's connections), else instance to
 * instance and to the first service an endpoint offers.
 */
function defaultFlows(choices, suggested) {
  const ids = new Set(choices.map((c) => c.id));
  const picked = (suggested ?? []).filter((f) => ids.has(f.from));
  if (picked.length) return picked.map((f) => ({ from: f.from, to: f.to, gb: 100 }));
  const instances = choices.filter((c) => c.kind === 'instance');
  const flows = [];
  if (instances.length >= 2) flows.push({ from: instances[0].id, to: instances[1].id, gb: 100 });
  if (instances.length && choices.some((c) => c.kind === 'service')) {
    const svc = choices.find((c) => c.kind === 'service');
    flows.push({ from: instances[instances.length - 1].id, to: svc.id, gb: 500 });
  }
  return flows;
}

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

/**
 * The cost panel. `getSession()` gives the Session; `designs()` returns the designs to compare
 * with as `[{id, label, documents}]`; `saveDesign(name, documents)` keeps one (or is absent).
 */
export function createCostPanel({ getSession, designs, saveDesign, suggestFlows, idPrefix = 'cost' }) {
  let flows = null;
  let choices = [];
  // A price table the learner chose or edited (JSON text), or null for the shipped ones.
  let customPrices = null;
  const error = el('p', { class: 'error', role: 'alert' });
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
  const addFromId = uid(`${idPrefix}-add-from`);
  const addToId = uid(`${idPrefix}-add-to`);
  const addFrom = el('select', { id: addFromId });
  const addTo = el('select', { id: addToId });

  const addForm = el(
    'form',
    { class: 'flow-add' },
    el('div', { class: 'field' }, el('label', { for: addFromId }, 'From'), addFrom),
    el('div', { class: 'field' }, el('label', { for: addToId }, 'To'), addTo),
    el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button' }, 'Add flow')),
  );
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!addFrom.value || !addTo.value) return;
    flows.push({ from: addFrom.value, to: addTo.value, gb: 100 });
    drawFlows();
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
      const documents = getSession().exportDocuments();
      // The sandbox's session answers with a promise.
      if (typeof documents?.then === 'function') {
        documents.then(saved).catch((err) => {
          compareError.textContent = message(err);
        });
      } else saved(documents);
    } catch (err) {
      compareError.textContent = message(err);
    }
  });
  compareSelect.addEventListener('change', compare);

  const element = el(
    'div',
    { class: 'cost-panel' },
    el('h3', {}, 'Traffic'),
    el('p', { class: 'note' }, 'Data charges follow the path each flow takes; move a slider to see the estimate change.'),
    flowList,
    addForm,
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

  const traffic = () =>
    JSON.stringify({ flows: flows.filter((f) => f.from && f.to).map((f) => ({ from: f.from, to: f.to, gb_per_month: f.gb })) });

  const nameOf = (id) => {
    const c = choices.find((x) => x.id === id);
    return c?.name ? `${c.name}` : id;
  };

  function drawFlows() {
    flowList.replaceChildren(
      ...flows.map((f, i) => {
        const rangeId = uid(`${idPrefix}-flow`);
        const numberId = uid(`${idPrefix}-flow-gb`);
        const range = el('input', { id: rangeId, type: 'range', min: '0', max: String(MAX_GB), step: '10', value: String(f.gb) });
        const number = el('input', { id: numberId, type: 'number', min: '0', step: '1', value: String(f.gb), class: 'flow__gb', inputmode: 'decimal' });
        const title = `${nameOf(f.from)} → ${nameOf(f.to)}`;
        const set = (v, from) => {
          f.gb = Math.max(0, Number(v) || 0);
          if (from !== range) range.value = String(Math.min(MAX_GB, f.gb));
          if (from !== number) number.value = String(f.gb);
          soon();
        };
        range.addEventListener('input', () => set(range.value, range));
        number.addEventListener('input', () => set(number.value, number));
        const remove = el('button', { type: 'button', class: 'button button--small', 'aria-label': `Remove flow ${i + 1}: ${title}` }, 'Remove');
        remove.addEventListener('click', () => {
          flows.splice(i, 1);
          drawFlows();
          recompute();
        });
        return el(
          'div',
          { class: 'flow', 'data-flow': String(i) },
          el('label', { for: rangeId, class: 'flow__label' }, `Flow ${i + 1}: ${title}`),
          el('div', { class: 'flow__controls' }, range, el('label', { for: numberId, class: 'visually-hidden' }, `GB per month for flow ${i + 1}`), number, el('span', { class: 'flow__unit' }, 'GB/month'), remove),
        );
      }),
    );
    if (!flows.length) flowList.append(el('p', { class: 'note' }, 'No flows: only the hourly charges are counted. Add a flow below.'));
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
    const failed = (err) => {
      (customPrices ? pricesError : error).textContent = message(err);
      total.textContent = '';
      chart.replaceChildren();
      items.replaceChildren();
    };
    let report;
    try {
      report = getSession().cost(traffic(), customPrices ?? undefined);
    } catch (err) {
      failed(err);
      return;
    }
    // The sandbox's session lives in a Web Worker and answers with a promise.
    if (typeof report?.then === 'function') report.then(showReport, failed);
    else showReport(report);
  }

  function showReport(report) {
    total.replaceChildren(el('span', { class: 'cost-total__value' }, usd(report.monthly_usd)), ' a month');
    total.dataset.usd = String(report.monthly_usd);
    const rows = byKind(report.items);
    chart.replaceChildren(rows.length ? barChart(rows, 'Monthly cost by kind') : el('p', { class: 'note' }, 'Nothing here costs money.'));
    const body = el(
      'tbody',
      {},
      ...report.items.map((item) =>
        el(
          'tr',
          { 'data-kind': item.kind },
          el('td', {}, el('code', {}, item.resource)),
          el('td', {}, kindLabel(item.kind), item.flow != null ? el('span', { class: 'note' }, ` (flow ${item.flow + 1})`) : null),
          el('td', { class: 'arith' }, item.arithmetic, item.note ? el('span', { class: 'note cost-note' }, item.note) : null),
          el('td', { class: 'num' }, usd(item.usd)),
          el('td', {}, item.payer),
        ),
      ),
    );
    const unreachable = (report.unreachable ?? []).map((u) =>
      el('li', {}, el('strong', {}, `Flow ${(u.flow ?? 0) + 1} is not priced: `), `${u.from ?? ''} → ${u.to ?? ''} cannot get through`, u.code ? ` (${u.code})` : '', u.message ? `: ${u.message}` : '', '.'),
    );
    items.replaceChildren(
      el(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Line items' },
        el(
          'table',
          { class: 'table cost-table' },
          el('caption', {}, 'Line items'),
          el('thead', {}, el('tr', {}, ...['Resource', 'What', 'Arithmetic', 'Monthly', 'Paid by'].map((h) => el('th', { scope: 'col' }, h)))),
          body,
        ),
      ),
      unreachable.length ? el('ul', { class: 'unreachable' }, ...unreachable) : null,
    );
    const used = [report.prices, ...(report.other_prices ?? [])].filter(Boolean);
    lastRegion = report.prices?.region ?? lastRegion;
    if (!pricesText.value) pricesText.value = shownTable(lastRegion ?? 'us-east-1');
    prices.replaceChildren(
      'Prices: ',
      ...used.flatMap((p, i) => [
        i ? '; ' : '',
        `${p.region}, `,
        // A learner's own table may carry any text: only a web address becomes a link.
        /^https?:\/\//i.test(String(p.source?.url ?? '')) ? el('a', { href: p.source.url, rel: 'noopener' }, String(p.source.title ?? p.source.url)) : String(p.source?.title ?? ''),
        `, as of ${p.as_of}`,
      ]),
      customPrices ? ' (your table)' : '',
      '. A month is 730 hours.',
    );
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
    let c;
    try {
      c = getSession().compareCost(chosen.documents, traffic(), customPrices ?? undefined);
    } catch (err) {
      failed(err);
      return;
    }
    if (typeof c?.then === 'function') c.then((answer) => showComparison(chosen, answer), failed);
    else showComparison(chosen, c);
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
      rows.length
        ? el(
            'div',
            { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Comparison by kind' },
            el(
              'table',
              { class: 'table' },
              el('caption', {}, 'By kind of charge'),
              el('thead', {}, el('tr', {}, ...['Charge', 'This design', chosen.label, 'Difference'].map((h) => el('th', { scope: 'col' }, h)))),
              el('tbody', {}, ...rows.map((k) => el('tr', {}, el('td', {}, kindLabel(k.kind)), el('td', { class: 'num' }, usd(k.a_usd)), el('td', { class: 'num' }, usd(k.b_usd)), el('td', { class: 'num' }, usd(k.difference_usd))))),
            ),
          )
        : null,
    );
  }

  return {
    element,
    /** Re-reads the estate's ends, keeps the flows that still make sense, and re-prices. */
    refresh() {
      try {
        choices = getSession().endpoints() ?? [];
      } catch {
        choices = [];
      }
      const ids = new Set(choices.map((c) => c.id));
      if (flows == null) flows = defaultFlows(choices, suggestFlows?.());
      flows = flows.filter((f) => ids.has(f.from) && (ids.has(f.to) || !f.to.startsWith('i-')));
      const opts = choices.map((c) => el('option', { value: c.id }, c.name ? `${c.name} (${c.id})` : c.id));
      addFrom.replaceChildren(...opts.filter((o) => !choices.find((c) => c.id === o.value && c.kind === 'service')));
      addTo.replaceChildren(...opts.map((o) => o.cloneNode(true)), el('option', { value: 's3' }, 'Amazon S3 (s3)'), el('option', { value: '203.0.113.10' }, 'The internet (203.0.113.10)'));
      if (addTo.options.length > 1) addTo.selectedIndex = 1;
      drawFlows();
      fillCompare(compareSelect.value);
      recompute();
    },
    /** Forgets the flows (a new estate was loaded). */
    reset() {
      flows = null;
      compareSelect.value = '';
      compareOut.replaceChildren();
    },
  };
}
