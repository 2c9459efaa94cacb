// The exercises the page offers. The wasm carries none (it stays small): `cargo xtask` writes
// `pkg/exercises/list.json` (the list, in order of play: {id, title, topic, section,
// section_title, number, goals, hints}) and each exercise's file, minified, as
// `pkg/exercises/ID.json`. The list is fetched once; an exercise's file when it is first opened,
// then handed to the engine (`session.addExercise(text)`), which checks it and can play it.
//
// The fetches start when this module is evaluated, alongside the wasm's: the list, and the
// exercise a link such as #exercises/ID opens straight away (once the list says it exists).

const BASE = new URL('../pkg/exercises/', import.meta.url);

let listPromise = null;
const texts = new Map();

async function fetchText(name) {
  let response;
  try {
    response = await fetch(new URL(name, BASE));
  } catch (err) {
    throw new Error(`${name} could not be fetched (${err.message})`);
  }
  if (!response.ok) throw new Error(`${name} could not be fetched (HTTP ${response.status})`);
  return response.text();
}

/** The exercise list, in order of play (a promise; fetched once). */
export function exerciseList() {
  listPromise ??= fetchText('list.json').then((text) => {
    const list = JSON.parse(text);
    if (!Array.isArray(list)) throw new Error('list.json is not a list of exercises');
    return list;
  });
  return listPromise;
}

/** The text of exercise `id`'s file (a promise; fetched once, again after a failure). */
export function exerciseText(id) {
  if (!texts.has(id)) {
    const p = fetchText(`${encodeURIComponent(id)}.json`);
    texts.set(id, p);
    p.catch(() => texts.delete(id));
  }
  return texts.get(id);
}

/**
 * Makes exercise `id` playable by `session`'s engine instance: fetches its file and registers it
 * unless `registered` (a Set the caller keeps per engine instance) says it is there already.
 */
export async function ensureExercise(session, id, registered) {
  if (registered.has(id)) return;
  const text = await exerciseText(id);
  if (registered.has(id)) return;
  session.addExercise(text);
  registered.add(id);
}

{
  const words = location.hash.slice(1).split('/');
  let wanted = null;
  try {
    wanted = words[0] === 'exercises' && words[1] ? decodeURIComponent(words[1]) : null;
  } catch {
    // A malformed fragment: the view says so when it routes.
  }
  exerciseList().then(
    (list) => {
      if (wanted && list.some((e) => e.id === wanted)) exerciseText(wanted).catch(() => {});
    },
    () => {},
  );
}
