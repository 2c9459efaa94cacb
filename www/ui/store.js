// What the page remembers: progress and work in progress in localStorage, and share links that
// carry a state in the URL fragment. The state itself is whatever the engine's Session saves
// (opaque JSON text here); this file only keeps and transports it.
//
// Layout, version 2: one localStorage entry per piece, so a damaged entry loses only itself.
//   vpclab/version             "2"
//   vpclab/solved              exercises passed at least once: { [exerciseId]: isoDate }
//   vpclab/work/<exerciseId>   the last state of that exercise (Session save text)
//   vpclab/sandbox             the sandbox's estate and changes (Session save text)
//   vpclab/design/<name>       a design saved for cost comparison (documents text)
//   vpclab/kept/<scope>/<date> work set aside rather than replaced: {why, state}; scope is
//                              "work/<exerciseId>" or "sandbox" (see keepAside below)
// Each entry's text is JSON {"at": isoDate, "sum": "<FNV-1a of data>", "data": …}: "at" says
// when it was written (the import merge keeps the newer), "sum" catches a changed byte anywhere.
// An entry that cannot be read is moved to vpclab/unreadable/<its key without "vpclab/"> (never
// deleted), the page tells the learner (`onProblem`), and everything else is read as usual.
//
// Version 1 (one record under "vpclab": { version: 1, solved, work, sandbox, designs }) is
// migrated on first use: its parts become version-2 entries and the record is removed; an
// unreadable version-1 record is kept aside as vpclab/unreadable/v1-record.
//
// Progress file (exportProgress / importProgress): {"format": "vpclab-progress", "version": 2,
// "exported": isoDate, "solved": {id: isoDate}, "work": {id: {"at", "state"}}, "sandbox":
// {"at", "state"} | null, "designs": {name: {"at", "documents"}}}. Importing merges: solved is
// the union (the earlier date kept); for each exercise's work, the sandbox and each design, the
// file's entry is taken only when there is none here or the file's is newer ("at"); newer local
// work is never replaced; older local work that the file's replaces is set aside first (kept,
// like a share link's, under vpclab/kept/…). The file's "kept" copies are added (an optional
// part: {key: {"at", "scope", "why", "state"}}). A file that is not a progress file changes
// nothing.
//
// Share link: #share/<payload>, payload = "j" + base64url(utf-8 JSON) when short, else
// "z" + base64url(deflate-raw(JSON)). The JSON is { v: 1, kind: "exercise", id, state } or
// { v: 1, kind: "sandbox", state } (state: the Session's save text). A link that cannot be read
// is a BadShareLink, said in words (damaged or incomplete: ask for it again), never the
// browser's own error text; it is not a storage problem and touches no saved work.

export const VERSION = 2;
const PREFIX = 'vpclab/';
const VERSION_KEY = `${PREFIX}version`;
const V1_KEY = 'vpclab';
const ASIDE = `${PREFIX}unreadable/`;
const SOLVED = `${PREFIX}solved`;
const WORK = `${PREFIX}work/`;
const SANDBOX = `${PREFIX}sandbox`;
const DESIGN = `${PREFIX}design/`;
const KEPT = `${PREFIX}kept/`;
export const PROGRESS_FORMAT = 'vpclab-progress';
const SHARE_VERSION = 1;
/** Payloads longer than this (in base64url characters) are compressed. */
const COMPRESS_OVER = 600;

function isObject(v) {
  return v != null && typeof v === 'object' && !Array.isArray(v);
}

