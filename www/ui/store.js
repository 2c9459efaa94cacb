// What the page remembers: progress and work in progress in localStorage (one versioned record),
// and share links that carry a state in the URL fragment. The state itself is whatever the
// engine's Session saves (opaque JSON text here); this file only keeps and transports it.
//
// Record (localStorage["vpclab"]):
//   { version: 1,
//     solved:  { [exerciseId]: isoDate },        exercises passed at least once
//     work:    { [exerciseId]: sessionSaveText }, the last state of each exercise
//     sandbox: documentsText | null,             the sandbox's estate
//     designs: { [name]: documentsText } }       designs saved for cost comparison
//
// Share link: #share/<payload>, payload = "j" + base64url(utf-8 JSON) when short, else
// "z" + base64url(deflate-raw(JSON)). The JSON is { v: 1, kind: "exercise", id, state } or
// { v: 1, kind: "sandbox", documents }.

const KEY = 'vpclab';
export const VERSION = 1;
const SHARE_VERSION = 1;
/** Payloads longer than this (in base64url characters) are compressed. */
const COMPRESS_OVER = 600;

function empty() {
  return { version: VERSION, solved: {}, work: {}, sandbox: null, designs: {} };
}

function isObject(v) {
  return v != null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads the record; anything unreadable or of another version starts afresh (kept aside). */
export function load() {
  let raw = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return empty();
  }
  if (raw == null) return empty();
  try {
    const data = JSON.parse(raw);
    if (!isObject(data) || data.version !== VERSION) throw new Error('other version');
    return {
      version: VERSION,
      solved: isObject(data.solved) ? data.solved : {},
      work: isObject(data.work) ? data.work : {},
      sandbox: typeof data.sandbox === 'string' ? data.sandbox : null,
      designs: isObject(data.designs) ? data.designs : {},
    };
  } catch {
    try {
      localStorage.setItem(`${KEY}.unreadable`, raw);
    } catch {
      // Full storage: nothing more to keep.
    }
    return empty();
  }
}

function save(data) {
  try {
    localStorage.setItem(KEY, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

/** Changes the record with `fn(data)` and writes it back. Returns whether it was written. */
export function update(fn) {
  const data = load();
  fn(data);
  return save(data);
}

export const store = {
  solved: () => load().solved,
  markSolved(id) {
    return update((d) => {
      if (!d.solved[id]) d.solved[id] = new Date().toISOString();
    });
  },
  work: (id) => load().work[id] ?? null,
  saveWork(id, text) {
    return update((d) => {
      if (text == null) delete d.work[id];
      else d.work[id] = text;
    });
  },
  sandbox: () => load().sandbox,
  saveSandbox(text) {
    return update((d) => {
      d.sandbox = text;
    });
  },
  designs: () => load().designs,
  saveDesign(name, text) {
    return update((d) => {
      d.designs[name] = text;
    });
  },
  deleteDesign(name) {
    return update((d) => {
      delete d.designs[name];
    });
  },
};

// --- Share links ---------------------------------------------------------------------------

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link holds characters a share link never has');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function through(stream, bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The fragment payload for `state` (an object), compressed when long. */
export async function encodeShare(state) {
  const json = JSON.stringify({ v: SHARE_VERSION, ...state });
  const bytes = new TextEncoder().encode(json);
  const plain = toBase64url(bytes);
  if (plain.length <= COMPRESS_OVER || typeof CompressionStream === 'undefined') return `j${plain}`;
  const packed = toBase64url(await through(new CompressionStream('deflate-raw'), bytes));
  return packed.length < plain.length ? `z${packed}` : `j${plain}`;
}

/** The state in a payload; throws an Error saying what is wrong with the link. */
export async function decodeShare(payload) {
  const kind = payload.slice(0, 1);
  let bytes;
  try {
    bytes = fromBase64url(payload.slice(1));
    if (kind === 'z') bytes = await through(new DecompressionStream('deflate-raw'), bytes);
    else if (kind !== 'j') throw new Error('unknown format');
  } catch (err) {
    throw new Error(`This share link is damaged (${err.message}); ask for it again, copied whole.`);
  }
  let state;
  try {
    state = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('This share link is damaged (its contents are not JSON); ask for it again, copied whole.');
  }
  if (!isObject(state) || state.v !== SHARE_VERSION) {
    throw new Error(`This share link was made by another version of vpclab (format ${state?.v ?? '?'}, this page reads ${SHARE_VERSION}).`);
  }
  return state;
}

/** The full URL of a share link for `state`, based on the page's own address. */
export async function shareUrl(state) {
  const base = location.href.split('#')[0];
  return `${base}#share/${await encodeShare(state)}`;
}
