// The trace panel: pick a source and a destination (instances, interfaces, an IP address, the
// internet, an AWS service), a protocol and port, and read the engine's answer hop by hop in plain
// words, forward and return. The verdict and every sentence come from Session.reach().

import { el, message, uid } from './dom.js';
import { hasPorts } from './action-fields.js';

/** Addresses from the documentation ranges (RFC 5737) standing for a host on the internet. */
const INTERNET_SOURCE = '198.51.100.10';
const INTERNET_DEST = '203.0.113.10';
/** The same over IPv6 (RFC 3849's documentation prefix). */
const INTERNET6_SOURCE = '2001:db8::10';
const INTERNET6_DEST = '2001:db8::20';
const SERVICES = [
  ['s3', 'Amazon S3'],
  ['dynamodb', 'Amazon DynamoDB'],
];

const DECISION_ICON = {
  send: '▶',
  allow: '✓',
  deny: '✕',
  forward: '→',
  translate: '⇄',
  deliver: '●',
  drop: '✕',
};

const DECISION_WORD = {
  send: 'sent',
  allow: 'allowed',
  deny: 'denied',
  forward: 'forwarded',
  translate: 'address translated',
  deliver: 'delivered',
  drop: 'dropped',
};

function choiceLabel(c, ipv6) {
  const name = c.name && c.name !== c.id ? `${c.name} ` : '';
  const address = ipv6 ? c.ipv6_address : c.address;
  const addr = address ? ` · ${address}` : ipv6 ? ' · no IPv6 address' : '';
  return `${name}(${c.id})${addr}`;
}

/** Options for a picker: the Session's endpoints, then the outside world. */
function options(choices, side, ipv6) {
  const groups = [];
  const instances = choices.filter((c) => c.kind === 'instance');
  const others = choices.filter((c) => c.kind !== 'instance' && c.kind !== 'service');
  if (instances.length) groups.push(['Instances', instances.map((c) => [c.id, choiceLabel(c, ipv6)])]);
  if (others.length) groups.push(['Network interfaces', others.map((c) => [c.id, choiceLabel(c, ipv6)])]);
  const outside = [];
  if (side === 'to') {
    const known = new Set(choices.filter((c) => c.kind === 'service').map((c) => c.id));
    for (const [id, label] of SERVICES) outside.push([id, `${label} (${id})`]);
    for (const id of known) if (!SERVICES.some(([s]) => s === id)) outside.push([id, id]);
    const dest = ipv6 ? INTERNET6_DEST : INTERNET_DEST;
    outside.push([dest, `The internet (${dest})`]);
  } else {
    const source = ipv6 ? INTERNET6_SOURCE : INTERNET_SOURCE;
    outside.push([source, `The internet (${source})`]);
  }
  outside.push(['ip', 'An IP address…']);
  groups.push(['Elsewhere', outside]);
  return groups;
}

function fillSelect(node, groups, keep) {
  node.replaceChildren(
    ...groups.map(([label, opts]) => el('optgroup', { label }, ...opts.map(([value, text]) => el('option', { value }, text)))),
  );
  const values = groups.flatMap(([, opts]) => opts.map(([v]) => v));
  if (keep && values.includes(keep)) node.value = keep;
}

function hopItem(hop, failed) {
  const details = [];
  if (hop.route_table) details.push(`route table ${hop.route_table}`);
  if (hop.matched) details.push(`matched ${hop.matched}`);
  if (hop.target) details.push(`→ ${hop.target}`);
  if (hop.rule) details.push(hop.rule);
  return el(
    'li',
    { class: `hop hop--${hop.decision}${failed ? ' hop--failed' : ''}`, 'data-kind': hop.kind, 'data-decision': hop.decision, 'data-at': hop.at },
    el('span', { class: 'hop__icon', 'aria-hidden': 'true' }, DECISION_ICON[hop.decision] ?? '·'),
    el(
      'span',
      { class: 'hop__body' },
      el('span', { class: 'hop__message' }, hop.message),
      el('span', { class: 'visually-hidden' }, ` (${DECISION_WORD[hop.decision] ?? hop.decision})`),
      details.length ? el('span', { class: 'hop__details' }, details.join(' · ')) : null,
    ),
  );
}

/** An end of the trace as the engine named it (`web (i-0…)`), else its id. */
function endName(end) {
  return end.label ?? end.id;
}

/**
 * Why it is blocked: the engine's headline (names first, the route or rule at fault), then, as
 * small print, what tools match on (the stable code and the resource id).
 */