/** FNV-1a (32 bits) of a string's UTF-16 code units, as 8 hex digits. */
function checksum(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// --- Problems the learner is told about -----------------------------------------------------

const problems = [];
const listeners = new Set();

/**
 * What went wrong so far: [{ kind, key, aside, what, reason }], kind 'unreadable' (an entry
 * moved aside, under `aside`) or 'unsaved' (a write the browser refused).
 */
export function storageProblems() {
  return [...problems];
}

/** Calls `fn(problem)` for each problem found from now on; returns a function to stop. */
export function onProblem(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** What an entry holds, in words, from its key. */
function describeKey(key) {
  if (key === SOLVED) return 'the list of exercises you solved';
  if (key === SANDBOX) return 'your sandbox estate';
  if (key === V1_KEY) return 'your saved progress (an earlier format)';
  if (key.startsWith(WORK)) return `your work on the exercise '${key.slice(WORK.length)}'`;
  if (key.startsWith(DESIGN)) return `your saved design '${key.slice(DESIGN.length)}'`;
  if (key.startsWith(KEPT)) return `a copy of your work kept aside ('${key.slice(KEPT.length)}')`;
  return `the saved entry '${key}'`;
}

function raw(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function put(key, text) {
  try {
    localStorage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

function drop(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** Moves entry `key` (text `text`) aside under vpclab/unreadable/…, and tells the learner. */
function keepAside(key, text, reason, asideName = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key) {
  let aside = `${ASIDE}${asideName}`;
  for (let n = 2; raw(aside) != null && raw(aside) !== text; n += 1) aside = `${ASIDE}${asideName} (${n})`;
  const kept = put(aside, text);
  if (kept) drop(key);
  return report({ kind: 'unreadable', key, aside: kept ? aside : null, what: describeKey(key), reason });
}

function report(problem) {
  problems.push(problem);
  for (const fn of listeners) {
    try {
      fn(problem);
    } catch (err) {
      console.error(err);
    }
  }
  return problem;
}

// Keys whose last write failed and was reported (told once until a write succeeds again).
const unsaved = new Set();

// --- Entries ------------------------------------------------------------------------------

function envelope(data, at = new Date().toISOString()) {
  return JSON.stringify({ at, sum: checksum(JSON.stringify(data)), data });
}

/** Why an entry's text is not a readable envelope whose data passes `valid`, or null. */
function fault(text, valid) {
  let e;
  try {
    e = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  if (!isObject(e) || typeof e.at !== 'string' || typeof e.sum !== 'string' || !('data' in e)) return 'it is not a vpclab entry';
  if (checksum(JSON.stringify(e.data)) !== e.sum) return 'its contents were changed or damaged';
  if (!valid(e.data)) return 'its contents have the wrong shape';
  return null;
}

const isText = (d) => typeof d === 'string';
const isSolved = (d) => isObject(d) && Object.values(d).every((v) => typeof v === 'string');

const isKept = (d) => isObject(d) && typeof d.why === 'string' && typeof d.state === 'string';

function validFor(key) {
  if (key.startsWith(KEPT)) return isKept;
  return key === SOLVED ? isSolved : isText;
}

/** The entry { at, data } under `key`, or null (absent, or unreadable and moved aside). */
function read(key) {
  const text = raw(key);
  if (text == null) return null;
  const why = fault(text, validFor(key));
  if (why) {
    keepAside(key, text, why);
    return null;
  }
  const e = JSON.parse(text);
  return { at: e.at, data: e.data };
}

/** Writes an entry; a refused write (full or blocked storage) is reported once per key. */
function write(key, data, at) {
  const ok = put(key, envelope(data, at));
  if (ok) unsaved.delete(key);
  else if (!unsaved.has(key)) {
    unsaved.add(key);
    report({ kind: 'unsaved', key, aside: null, what: describeKey(key), reason: "this browser's storage is full or does not allow saving" });
  }
  return ok;
}

function keys(prefix) {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      if (k != null && k.startsWith(prefix)) out.push(k);
    }
  } catch {
    // No storage: no entries.
  }
  return out;
}

// --- Migration and the first check ----------------------------------------------------------

let ready = false;

/** Migrates an earlier layout, then checks every entry once (moving aside what is unreadable). */
function ensure() {
  if (ready) return;
  ready = true;
  if (raw(VERSION_KEY) == null) migrateV1();
  for (const key of [SOLVED, SANDBOX, ...keys(WORK), ...keys(DESIGN), ...keys(KEPT)]) read(key);
}

function migrateV1() {
  const text = raw(V1_KEY);
  if (text != null) {
    let data = null;
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
    if (!isObject(data) || data.version !== 1) {
      keepAside(V1_KEY, text, data == null ? 'it is not JSON' : 'it is not a version-1 record', 'v1-record');
    } else {
      const at = new Date().toISOString();
      let ok = true;
      const solved = isObject(data.solved) ? Object.fromEntries(Object.entries(data.solved).filter(([, v]) => typeof v === 'string')) : {};
      if (Object.keys(solved).length) ok = write(SOLVED, solved, at) && ok;
      for (const [id, state] of Object.entries(isObject(data.work) ? data.work : {})) {
        if (typeof state === 'string') ok = write(WORK + id, state, at) && ok;
      }
      if (typeof data.sandbox === 'string') ok = write(SANDBOX, data.sandbox, at) && ok;
      for (const [name, docs] of Object.entries(isObject(data.designs) ? data.designs : {})) {
        if (typeof docs === 'string') ok = write(DESIGN + name, docs, at) && ok;
      }
      // A full storage keeps the old record, to try again next time.
      if (!ok) return;
      drop(V1_KEY);
    }
  }
  put(VERSION_KEY, String(VERSION));
}

// --- What the views use ---------------------------------------------------------------------

/** Exercises solved: { [id]: isoDate }. */
function solved() {
  ensure();
  return read(SOLVED)?.data ?? {};
}

function designs() {
  ensure();
  const out = {};
  for (const key of keys(DESIGN).sort()) {
    const e = read(key);
    if (e) out[key.slice(DESIGN.length)] = e.data;
  }
  return out;
}

export const store = {
  solved,
  markSolved(id) {
    const all = solved();
    if (all[id]) return true;
    return write(SOLVED, { ...all, [id]: new Date().toISOString() });
  },
  work(id) {
    ensure();
    return read(WORK + id)?.data ?? null;
  },
  saveWork(id, text) {
    ensure();
    if (text == null) {
      drop(WORK + id);
      return true;
    }
    return write(WORK + id, text);
  },
  /**
   * Moves the saved work on exercise `id` aside (it is readable JSON but the engine could not
   * restore it) and tells the learner; the next save starts afresh without losing it.
   */
  keepWorkAside(id, reason) {
    const text = raw(WORK + id);
    if (text != null) keepAside(WORK + id, text, reason);
  },
  sandbox() {
    ensure();
    return read(SANDBOX)?.data ?? null;
  },
  saveSandbox(text) {
    ensure();
    return write(SANDBOX, text);
  },
  /** The same as keepWorkAside, for the sandbox. */
  keepSandboxAside(reason) {
    const text = raw(SANDBOX);
    if (text != null) keepAside(SANDBOX, text, reason);
  },
  /**
   * Sets `state` (Session save text) aside instead of letting it be replaced: saved under
   * vpclab/kept/<scope>/<date>, listed by `kept(scope)` until brought back or removed. `scope` is
   * `work/<exerciseId>` or `sandbox`; `why` is 'share' (a share link was opened), 'reset',
   * 'import' (a new estate imported), 'progress' (a progress file brought newer work) or
   * 'swap' (an earlier copy was brought back). The same state kept twice is kept once. Returns
   * the key, or null when the browser refused to store it (reported like any refused write).
   */
  keepAside(scope, state, why) {
    ensure();
    const same = this.kept(scope).find((k) => k.state === state);
    if (same) return same.key;
    const at = new Date().toISOString();
    let key = `${KEPT}${scope}/${at}`;
    for (let n = 2; raw(key) != null; n += 1) key = `${KEPT}${scope}/${at} (${n})`;
    return write(key, { why, state }, at) ? key : null;
  },
  /** The copies kept aside for `scope`, newest first: [{key, at, why, state}]. */
  kept(scope) {
    ensure();
    const prefix = `${KEPT}${scope}/`;
    const out = [];
    for (const key of keys(prefix)) {
      // Only this scope's own copies: "work/a" must not list "work/a/b"'s.
      if (key.slice(prefix.length).includes('/')) continue;
      const e = read(key);
      if (e) out.push({ key, at: e.at, why: e.data.why, state: e.data.state });
    }
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  },
  /** Removes a kept copy (the learner asked to). */
  dropKept(key) {
    if (!key.startsWith(KEPT)) return false;
    drop(key);
    return true;
  },
  designs,
  saveDesign(name, text) {
    ensure();
    return write(DESIGN + name, text);
  },
  deleteDesign(name) {
    ensure();
    drop(DESIGN + name);
    return true;
  },
};

// --- Progress file ------------------------------------------------------------------------

/** All progress as the object of a progress file. */
export function exportProgress() {
  ensure();
  const work = {};
  for (const key of keys(WORK).sort()) {
    const e = read(key);
    if (e) work[key.slice(WORK.length)] = { at: e.at, state: e.data };
  }
  const box = read(SANDBOX);
  const des = {};
  for (const key of keys(DESIGN).sort()) {
    const e = read(key);
    if (e) des[key.slice(DESIGN.length)] = { at: e.at, documents: e.data };
  }
  const kept = {};
  for (const key of keys(KEPT).sort()) {
    const e = read(key);
    if (e) kept[key.slice(KEPT.length)] = { at: e.at, why: e.data.why, state: e.data.state };
  }
  return {
    format: PROGRESS_FORMAT,
    version: VERSION,
    exported: new Date().toISOString(),
    solved: solved(),
    work,
    sandbox: box ? { at: box.at, state: box.data } : null,
    designs: des,
    kept,
  };
}

const EXPECTED = `expected a file downloaded with 'Download my progress': {"format": "${PROGRESS_FORMAT}", "version": ${VERSION}, "solved": {…}, "work": {…}, …}`;

/** The progress in file text `text`, checked whole; throws an Error naming what is wrong. */
function parseProgress(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`This file is not JSON (${err.message}); ${EXPECTED}.`);
  }
  if (isObject(data) && data.format === 'vpclab-workspace') {
    throw new Error(`This file is one exercise's work ("format": "vpclab-workspace"), not a progress file; ${EXPECTED}.`);
  }
  if (!isObject(data) || data.format !== PROGRESS_FORMAT) {
    throw new Error(`This file is not a vpclab progress file ("format" is ${JSON.stringify(isObject(data) ? data.format ?? null : null)}); ${EXPECTED}.`);
  }
  if (!Number.isInteger(data.version) || data.version < 1 || data.version > VERSION) {
    throw new Error(`This progress file has version ${JSON.stringify(data.version)}; this page reads version ${VERSION} or earlier.`);
  }
  const isTime = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const need = (ok, where, what) => {
    if (!ok) throw new Error(`This progress file is damaged at ${where}: expected ${what}; nothing was changed.`);
  };
  const solvedIn = data.solved ?? {};
  need(isObject(solvedIn), '"solved"', 'an object of exercise ids and dates');
  for (const [id, at] of Object.entries(solvedIn)) need(isTime(at), `"solved"."${id}"`, 'a date');
  const workIn = data.work ?? {};
  need(isObject(workIn), '"work"', 'an object of exercise ids and {"at", "state"}');
  for (const [id, w] of Object.entries(workIn)) {
    need(isObject(w) && isTime(w.at) && typeof w.state === 'string', `"work"."${id}"`, '{"at": date, "state": text}');
  }
  const box = data.sandbox ?? null;
  need(box === null || (isObject(box) && isTime(box.at) && typeof box.state === 'string'), '"sandbox"', 'null or {"at": date, "state": text}');
  const designsIn = data.designs ?? {};
  need(isObject(designsIn), '"designs"', 'an object of names and {"at", "documents"}');
  for (const [name, d] of Object.entries(designsIn)) {
    need(isObject(d) && isTime(d.at) && typeof d.documents === 'string', `"designs"."${name}"`, '{"at": date, "documents": text}');
  }
  const keptIn = data.kept ?? {};
  need(isObject(keptIn), '"kept"', 'an object of kept copies');
  for (const [name, k] of Object.entries(keptIn)) {
    const scope = name.slice(0, name.lastIndexOf('/'));
    need(isObject(k) && isTime(k.at) && typeof k.why === 'string' && typeof k.state === 'string' && (scope === 'sandbox' || /^work\/[^/]+$/.test(scope)), `"kept"."${name}"`, '{"at": date, "why": text, "state": text} under "work/<exercise>/<date>" or "sandbox/<date>"');
  }
  return { solved: solvedIn, work: workIn, sandbox: box, designs: designsIn, kept: keptIn };
}

/**
 * Merges the progress file `text` into this browser's (the rule is in this file's header).
 * Returns counts { solved, work, sandbox, designs, keptLocal } of what was taken and of local
 * entries kept because they are newer; throws an Error, changing nothing, on a bad file.
 */
export function importProgress(text) {
  ensure();
  const file = parseProgress(text);
  const out = { solved: 0, work: 0, sandbox: 0, designs: 0, keptLocal: 0, setAside: 0 };
  const newer = (a, b) => Date.parse(a) > Date.parse(b);
  // `scope` (work and the sandbox): the older local work the file's replaces is set aside first.
  const take = (key, entry, data, scope = null) => {
    const local = read(key);
    if (local && local.data === data) return false;
    if (local && !newer(entry.at, local.at)) {
      out.keptLocal += 1;
      return false;
    }
    if (local && scope) {
      if (!store.keepAside(scope, local.data, 'progress')) return false;
      out.setAside += 1;
    }
    return write(key, data, entry.at);
  };
  const have = solved();
  const merged = { ...have };
  for (const [id, at] of Object.entries(file.solved)) {
    if (!merged[id]) out.solved += 1;
    if (!merged[id] || newer(merged[id], at)) merged[id] = at;
  }
  if (JSON.stringify(merged) !== JSON.stringify(have)) write(SOLVED, merged);
  for (const [id, w] of Object.entries(file.work)) if (take(WORK + id, w, w.state, `work/${id}`)) out.work += 1;
  if (file.sandbox && take(SANDBOX, file.sandbox, file.sandbox.state, 'sandbox')) out.sandbox += 1;
  for (const [name, k] of Object.entries(file.kept)) {
    const scope = name.slice(0, name.lastIndexOf('/'));
    if (!store.kept(scope).some((c) => c.state === k.state) && raw(KEPT + name) == null) write(KEPT + name, { why: k.why, state: k.state }, k.at);
  }
  for (const [name, d] of Object.entries(file.designs)) if (take(DESIGN + name, d, d.documents)) out.designs += 1;
  return out;
}

// --- Share links ---------------------------------------------------------------------------

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Why a share link cannot be read, in words; `detail` is for the console, never shown. */
export class BadShareLink extends Error {
  constructor(message, detail) {
    super(message);
    this.name = 'BadShareLink';
    this.detail = detail;
  }
}

const DAMAGED =
  'This share link is damaged or incomplete: part of it is missing or changed, often because the end was cut off when it was copied. Ask the person who sent it for the link again, copied whole (the Copy button next to it copies all of it). Your own work here is unchanged.';

/** The bytes of base64url `text`; throws BadShareLink (never the browser's atob words). */
function fromBase64url(text) {
  // A length of 4n+1 cannot be base64: the link was cut short or had a character added.
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new BadShareLink(DAMAGED, 'not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  let bin;
  try {
    bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch (err) {
    throw new BadShareLink(DAMAGED, err?.message);
  }
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

/**
 * The state in a payload: {v, kind: 'exercise', id, state} or {v, kind: 'sandbox', state}.
 * Throws a BadShareLink saying, in words, that the link is damaged or incomplete (or from
 * another version) and what to do.
 */
export async function decodeShare(payload) {
  const kind = payload.slice(0, 1);
  if (kind !== 'j' && kind !== 'z') throw new BadShareLink(DAMAGED, `unknown payload kind '${kind}'`);
  let bytes = fromBase64url(payload.slice(1));
  if (!bytes.length) throw new BadShareLink(DAMAGED, 'empty payload');
  if (kind === 'z') {
    try {
      bytes = await through(new DecompressionStream('deflate-raw'), bytes);
    } catch (err) {
      throw new BadShareLink(DAMAGED, err?.message);
    }
  }
  let state;
  try {
    state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new BadShareLink(DAMAGED, err?.message);
  }
  if (isObject(state) && state.v !== SHARE_VERSION && state.v != null) {
    throw new BadShareLink(`This share link was made by another version of vpclab (link format ${JSON.stringify(state.v)}; this page reads format ${SHARE_VERSION}). Ask the person who sent it to make it again on this site.`);
  }
  const shaped =
    isObject(state) &&
    typeof state.state === 'string' &&
    ((state.kind === 'exercise' && typeof state.id === 'string' && state.id !== '') || state.kind === 'sandbox');
  if (!shaped) throw new BadShareLink(DAMAGED, 'not the shape of a share link');
  return state;
}

/** The full URL of a share link for `state`, based on the page's own address. */
export async function shareUrl(state) {
  const base = location.href.split('#')[0];
  return `${base}#share/${await encodeShare(state)}`;
}
