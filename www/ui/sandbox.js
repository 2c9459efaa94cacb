// The sandbox: bring your own estate (pasted AWS CLI JSON, JSON files, or a Batfish snapshot
// folder), explore it (diagram, traces, validation, cost), change it, and export it as JSON.
//
// Its engine runs in a Web Worker (ui/sandbox-worker.js, through ui/sandbox-session.js): an
// estate of thousands of VPCs takes seconds to import and the page must stay usable meanwhile.
// So every load, action, undo and question is asynchronous here; while the worker is busy the
// import section says what it is doing (aria-busy), and its errors are shown to the learner.
//
// Nothing replaces the learner's estate without a copy: an import, an exercise's estate, a
// share link or bringing back an earlier copy first keeps the saved sandbox aside (store.js
// keepAside, listed by ui/kept.js with Bring back / Remove); "Back to the import" asks first and
// can be undone.

import { exerciseList, exerciseText } from './boot.js';
import { announce, download, el, message } from './dom.js';
import { createExplorer, prefetchPanels } from './explorer.js';
import { showShareLink } from './share.js';
import { BadShareLink, shareUrl, store } from './store.js';
import { createWorkerSession } from './sandbox-session.js';
import { lists } from './view-model.js';
import { STOPPED, isTrap } from './engine.js';

// Words, not JSON: a placeholder that looks like real JSON is taken for text already in the box.
const PLACEHOLDER = 'Paste here what the AWS CLI prints, for example the output of\n  aws ec2 describe-vpcs\n  aws ec2 describe-subnets\n  aws ec2 describe-route-tables\n(one at a time, or an array of documents: see the hint above).';

const EMPTY_BOX =
  'Paste the JSON of an `aws ec2 describe-*` call (describe-vpcs, describe-subnets, describe-route-tables …) into the box, then press Load JSON: the box is empty.';

/** The offset in `text` of 1-based `line` and `column`, or null. */
function offsetOf(text, line, column) {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return null;
  let at = 0;
  for (let i = 0; i < line - 1; i += 1) at += lines[i].length + 1;
  return Math.min(text.length, at + Math.max(0, column - 1));
}

