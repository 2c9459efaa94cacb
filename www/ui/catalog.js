// The exercises the page offers. The wasm carries none (it stays small): `cargo xtask` writes
// `pkg/exercises/list.json` (the list, in order of play: {id, title, topic, section,
// section_title, number, goals, hints}) and each exercise's file, minified, as
// `pkg/exercises/ID.json`. The list is fetched once; an exercise's file when it is first opened,
// then handed to the engine (`session.addExercise(text)`), which checks it and can play it.
//
// The fetches are ui/boot.js's: it starts them before the page's other modules have loaded (the
// list, and the exercise a link such as #exercises/ID opens straight away).

import { exerciseFile, exerciseFileName, exerciseList as listText } from './boot.js';

let listPromise = null;

/** The exercise list, in order of play (a promise; fetched once). */
export function exerciseList() {
  listPromise ??= listText().then((text) => {
    const list = JSON.parse(text);
    if (!Array.isArray(list)) throw new Error('list.json is not a list of exercises');
    return list;
  });
  return listPromise;
}

/** The text of exercise `id`'s file (a promise; fetched once, again after a failure). */
export function exerciseText(id) {
  return exerciseFile(exerciseFileName(id));
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
