// The CIDR calculator view: type a block, see its addresses, the five AWS reserves, its bits
// with the network part marked, and a split into subnets. Every value comes from the engine
// (vpclab-core through wasm); this file only draws.

const PAGE = 64;

const RESERVED_ROLES = [
  'Network address',
  'VPC router',
  'Amazon DNS server',
  'Reserved for future use',
  'Last address (network broadcast is not supported)',
];

export const cidrView = {
  id: 'cidr',
  title: 'CIDR calculator',
  mount,
};

/** Creates an element: `el('p', {class: 'x'}, 'text', child)`. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

/** 65536 → "65,536"; also for IPv6 totals, which arrive as decimal strings. */
function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function mount(section, engine) {
  section.setAttribute('aria-labelledby', 'cidr-title');

  const input = el('input', {
    id: 'cidr-input',
    type: 'text',
    value: '10.0.0.0/16',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    'aria-describedby': 'cidr-hint cidr-error',
  });
  const error = el('p', { id: 'cidr-error', class: 'error', role: 'alert' });

  const facts = el('dl', { class: 'facts' });
  const reserved = el('div', { class: 'reserved' });
  const bits = el('div', { class: 'bits' });

  const splitInput = el('input', {
    id: 'split-prefix',
    type: 'number',
    inputmode: 'numeric',
    'aria-describedby': 'split-summary split-error',
  });
  const splitSummary = el('p', { id: 'split-summary', class: 'split-summary' });
  const splitError = el('p', { id: 'split-error', class: 'error', role: 'alert' });
  const subnetList = el('ol', { class: 'subnets', 'aria-label': 'Subnets' });
  const more = el('button', { type: 'button', class: 'more', hidden: true });

  const result = el(
    'div',
    { id: 'cidr-result', class: 'result' },
    facts,
    el('h2', {}, 'Addresses AWS reserves'),
    reserved,
    el('h2', {}, 'Address bits'),
    bits,
    el('h2', {}, 'Split into subnets'),
    el(
      'div',
      { class: 'field field--inline' },
      el('label', { for: 'split-prefix' }, 'New prefix length /'),
      splitInput,
    ),
    splitSummary,
    splitError,
    subnetList,
    more,
  );

  section.append(
    el('h1', { id: 'cidr-title', tabindex: '-1' }, 'CIDR calculator'),
    el(
      'p',
      { class: 'lead' },
      'Type a CIDR block to see its first and last address, its size, the five addresses AWS keeps ' +
        'in every subnet, and how it splits into smaller subnets.',
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'cidr-input' }, 'CIDR block'),
      input,
      el('p', { id: 'cidr-hint', class: 'hint' }, 'IPv4 or IPv6, for example 10.0.0.0/16 or 2001:db8::/56'),
      error,
    ),
    result,
  );

  let info = null;
  let splitTouched = false;
  let subnets = [];
  let shown = 0;

  function update() {
    try {
      info = engine.cidrInfo(input.value);
    } catch (err) {
      info = null;
      error.textContent = err.message;
      input.setAttribute('aria-invalid', 'true');
      result.hidden = true;
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    result.hidden = false;
    const max = info.bits.length;
    splitInput.min = String(info.prefix_len);
    splitInput.max = String(max);
    if (!splitTouched) {
      splitInput.value = String(Math.min(info.prefix_len + 4, max));
    }
    drawFacts();
    drawReserved();
    drawBits();
    drawSplit();
  }

  function drawFacts() {
    const rows = [
      ['network', 'Network address', info.network],
      ['last', 'Last address', info.last],
      ['netmask', 'Netmask', info.netmask],
      ['prefix_len', 'Prefix length', `/${info.prefix_len}`],
      ['total', 'Addresses', grouped(info.total)],
      ['aws_usable', 'Usable in an AWS subnet', info.aws_usable == null ? 'not a valid AWS subnet size' : grouped(info.aws_usable)],
    ];
    facts.replaceChildren(
      ...rows.map(([key, label, value]) =>
        el('div', { class: 'fact' }, el('dt', {}, label), el('dd', { 'data-field': key }, value)),
      ),
    );
  }

  function drawReserved() {
    if (info.aws_reserved == null) {
      // The engine says why (the sizes AWS accepts are its knowledge, not the page's).
      reserved.replaceChildren(el('p', { class: 'note' }, info.aws_note ?? ''));
      return;
    }
    const body = el(
      'tbody',
      {},
      ...info.aws_reserved.map((addr, i) =>
        el('tr', {}, el('td', {}, el('code', {}, addr)), el('td', {}, RESERVED_ROLES[i])),
      ),
    );
    reserved.replaceChildren(
      el(
        'table',
        { class: 'reserved-table' },
        el('caption', {}, `${grouped(info.aws_usable)} of ${grouped(info.total)} addresses are left for your instances.`),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Address'), el('th', { scope: 'col' }, 'Kept by AWS as'))),
        body,
      ),
    );
  }

  function drawBits() {
    const v4 = info.bits.length === 32;
    const group = v4 ? 8 : 16;
    const groups = [];
    for (let start = 0; start < info.bits.length; start += group) {
      const chunk = info.bits.slice(start, start + group);
      const cells = [...chunk].map((bit, i) =>
        el('span', { class: start + i < info.prefix_len ? 'bit bit--net' : 'bit bit--host' }, bit),
      );
      const value = v4 ? String(parseInt(chunk, 2)) : parseInt(chunk, 2).toString(16);
      groups.push(el('span', { class: 'octet' }, el('span', { class: 'octet__bits' }, ...cells), el('span', { class: 'octet__value' }, value)));
    }
    const hostBits = info.bits.length - info.prefix_len;
    bits.replaceChildren(
      el(
        'div',
        {
          class: v4 ? 'bitgrid' : 'bitgrid bitgrid--v6',
          role: 'img',
          'aria-label': `The ${info.bits.length} bits of ${info.network}: the first ${info.prefix_len} are network bits, the last ${hostBits} host bits.`,
        },
        ...groups,
      ),
      el(
        'p',
        { class: 'legend' },
        el('span', { class: 'swatch bit--net', 'aria-hidden': 'true' }),
        ` network bits (${info.prefix_len}) `,
        el('span', { class: 'swatch bit--host', 'aria-hidden': 'true' }),
        ` host bits (${hostBits})`,
      ),
    );
  }

  function drawSplit() {
    splitError.textContent = '';
    subnets = [];
    shown = 0;
    subnetList.replaceChildren();
    splitSummary.textContent = '';
    if (splitInput.value.trim() === '') {
      splitError.textContent = `Enter the new prefix length, /${info.prefix_len} to /${info.bits.length}.`;
      more.hidden = true;
      return;
    }
    try {
      subnets = engine.cidrSplit(info.cidr, Number(splitInput.value)).subnets;
    } catch (err) {
      splitError.textContent = err.message;
      more.hidden = true;
      return;
    }
    const each = engine.cidrInfo(subnets[0]);
    const usable = each.aws_usable == null ? '' : `, ${grouped(each.aws_usable)} usable in AWS`;
    splitSummary.textContent = `${grouped(subnets.length)} subnet${subnets.length === 1 ? '' : 's'} of /${each.prefix_len}, each ${grouped(each.total)} addresses${usable}.`;
    showMore();
  }

  function showMore() {
    const next = subnets.slice(shown, shown + PAGE);
    subnetList.append(...next.map((s) => el('li', {}, el('code', {}, s))));
    shown += next.length;
    const left = subnets.length - shown;
    more.hidden = left === 0;
    more.textContent = `Show ${Math.min(PAGE, left)} more (${grouped(left)} not shown)`;
  }

  input.addEventListener('input', update);
  splitInput.addEventListener('input', () => {
    splitTouched = true;
    if (info) drawSplit();
  });
  more.addEventListener('click', showMore);
  update();
}