function summaryText(s) {
  const parts = [
    ...(s.documents == null ? [] : [[s.documents, 'document']]),
    [s.vpcs, 'VPC'],
    [s.subnets, 'subnet'],
    [s.route_tables, 'route table'],
    [s.peerings, 'peering'],
    [s.transit_gateways, 'transit gateway'],
    [s.instances, 'instance'],
  ].map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`);
  return `Loaded ${parts.join(', ')}.`;
}

/**
 * The `UNUSUAL_ID` warnings of a load (ids no AWS API gives): the estate loaded, but the learner
 * is told at once which ids to check. Ids are shown as text, never as markup.
 */
function idWarnings(box, warnings = []) {
  box.hidden = !warnings.length;
  if (!warnings.length) return box.replaceChildren();
  const shown = warnings.slice(0, 5);
  const more = warnings.length - shown.length;
  box.replaceChildren(
    el('p', {}, `${warnings.length} id${warnings.length === 1 ? ' is' : 's are'} not of the form AWS gives (the estate loaded; check they were copied whole):`),
    el(
      'ul',
      { class: 'findings' },
      ...shown.map((d) => el('li', { class: 'finding finding--warning', 'data-code': d.code }, el('span', { class: 'finding__severity' }, 'Warning'), ' ', el('code', { class: 'code' }, d.code), ' ', el('code', {}, d.resource), `: ${d.message}`)),
    ),
    ...(more ? [el('p', { class: 'note' }, `… and ${more} more: the Validate tab lists every finding.`)] : []),
  );
}

/** Reads picked files as {path, text}; paths are relative to the folder picked, if any. */
async function readFiles(fileList) {
  const files = [...fileList];
  return Promise.all(
    files.map(async (f) => {
      const rel = f.webkitRelativePath || f.name;
      // A picked folder comes as "folder/aws_configs/Vpcs.json": the folder name is not part
      // of the snapshot.
      const path = f.webkitRelativePath ? rel.split('/').slice(1).join('/') : rel;
      return { path, text: await f.text() };
    }),
  );
}

export function createSandboxView(Session) {
  return {
    id: 'sandbox',
    title: 'Sandbox',
    mount(section) {
      mount(section, Session);
    },
  };
}

function mount(section, Session) {
  let editable = false;
  const status = el('p', { class: 'import-status', role: 'status' });
  const importWarnings = el('div', { class: 'import-warnings', hidden: true });
  const busyNote = el('p', { class: 'import-busy note', 'aria-live': 'polite', hidden: true });
  const session = createWorkerSession({
    Session,
    onBusy: (what) => {
      importSection.setAttribute('aria-busy', String(what != null));
      for (const b of section.querySelectorAll('.import button[type="submit"]')) b.disabled = what != null && loading;
      busyNote.hidden = what == null;
      busyNote.textContent = what ?? '';
    },
  });
  // A load is under way: its buttons wait (other controls stay usable).
  let loading = false;
  const error = el('p', { class: 'error', role: 'alert', id: 'sandbox-error' });
  // The paste box's own error, right under it (the learner's eyes are on the box).
  const pasteError = el('p', { class: 'error paste-error', role: 'alert', id: 'sandbox-json-error' });
  const text = el('textarea', { id: 'sandbox-json', rows: '8', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'sandbox-json-hint sandbox-json-error', placeholder: PLACEHOLDER });
  const loadButton = el('button', { type: 'submit', class: 'button button--primary' }, 'Load JSON');
  const files = el('input', { id: 'sandbox-files', type: 'file', accept: '.json,application/json', multiple: true });
  const folder = el('input', { id: 'sandbox-folder', type: 'file', webkitdirectory: true, multiple: true });
  const undoButton = el('button', { type: 'button', class: 'button', 'aria-keyshortcuts': 'Control+Z', title: 'Undo (Ctrl+Z)' }, '↶ Undo');
  const redoButton = el('button', { type: 'button', class: 'button', 'aria-keyshortcuts': 'Control+Y', title: 'Redo (Ctrl+Y)' }, '↷ Redo');
  const resetButton = el('button', { type: 'button', class: 'button' }, 'Back to the import');
  const exportButton = el('button', { type: 'button', class: 'button' }, 'Download JSON');
  const cliButton = el('button', { type: 'button', class: 'button' }, 'Changes as AWS CLI');
  const tfButton = el('button', { type: 'button', class: 'button' }, 'Changes as Terraform');
  const shareButton = el('button', { type: 'button', class: 'button' }, 'Share link');
  const shareBox = el('div', { class: 'share-box', hidden: true });

  const explorer = createExplorer({
    getSession: () => session,
    // Answered by the worker: a refusal is shown in the sandbox's alert line when it comes back.
    apply: (action) => {
      error.textContent = '';
      session.applyAction(JSON.stringify(action)).then(
        () => changed('Done.'),
        (err) => {
          const text = message(err);
          error.textContent = err?.code && !text.includes(err.code) ? `${err.code}: ${text}` : text;
          announce(error.textContent);
        },
      );
      return null;
    },
    designs: () => Object.entries(store.designs()).map(([name, documents]) => ({ id: `saved:${name}`, label: `saved: ${name}`, documents })),
    saveDesign: (name, docs) => store.saveDesign(name, docs),
    idPrefix: 'sb',
  });

  // Any exercise's start makes a ready-made estate to explore (the list and the exercise's file
  // are fetched: ui/boot.js).
  const exampleSelect = el('select', { id: 'sandbox-example' });
  const exampleForm = el(
    'form',
    { class: 'import-example' },
    el('div', { class: 'field' }, el('label', { for: 'sandbox-example' }, "Or start from an exercise's estate"), exampleSelect),
    el('div', { class: 'field field--submit' }, el('button', { type: 'submit', class: 'button button--load' }, 'Load this estate')),
  );
  exampleForm.hidden = true;
  exerciseList().then(
    (catalog) => {
      exampleSelect.replaceChildren(...catalog.map((e) => el('option', { value: e.id }, `${e.number}. ${e.title}`)));
      exampleForm.hidden = !catalog.length;
    },
    () => {},
  );
  exampleForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = exampleSelect.value;
    let text;
    try {
      text = await exerciseText(id);
    } catch (err) {
      error.textContent = `Could not load the exercise estate: ${message(err)}`;
      return;
    }
    load(() => session.loadExercise(text, id), 'the exercise estate', { aside: 'import' });
  });

  const pasteForm = el(
    'form',
    { class: 'import-form' },
    el('div', { class: 'field field--wide' }, el('label', { for: 'sandbox-json' }, 'Paste AWS CLI JSON'), el('p', { id: 'sandbox-json-hint', class: 'hint' }, 'One document per account and region, like {"AccountId": …, "Region": …, "Vpcs": [...], "Subnets": [...], "RouteTables": [...]}, or an array of them; plain describe-* output is accepted too.'), text, pasteError),
    el('div', { class: 'form-actions' }, loadButton),
  );
  text.addEventListener('input', () => {
    if (!pasteError.textContent) return;
    pasteError.textContent = '';
    text.removeAttribute('aria-invalid');
  });
  /** The paste box's error, under it, in view; the caret put where the JSON breaks. */
  function pasteProblem(words, at = null) {
    pasteError.textContent = words;
    text.setAttribute('aria-invalid', 'true');
    text.focus();
    if (at != null) text.setSelectionRange(at, Math.min(text.value.length, at + 1));
    pasteError.scrollIntoView({ block: 'nearest' });
  }
  pasteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    pasteError.textContent = '';
    text.removeAttribute('aria-invalid');
    if (!text.value.trim()) {
      pasteProblem(EMPTY_BOX);
      return;
    }
    load(() => session.loadDocuments(text.value), 'the pasted JSON', {
      aside: 'import',
      onError: (err) => {
        const words = message(err);
        const place = /^it is not JSON: line (\d+), column (\d+)/.exec(words);
        if (place) pasteProblem(`The box ${words.slice(3)}`, offsetOf(text.value, Number(place[1]), Number(place[2])));
        else pasteProblem(`Could not load the pasted JSON: ${words}`);
      },
    });
  });
  files.addEventListener('change', async () => {
    if (!files.files.length) return;
    const picked = await readFiles(files.files);
    if (picked.length === 1) load(() => session.loadDocuments(picked[0].text), picked[0].path, { aside: 'import' });
    else load(() => session.loadFiles(picked), `${picked.length} files`, { aside: 'import' });
    files.value = '';
  });
  folder.addEventListener('change', async () => {
    if (!folder.files.length) return;
    const picked = await readFiles(folder.files);
    load(() => session.loadFiles(picked), `the folder (${picked.length} files)`, { aside: 'import' });
    folder.value = '';
  });
  const offer = async (make, name, type) => {
    let body;
    try {
      body = await make();
    } catch (err) {
      error.textContent = message(err);
      return;
    }
    error.textContent = download(() => body, name, type) ?? '';
  };
  exportButton.addEventListener('click', () => offer(() => session.exportDocuments(), 'vpclab-estate.json', 'application/json'));
  cliButton.addEventListener('click', () => offer(() => session.exportAwsCli(), 'vpclab-changes.sh', 'text/x-shellscript'));
  tfButton.addEventListener('click', () => offer(() => session.exportTerraform(), 'vpclab-changes.tf', 'text/plain'));
  cliButton.hidden = typeof session.exportAwsCli !== 'function';
  tfButton.hidden = typeof session.exportTerraform !== 'function';
  undoButton.addEventListener('click', () => step('undo'));
  redoButton.addEventListener('click', () => step('redo'));
  resetButton.addEventListener('click', async () => {
    const n = explorer.view?.history?.length ?? 0;
    if (!n) {
      announce('Already the estate as imported: nothing to take back.');
      return;
    }
    let sure = false;
    try {
      const { askToConfirm } = await import('./kept.js');
      sure = await askToConfirm({
        question: 'Go back to the estate as imported?',
        text: `Your ${n} change${n === 1 ? '' : 's'} will be taken back. Undo (Ctrl+Z) brings ${n === 1 ? 'it' : 'them'} back, and a copy is kept aside on this page.`,
        confirmLabel: 'Back to the import',
        cancelLabel: 'Keep my changes',
      });
    } catch (err) {
      error.textContent = message(err);
      return;
    }
    if (!sure) return;
    const own = store.sandbox();
    if (own && !store.keepAside('sandbox', own, 'reset')) {
      error.textContent = 'Nothing was taken back: your estate could not be kept aside (this browser\'s storage is full). Download your progress first.';
      return;
    }
    session.reset().then(
      () => {
        changed('Back to the estate as imported. Undo brings your changes back.');
        drawKept();
      },
      (err) => {
        error.textContent = message(err);
      },
    );
  });
  section.addEventListener('keydown', (event) => {
    if (workbench.hidden || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const t = event.target;
    if (t instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'file'].includes(t.type)) return;
    if (t instanceof HTMLTextAreaElement || t?.isContentEditable) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      step('undo');
    } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
      event.preventDefault();
      step('redo');
    }
  });
  shareButton.addEventListener('click', async () => {
    let url;
    try {
      url = await shareUrl({ kind: 'sandbox', state: session.save() });
    } catch (err) {
      error.textContent = message(err);
      return;
    }
    showShareLink(shareBox, url, 'sandbox-share-url', 'Share link: it carries the whole estate and your changes');
  });

  const workbench = el(
    'div',
    { class: 'sandbox-work', hidden: true },
    el('h2', { id: 'estate-title' }, 'Your estate'),
    el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Estate' }, undoButton, redoButton, resetButton, exportButton, cliButton, tfButton, shareButton),
    shareBox,
    explorer.element,
  );

  const importSection = el(
    'section',
    { class: 'import', 'aria-labelledby': 'import-title' },
    el('h2', { id: 'import-title' }, 'Import'),
    pasteForm,
    el(
      'div',
      { class: 'import-files' },
      el('div', { class: 'field' }, el('label', { for: 'sandbox-files' }, 'Or pick JSON files'), files, el('p', { class: 'hint' }, 'One document, or the files of one snapshot (Vpcs.json, Subnets.json …).')),
      el('div', { class: 'field' }, el('label', { for: 'sandbox-folder' }, 'Or pick a snapshot folder'), folder, el('p', { class: 'hint' }, 'A Batfish-style folder: aws_configs/…, by region or by account.')),
    ),
    exampleForm,
    error,
    busyNote,
    status,
    importWarnings,
  );
  // The estates kept aside (ui/kept.js, loaded when there are some).
  const keptSlot = el('div', { class: 'kept-slot' });
  section.append(
    el('h1', { id: 'sandbox-title', tabindex: '-1' }, 'Sandbox'),
    el('p', { class: 'lead' }, 'Bring your own estate: the output of aws ec2 describe-vpcs, describe-subnets, describe-route-tables …, or a Batfish snapshot folder. Then trace connections, check what AWS would refuse, price it, change it, and export it.'),
    keptSlot,
    importSection,
    workbench,
  );
  let kept = null;

  /** Lists the estates kept aside (loads ui/kept.js when there are some). */
  function drawKept() {
    if (!kept && !store.kept('sandbox').length) return Promise.resolve();
    return import('./kept.js').then(
      ({ createKeptList }) => {
        kept ??= createKeptList({
          copies: () => store.kept('sandbox'),
          bringBack: async (copy) => {
            if (!(await load(() => restoreSummary(copy.state), 'the kept estate', { aside: 'swap' }))) return false;
            store.dropKept(copy.key);
            restoreNote.hidden = true;
            return true;
          },
          remove: (copy) => store.dropKept(copy.key),
          what: 'estate',
          idPrefix: 'sb',
        });
        if (!keptSlot.contains(kept.element)) keptSlot.replaceChildren(kept.element);
        kept.draw();
      },
      (err) => {
        error.textContent = `The list of estates kept aside could not be shown: ${message(err)}`;
      },
    );
  }

  /** Restores a saved sandbox (start documents and actions); answers like a load. */
  async function restoreSummary(saved) {
    const r = await session.restore(saved);
    if (r?.exercise) throw new Error('this is saved work of an exercise, not a sandbox');
    const v = lists(session.view());
    return { documents: null, vpcs: v.vpcs.length, subnets: v.subnets.length, route_tables: v.routeTables.length, peerings: v.peerings.length, transit_gateways: v.tgws.length, instances: v.instances.length };
  }

  /**
   * `run()` asks the worker to load; true once loaded and drawn, false (and said, or handed to
   * `onError`) if refused. `aside` ('import', 'share', 'swap'): the saved sandbox, if any and
   * different, is kept aside before the new estate is saved over it.
   */
  async function load(run, what, { save = true, aside = null, onError = null } = {}) {
    error.textContent = '';
    let summary;
    loading = true;
    try {
      summary = await run();
    } catch (err) {
      if (onError) onError(err);
      else {
        error.textContent = `Could not load ${what}: ${message(err)}`;
        error.scrollIntoView({ block: 'nearest' });
      }
      return false;
    } finally {
      loading = false;
      for (const b of section.querySelectorAll('.import button[type="submit"]')) b.disabled = false;
    }
    let keep = save;
    if (save && aside) {
      const own = store.sandbox();
      let now = null;
      try {
        now = session.save();
      } catch {
        now = null;
      }
      if (own && own !== now && !store.keepAside('sandbox', own, aside)) {
        // Storage is full: the new estate is shown but not saved over the old one.
        keep = false;
        error.textContent = `${what[0].toUpperCase()}${what.slice(1)} is shown but not saved: your earlier estate could not be kept aside first (this browser's storage is full). Download your progress to keep both.`;
      }
    }
    status.textContent = summaryText(summary);
    idWarnings(importWarnings, summary?.warnings);
    editable = true;
    workbench.hidden = false;
    explorer.reset();
    changed(null, keep);
    if (aside) drawKept();
    return true;
  }

  /** Redraws from the worker's snapshot; saves the sandbox unless it is what storage holds. */
  function changed(note, save = true) {
    shareBox.hidden = true;
    explorer.refresh();
    const v = explorer.view;
    undoButton.setAttribute('aria-disabled', String(!v?.can_undo));
    redoButton.setAttribute('aria-disabled', String(!v?.can_redo));
    if (save) store.saveSandbox(session.save());
    if (note) announce(note);
  }

  function step(kind) {
    const button = kind === 'undo' ? undoButton : redoButton;
    if (button.getAttribute('aria-disabled') === 'true') {
      announce(kind === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      return;
    }
    session[kind]().then(
      () => changed(kind === 'undo' ? 'Undone.' : 'Redone.'),
      (err) => {
        error.textContent = message(err);
      },
    );
  }

  const saved = store.sandbox();
  if (saved) {
    let why = null;
    load(async () => {
      try {
        return await restoreSummary(saved);
      } catch (err) {
        if (!isTrap(err) && message(err) !== STOPPED) why = message(err);
        throw err;
      }
      // Already in storage: not written again (the worker answers later than the page's other
      // views save, and a rewrite would look like newer work to a progress import).
    }, 'the estate saved last time', { save: false }).then((ok) => {
      // Kept aside (not overwritten by the next load) and the learner told.
      if (!ok && why) store.keepSandboxAside(`the engine could not restore it: ${why}`);
    });
  }

  section.route = () => section.querySelector('h1');
  // A share link's estate is shown and saved; the learner's own is kept aside first (listed, with
  // a way back). A link whose estate does not load is a bad link: nothing changes.
  const restoreNote = el('div', { class: 'callout callout--info', hidden: true });
  workbench.prepend(restoreNote);
  section.receive = async (shared) => {
    let why = null;
    const ok = await load(() => restoreSummary(shared.state), 'the shared estate', {
      aside: 'share',
      onError: (err) => {
        why = err;
      },
    });
    if (!ok) {
      if (isTrap(why) || message(why) === STOPPED) throw why;
      throw new BadShareLink(`This share link could not be opened: the estate it carries does not load here (${message(why)}). Ask the person who sent it for the link again. Your own sandbox is unchanged.`);
    }
    text.value = '';
    const copy = store.kept('sandbox').find((c) => c.why === 'share');
    if (!copy) {
      restoreNote.hidden = true;
      return;
    }
    const back = el('button', { type: 'button', class: 'button button--small' }, 'Bring back my own estate');
    back.addEventListener('click', async () => {
      const latest = store.kept('sandbox').find((c) => c.why === 'share');
      if (latest && (await load(() => restoreSummary(latest.state), 'your own estate', { aside: 'swap' }))) {
        store.dropKept(latest.key);
        restoreNote.hidden = true;
        drawKept();
      }
      section.querySelector('h1')?.focus();
    });
    restoreNote.replaceChildren(el('p', {}, 'You opened a share link: this is the estate it carries. Your own sandbox was kept aside, saved in this browser (listed at the top of the page).'), back);
    restoreNote.hidden = false;
  };
  drawKept();
  section.isEditable = () => editable;
  prefetchPanels();
}
