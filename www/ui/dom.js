// Small DOM helpers shared by the views: element and SVG builders, a money formatter, and a
// live-region announcer. No state, no engine calls.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'value' && 'value' in node && node.namespaceURI !== SVG_NS) {
      node.value = value;
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  return node;
}

/** `el('p', {class: 'x', onclick: f}, 'text', child)`; null/false children are skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = apply(document.createElement(tag), attrs);
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/** The same for SVG elements. */
export function svg(tag, attrs = {}, ...children) {
  const node = apply(document.createElementNS(SVG_NS, tag), attrs);
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/** 1234.5 → "$1,234.50". */
export function usd(n) {
  const sign = n < 0 ? '−' : '';
  return `${sign}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A `<select>` with `[value, label]` options, the first selected unless `selected` names one. */
export function select(attrs, options, selected) {
  const node = el('select', attrs, ...options.map(([value, label]) => el('option', { value }, label)));
  if (selected != null && options.some(([v]) => v === selected)) node.value = selected;
  return node;
}

let counter = 0;
/** A page-unique id with a readable prefix, for label/for and aria references. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Tells screen readers something without moving focus (the page's polite live region). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A new text node in a later task makes screen readers read it even when it repeats.
  setTimeout(() => {
    region.textContent = text;
  }, 30);
}

/** The error an engine call threw, as a sentence (JsError carries core's message). */
export function message(err) {
  return err && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
}

/**
 * Offers `make()`'s text as a file download named `name`. Returns an error message, or null.
 */
export function download(make, name, type) {
  let body;
  try {
    body = make();
  } catch (err) {
    return message(err);
  }
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  announce(`Downloaded ${name}.`);
  return null;
}