function blockedPart(b) {
  const fault = [b.route ? `route ${b.route}` : null, b.rule ? `rule ${b.rule}` : null].filter(Boolean);
  return el(
    'div',
    { class: 'blocked' },
    b.title
      ? el('p', { class: 'blocked__headline' }, el('strong', {}, `${b.title}: `), b.headline.slice(b.title.length + 2))
      : el('p', { class: 'blocked__headline' }, b.headline ?? b.message),
    el(
      'p',
      { class: 'blocked__code note' },
      'Code ',
      el('code', { class: 'code' }, b.code),
      ' at ',
      el('code', {}, b.at),
      fault.length ? ` · ${fault.join(' · ')}` : '',
    ),
  );
}

/** Renders a trace (the reach() answer) as a verdict and two ordered lists of hops. */
export function renderTrace(trace) {
  const failedIn = (hops) => hops.findIndex((h) => h.decision === 'deny' || h.decision === 'drop');
  const fwdFail = failedIn(trace.forward.hops);
  const back = trace.return?.hops ?? [];
  const backFail = failedIn(back);
  const what = `${trace.protocol}${trace.port != null ? ` port ${trace.port}` : ''}`;
  const verdict = trace.reachable
    ? el('p', { class: 'verdict verdict--ok' }, el('strong', {}, 'Reachable. '), `${endName(trace.from)} can connect to ${endName(trace.to)} (${what}), and the replies come back.`)
    : el(
        'div',
        { class: 'verdict verdict--blocked' },
        el('p', {}, el('strong', {}, 'Blocked. '), `${endName(trace.from)} cannot connect to ${endName(trace.to)} (${what}).`),
        trace.blocked ? blockedPart(trace.blocked) : null,
      );
  const returnPart =
    trace.return?.reached == null
      ? el('p', { class: 'note' }, 'The reply was not traced: the request does not arrive.')
      : el('ol', { class: 'hops', 'aria-label': 'Return hops' }, ...back.map((h, i) => hopItem(h, i === backFail)));
  return el(
    'div',
    { class: 'trace-result', 'data-reachable': String(trace.reachable) },
    verdict,
    el('div', { class: 'trace-paths' },
      el('section', { class: 'trace-path' },
        el('h4', {}, el('span', { class: 'swatch swatch--forward', 'aria-hidden': 'true' }), ' Forward: the request'),
        el('ol', { class: 'hops', 'aria-label': 'Forward hops' }, ...trace.forward.hops.map((h, i) => hopItem(h, i === fwdFail)))),
      el('section', { class: 'trace-path' },
        el('h4', {}, el('span', { class: 'swatch swatch--return', 'aria-hidden': 'true' }), ' Return: the reply'),
        returnPart)),
  );
}

/**
 * The trace panel. `getSession()` returns the Session to ask; `onTrace(trace | null)` is told of
 * every answer (to draw it on the diagram). `refresh()` refills the pickers from the estate and
 * traces again, so the answer follows every edit.
 */
