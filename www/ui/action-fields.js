// The rules the engine publishes with the action fields (`actionFields()`: core's
// `edit::action_fields`), for the forms and panels: what a rule's port fields mean under each
// protocol (`Protocol::port_use`: a TCP/UDP port range, an ICMP type and code with -1 for any, or
// nothing) and the block sizes a CIDR field accepts. The page asks here instead of deciding
// again. main.js fills it once the engine is loaded (and after a restart).

// `${action}:${field}` → Map(protocol → {means, required, any}).
let uses = new Map();
// The value that means "any" (ICMP type or code; AWS also writes "all" ports so).
let anyValue = null;
// `${action}:${field}` → the prefix lengths it accepts, in words.
let sizes = new Map();

/** Reads the engine's `actionFields()` text. */
export function setActionFields(text) {
  const next = new Map();
  const nextSizes = new Map();
  for (const a of JSON.parse(text)) {
    for (const f of a.fields) {
      if (f.sizes) nextSizes.set(`${a.action}:${f.name}`, f.sizes);
      if (!f.uses?.length) continue;
      next.set(`${a.action}:${f.name}`, new Map(f.uses.map((u) => [u.protocol, u])));
      for (const u of f.uses) if (u.any != null) anyValue = u.any;
    }
  }
  uses = next;
  sizes = nextSizes;
}

/** The prefix lengths field `name` of `action` accepts, in words (`/44, /48, … or /64`), or null. */
export function fieldSizes(action, name) {
  return sizes.get(`${action}:${name}`) ?? null;
}

/** What field `name` of `action` means under `protocol`: `{means, required, any}`, or null when that protocol ignores it. */
export function fieldUse(action, name, protocol) {
  return uses.get(`${action}:${name}`)?.get(protocol) ?? null;
}

/** Whether `protocol` (`tcp`, `udp`, `icmp`, `-1`/`all`) has a port range: a rule's `from_port` is a port under it. */
export function hasPorts(protocol) {
  return fieldUse('add_security_group_rule', 'from_port', protocol)?.means === 'port_from';
}

/** Whether a rule's `from_port` value stands for every port, type or code (`-1`). */
export const isAny = (value) => value === anyValue;