export function createTracePanel({ getSession, onTrace, idPrefix = 'trace' }) {
  const fromId = uid(`${idPrefix}-from`);
  const toId = uid(`${idPrefix}-to`);
  const fromIpId = uid(`${idPrefix}-from-ip`);
  const toIpId = uid(`${idPrefix}-to-ip`);
  const protoId = uid(`${idPrefix}-proto`);
  const portId = uid(`${idPrefix}-port`);
  const familyId = uid(`${idPrefix}-family`);
  const errorId = uid(`${idPrefix}-error`);

  const from = el('select', { id: fromId, class: 'trace-from' });
  const to = el('select', { id: toId, class: 'trace-to' });
  const fromIp = el('input', { id: fromIpId, type: 'text', class: 'trace-from-ip', placeholder: '10.0.1.10', autocomplete: 'off', spellcheck: 'false' });
  const toIp = el('input', { id: toIpId, type: 'text', class: 'trace-to-ip', placeholder: '10.1.1.10', autocomplete: 'off', spellcheck: 'false' });
  const proto = el('select', { id: protoId, class: 'trace-proto' }, ...['tcp', 'udp', 'icmp', 'all'].map((p) => el('option', { value: p }, p === 'all' ? 'all traffic' : p.toUpperCase())));
  const port = el('input', { id: portId, type: 'number', class: 'trace-port', min: '0', max: '65535', value: '443', inputmode: 'numeric' });
  const family = el('select', { id: familyId, class: 'trace-family' }, el('option', { value: '4' }, 'IPv4'), el('option', { value: '6' }, 'IPv6'));
  // Shown once the estate holds an IPv6 address (or the question is over IPv6 already).
  const familyField = el('div', { class: 'field field--family', hidden: true }, el('label', { for: familyId }, 'IP version'), family);
  const error = el('p', { id: errorId, class: 'error', role: 'alert' });
  const result = el('div', { class: 'trace-output', 'aria-live': 'polite' });
  const button = el('button', { type: 'submit', class: 'button button--primary' }, 'Trace');
  const fromIpField = el('div', { class: 'field', hidden: true }, el('label', { for: fromIpId }, 'Source IP address'), fromIp);
  const toIpField = el('div', { class: 'field', hidden: true }, el('label', { for: toIpId }, 'Destination IP address'), toIp);
  const portField = el('div', { class: 'field field--port' }, el('label', { for: portId }, 'Port'), port);

  const form = el(
    'form',
    { class: 'trace-form', 'aria-describedby': errorId },
    el('div', { class: 'field' }, el('label', { for: fromId }, 'From'), from),
    fromIpField,
    el('div', { class: 'field' }, el('label', { for: toId }, 'To'), to),
    toIpField,
    familyField,
    el('div', { class: 'field field--proto' }, el('label', { for: protoId }, 'Protocol'), proto),
    portField,
    el('div', { class: 'field field--submit' }, button),
  );
  const element = el('div', { class: 'trace-panel' }, form, error, result);

  let last = null;
  let choices = [];

  const ipv6 = () => family.value === '6';
  const refill = () => {
    familyField.hidden = family.value !== '6' && !choices.some((c) => c.ipv6_address);
    const swap = (value) => ({ [INTERNET_SOURCE]: INTERNET6_SOURCE, [INTERNET_DEST]: INTERNET6_DEST, [INTERNET6_SOURCE]: INTERNET_SOURCE, [INTERNET6_DEST]: INTERNET_DEST })[value] ?? value;
    const keep = (node) => {
      const v = node.value;
      const internet = [INTERNET_SOURCE, INTERNET_DEST, INTERNET6_SOURCE, INTERNET6_DEST].includes(v);
      const want = ipv6() ? [INTERNET6_SOURCE, INTERNET6_DEST] : [INTERNET_SOURCE, INTERNET_DEST];
      return internet && !want.includes(v) ? swap(v) : v;
    };
    fillSelect(from, options(choices, 'from', ipv6()), keep(from));
    const keepTo = keep(to) || (choices.filter((c) => c.kind === 'instance')[1]?.id ?? '');
    fillSelect(to, options(choices, 'to', ipv6()), keepTo);
  };

  const sync = () => {
    fromIpField.hidden = from.value !== 'ip';
    toIpField.hidden = to.value !== 'ip';
    portField.hidden = !hasPorts(proto.value);
  };
  for (const node of [from, to, proto]) node.addEventListener('change', sync);
  family.addEventListener('change', () => {
    refill();
    sync();
  });

  function ask() {
    const src = from.value === 'ip' ? fromIp.value.trim() : from.value;
    const dst = to.value === 'ip' ? toIp.value.trim() : to.value;
    const p = proto.value;
    const needsPort = hasPorts(p);
    return { src, dst, p, portNumber: needsPort && port.value !== '' ? Number(port.value) : undefined, ipv6: ipv6() };
  }

  function run(query) {
    error.textContent = '';
    const shown = (trace) => {
      last = query;
      result.replaceChildren(renderTrace(trace));
      onTrace?.(trace);
      return trace;
    };
    const failed = (err) => {
      error.textContent = message(err);
      result.replaceChildren();
      last = null;
      onTrace?.(null);
      return null;
    };
    let answer;
    try {
      answer = getSession().reach(query.src, query.dst, query.p, query.portNumber, query.ipv6);
    } catch (err) {
      return failed(err);
    }
    // The sandbox's session lives in a Web Worker and answers with a promise.
    if (typeof answer?.then === 'function') return answer.then(shown, failed);
    return shown(answer);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(ask());
  });

  return {
    element,
    /** Refills the pickers and traces the last question again (the estate may have changed). */
    refresh({ rerun = true } = {}) {
      choices = [];
      try {
        choices = getSession().endpoints() ?? [];
      } catch (err) {
        error.textContent = message(err);
      }
      refill();
      sync();
      if (last && rerun) run(last);
    },
    /** Sets the question and traces it. */
    trace(src, dst, protocol = 'tcp', portNumber, overIpv6 = false) {
      proto.value = protocol;
      if (ipv6() !== overIpv6) {
        family.value = overIpv6 ? '6' : '4';
        refill();
      }
      if (portNumber != null) port.value = String(portNumber);
      const setEnd = (node, ipNode, value) => {
        if ([...node.options].some((o) => o.value === value)) node.value = value;
        else {
          node.value = 'ip';
          ipNode.value = value;
        }
      };
      setEnd(from, fromIp, src);
      setEnd(to, toIp, dst);
      sync();
      return run(ask());
    },
    clear() {
      last = null;
      result.replaceChildren();
      error.textContent = '';
    },
  };
}
