// The exercises view: the list with progress (#exercises) and one exercise (#exercises/ID): its
// story, goals with live ticks, hints, the reference solution on request, undo/redo/reset, a
// share link, and the workbench (diagram, editor, trace, cost). The Session holds the state and
// grades it; this file wires the pieces and remembers progress in localStorage. The list and each
// exercise's file are fetched (ui/boot.js): the view shows a loading note until they arrive.

import { ensureExercise, exerciseList, exerciseText } from './boot.js';
import { announce, download, el, message } from './dom.js';
import { createExplorer, prefetchPanels } from './explorer.js';
import { createGoalsPanel, createHints } from './goals.js';
import { createExerciseList } from './exercise-list.js';
import { BadShareLink, shareUrl, store } from './store.js';
import { createSolutionPanel } from './solution.js';
import { STOPPED, isTrap } from './engine.js';

/** Paragraphs of plain text (blank-line separated). */
function paragraphs(text) {
  return String(text ?? '')
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => el('p', {}, p.trim()));
}

/** The error an action threw, as the console shows it: the AWS code, then the message. */
function actionError(err) {
  const code = err && typeof err === 'object' && err.code ? String(err.code) : '';
  const text = message(err);
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}

function describeAction(a) {
  const parts = Object.entries(a)
    .filter(([k]) => k !== 'action')
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${Array.isArray(v) ? v.join(', ') : v}`);
  return `${a.action.replace(/_/g, ' ')}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function createExercisesView(Session) {
  return {
    id: 'exercises',
    title: 'Exercises',
    mount(section) {
      mount(section, Session);
    },
    route: null,
  };
}

function mount(section, Session) {
  const session = new Session();
  // The list, once fetched (filled in place: the list view holds this array).
  const catalog = [];
  let listState = 'loading'; // 'loading' | 'ready' | 'failed'
  // The exercises this engine instance has been given (a restarted engine mounts anew).
  const registered = new Set();
  // The route last asked for, so a late fetch only draws what is still wanted.
  let wanted = null;
  const loading = el('p', { class: 'status', role: 'status', tabindex: '-1', hidden: true }, 'Loading the exercise…');
  exerciseList().then(
    (list) => {
      catalog.push(...list);
      listState = 'ready';
      if (wanted) routeAgain();
    },
    (err) => {
      listState = 'failed';
      section.prepend(el('p', { class: 'error', role: 'alert' }, `The exercises could not be loaded: ${message(err)}`));
      loading.hidden = true;
    },
  );
  let current = null; // { id, summary, info, hints, revealed }
  // A share link just taken in for exercise `id`; `keptOwn` when the learner's own work on it
  // was set aside (saved under vpclab/kept/…, listed in `keptSlot`).
  let justShared = null; // { id, keptOwn }
  const restoreNote = el('div', { class: 'callout callout--info', hidden: true });
  // The copies of this exercise's work kept aside (ui/kept.js, loaded when there are some).
  const keptSlot = el('div', { class: 'kept-slot' });
  let kept = null;

  // --- The list -----------------------------------------------------------------------------
  const list = createExerciseList(catalog);
  const listView = list.element;
  const listTitle = list.heading;
  const drawList = list.draw;

  // --- One exercise -------------------------------------------------------------------------
  const crumbs = el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, el('a', { href: '#exercises' }, '← All exercises'));
  const title = el('h1', { id: 'exercise-title', tabindex: '-1' });
  const meta = el('p', { class: 'exercise-meta' });
  const story = el('div', { class: 'story' });
  const banner = el('div', { class: 'banner', role: 'status' });
  const undoButton = el('button', { type: 'button', class: 'button', 'aria-keyshortcuts': 'Control+Z', title: 'Undo (Ctrl+Z)' }, '↶ Undo');
  const redoButton = el('button', { type: 'button', class: 'button', 'aria-keyshortcuts': 'Control+Y', title: 'Redo (Ctrl+Y)' }, '↷ Redo');
  const resetButton = el('button', { type: 'button', class: 'button' }, 'Reset');
  const shareButton = el('button', { type: 'button', class: 'button' }, 'Share link');
  const shareBox = el('div', { class: 'share-box', hidden: true });
  const toolbarError = el('p', { class: 'error', role: 'alert' });
  const history = el('ol', { class: 'history', 'aria-label': 'Your actions' });
  const exportError = el('p', { class: 'error', role: 'alert' });
  const exportButtons = [
    ['save', 'My work, to hand in (JSON)', (id) => `${id}.json`, 'application/json'],
    ['exportAwsCli', 'As an AWS CLI script', (id) => `${id}.sh`, 'text/x-shellscript'],
    ['exportTerraform', 'As Terraform', (id) => `${id}.tf`, 'text/plain'],
  ]
    .filter(([fn]) => typeof Session.prototype[fn] === 'function')
    .map(([fn, label, name, type]) => {
      const button = el('button', { type: 'button', class: 'button button--small' }, label);
      button.addEventListener('click', () => {
        exportError.textContent = download(() => session[fn](), name(current?.id ?? 'vpclab'), type) ?? '';
      });
      return button;
    });
  const exportBar = exportButtons.length
    ? el('div', { class: 'export-bar' }, el('p', { class: 'note' }, 'Download your changes: a file your teacher can grade (vpclab grade), or the same changes for a real account:'), el('div', { class: 'toolbar' }, ...exportButtons), exportError)
    : null;
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Exercise' }, undoButton, redoButton, resetButton, shareButton);
  // The goals at a glance, for sighted users while they scroll (the list says it in words).
  const pips = el('p', { class: 'goal-pips', 'aria-hidden': 'true' });

  const goals = createGoalsPanel({ onShowTrace: (g) => explorer.setTrace(g.trace, 'goal') });
  // Hints opened and the solution revealed are recorded in the saved work (a hand-in says so).
  const hints = createHints({
    onReveal: (n) => {
      if (!current) return;
      current.revealed = n;
      session.noteHintsOpened?.(n);
      saveWork();
    },
  });
  // The reference solution, played step by step as a learner's form is, but recorded as played.
  const solution = createSolutionPanel({
    apply: (action) => applyAction(action, 'solution'),
    actionsDone: () => JSON.parse(session.save()).actions ?? [],
    onReset: () => askReset(),
    onRevealed: () => {
      if (!current) return;
      session.noteSolutionRevealed?.();
      saveWork();
    },
    describe: describeAction,
  });

  const explorer = createExplorer({
    getSession: () => session,
    apply: applyAction,
    allowed: () => current?.info?.allowed_actions ?? null,
    designs: () => designs(),
    saveDesign: (name, docs) => store.saveDesign(name, docs),
    onPanelTrace: () => goals.mark(null),
    idPrefix: 'ex',
  });

  const exerciseView = el(
    'div',
    { class: 'exercise-view' },
    crumbs,
    el('header', { class: 'exercise-head' }, el('div', {}, title, meta), el('div', { class: 'exercise-head__right' }, pips, toolbar)),
    toolbarError,
    restoreNote,
    keptSlot,
    shareBox,
    banner,
    el(
      'div',
      { class: 'exercise-grid' },
      el('div', { class: 'exercise-brief' }, el('section', { class: 'story-panel', 'aria-labelledby': 'story-title' }, el('h2', { id: 'story-title' }, 'The task'), story), goals.element),
      el('div', { class: 'exercise-main' }, explorer.element),
      el('div', { class: 'exercise-help' }, hints.element, solution.element, el('section', { class: 'history-panel', 'aria-labelledby': 'history-title' }, el('h2', { id: 'history-title' }, 'Your actions'), history, exportBar)),
    ),
  );

  section.append(loading, listView, exerciseView);
  // An exercise's file is fetched as soon as the pointer or the focus is on its link.
  const prefetch = (event) => {
    const id = event.target.closest?.('[data-exercise]')?.dataset.exercise;
    if (id && !registered.has(id)) exerciseText(id).catch(() => {});
  };
  listView.addEventListener('pointerover', prefetch);
  listView.addEventListener('focusin', prefetch);

  /** Designs to compare costs with: the exercise's start, then those saved. */
  function designs() {
    const out = [];
    // The start's documents are exported when a comparison asks for them, not at every opening.
    if (current) out.push({ id: 'start', label: 'the start of this exercise', get documents() { return startDocuments(); } });
    for (const [name, documents] of Object.entries(store.designs())) out.push({ id: `saved:${name}`, label: `saved: ${name}`, documents });
    return out;
  }

  /** The current exercise's start as AWS CLI JSON (a second Session loads it; kept once made). */
  function startDocuments() {
    if (!current) return null;
    if (current.startDocuments === undefined) {
      const other = new Session();
      try {
        other.loadExercise(current.id);
        current.startDocuments = other.exportDocuments();
      } finally {
        other.free?.();
      }
    }
    return current.startDocuments;
  }

  /** Applies `action`; `source` 'solution' when the solution panel plays it. */
  function applyAction(action, source = null) {
    try {
      const json = JSON.stringify(action);
      if (source === 'solution' && typeof session.applySolutionStep === 'function') session.applySolutionStep(json);
      else session.applyAction(json);
    } catch (err) {
      return actionError(err);
    }
    afterChange(`Done: ${describeAction(action)}.`);
    return null;
  }

  function afterChange(note) {
    toolbarError.textContent = '';
    // A share link shown earlier no longer carries the state.
    shareBox.hidden = true;
    // regrade() draws the diagram with the goal's path, unless the path is the trace panel's.
    explorer.refresh({ draw: explorer.traceSource === 'panel' });
    regrade(note);
    solution.refresh();
    saveWork();
  }

  /**
   * Saves the work on the current exercise. Back at the start (everything undone) with nothing
   * recorded, there is nothing to keep; hints opened or the solution revealed are kept even then
   * (a hand-in must not forget them over a reload).
   */
  function saveWork() {
    if (!current) return;
    let keep = Boolean(explorer.view?.history?.length);
    if (!keep && typeof session.howReached === 'function') {
      try {
        const how = session.howReached();
        keep = how.hints_opened > 0 || how.solution_revealed || Boolean(how.from_share_link);
      } catch {
        keep = false;
      }
    }
    store.saveWork(current.id, keep ? session.save() : null);
  }

  const scope = () => `work/${current.id}`;
  const actionsOf = (state) => {
    try {
      return JSON.stringify(JSON.parse(state).actions ?? null);
    } catch {
      return null;
    }
  };

  /** Lists the copies kept aside for the current exercise (ui/kept.js is loaded when there are some). */
  function drawKept() {
    if (!current) return Promise.resolve();
    if (!kept && !store.kept(scope()).length) {
      keptSlot.replaceChildren();
      return Promise.resolve();
    }
    return import('./kept.js').then(
      ({ createKeptList }) => {
        if (!current) return;
        kept ??= createKeptList({
          copies: () => (current ? store.kept(scope()) : []),
          bringBack,
          remove: (copy) => store.dropKept(copy.key),
          idPrefix: 'ex',
        });
        if (!keptSlot.contains(kept.element)) keptSlot.replaceChildren(kept.element);
        kept.draw();
      },
      (err) => {
        toolbarError.textContent = `The list of work kept aside could not be shown: ${message(err)}`;
      },
    );
  }

  /** Brings back a kept copy; the work shown now is kept aside in its turn (if there is any). */
  function bringBack(copy) {
    if (!current) return false;
    const now = session.save();
    const hadWork = Boolean(explorer.view?.history?.length);
    try {
      session.restore(copy.state);
    } catch (err) {
      if (isTrap(err) || message(err) === STOPPED) throw err;
      toolbarError.textContent = `This kept copy could not be brought back: ${message(err)}. It stays in the list.`;
      return false;
    }
    if (hadWork && now !== copy.state && !store.keepAside(scope(), now, 'swap')) {
      // Storage is full: the work shown stays, rather than be lost.
      session.restore(now);
      toolbarError.textContent = 'Your earlier work was not brought back: what you have now could not be kept aside (this browser\'s storage is full). Download your progress first.';
      return false;
    }
    store.dropKept(copy.key);
    restoreNote.hidden = true;
    justShared = null;
    goals.reset();
    explorer.reset();
    redrawRecord();
    afterChange('Your earlier work is back.');
    return true;
  }

  /** The hints and the solution panel as the work's record says (opened, revealed). */
  function redrawRecord() {
    let how = null;
    try {
      how = session.howReached?.() ?? null;
    } catch {
      how = null;
    }
    const hintList = current?.hints ?? [];
    current.revealed = Math.min(how?.hints_opened ?? 0, hintList.length);
    hints.set(hintList, current.revealed);
    solution.set(current.info?.solution ?? [], { revealed: Boolean(how?.solution_revealed) });
  }

  /** A reset kept aside and then undone: the copy says no more than the work shown. */
  function dropCopiesUndone() {
    if (!current) return;
    const mine = actionsOf(session.save());
    const gone = store.kept(scope()).filter((c) => c.why === 'reset' && actionsOf(c.state) === mine);
    for (const c of gone) store.dropKept(c.key);
    if (gone.length) drawKept();
  }

  /** Draws the verdict: `known` ({verdict, error}) when the caller has just checked, else asks. */
  function regrade(note, known = null) {
    let verdict = null;
    if (known) {
      verdict = known.verdict;
      if (known.error) toolbarError.textContent = message(known.error);
    } else {
      try {
        verdict = session.check();
      } catch (err) {
        toolbarError.textContent = message(err);
      }
    }
    const picked = goals.render(verdict);
    const results = verdict?.goals ?? [];
    pips.replaceChildren(
      el('span', { class: 'goal-pips__label' }, `Goals ${results.filter((g) => g.passed).length}/${results.length}`),
      ...results.map((g) => el('span', { class: `pip pip--${g.passed ? 'passed' : 'failed'}`, title: g.text }, g.passed ? '✓' : '✗')),
    );
    if (explorer.traceSource !== 'panel') explorer.setTrace(picked?.trace ?? null, 'goal');
    drawHistory();
    const wasSolved = banner.dataset.solved === 'true';
    if (verdict?.passed) {
      store.markSolved(current.id);
      const next = catalog[catalog.findIndex((e) => e.id === current.id) + 1];
      banner.replaceChildren(
        el('p', {}, el('strong', {}, 'Solved! '), 'Every goal is met.'),
        next ? el('p', {}, el('a', { href: `#exercises/${next.id}`, class: 'button button--primary' }, `Next: ${next.title} →`)) : el('p', {}, 'That was the last exercise.'),
      );
      banner.dataset.solved = 'true';
      banner.hidden = false;
      if (!wasSolved) announce('Solved! Every goal is met.');
    } else {
      banner.hidden = true;
      banner.dataset.solved = 'false';
      banner.replaceChildren();
      if (note) {
        const met = verdict ? verdict.goals.filter((g) => g.passed).length : 0;
        announce(`${note} ${met} of ${verdict?.goals.length ?? 0} goals met.`);
      }
    }
    updateButtons();
  }

  function drawHistory() {
    const lines = explorer.view?.history ?? [];
    history.replaceChildren(...lines.map((line) => el('li', {}, line)));
    if (!lines.length) history.replaceChildren(el('li', { class: 'note' }, 'Nothing yet.'));
  }

  // aria-disabled rather than disabled: a button that had focus keeps it.
  function updateButtons() {
    undoButton.setAttribute('aria-disabled', String(!explorer.view?.can_undo));
    redoButton.setAttribute('aria-disabled', String(!explorer.view?.can_redo));
  }

  function step(kind) {
    if ((kind === 'undo' ? undoButton : redoButton).getAttribute('aria-disabled') === 'true') {
      announce(kind === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      return;
    }
    try {
      const moved = session[kind]();
      if (moved === false) {
        announce(kind === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        return;
      }
    } catch (err) {
      toolbarError.textContent = message(err);
      return;
    }
    afterChange(kind === 'undo' ? 'Undone.' : 'Redone.');
    if (kind === 'undo') dropCopiesUndone();
  }

  undoButton.addEventListener('click', () => step('undo'));
  redoButton.addEventListener('click', () => step('redo'));
  /** Reset, once the learner confirms (in the page); undo brings the work back. */
  async function askReset() {
    if (!current) return false;
    const n = explorer.view?.history?.length ?? 0;
    if (!n) {
      announce('Already at the start: nothing to reset.');
      return true;
    }
    let sure = false;
    try {
      const { askToConfirm } = await import('./kept.js');
      sure = await askToConfirm({
        question: 'Start this exercise again?',
        text: `Your ${n} action${n === 1 ? '' : 's'} will be taken back and the estate goes back to the start. Undo (Ctrl+Z) brings ${n === 1 ? 'it' : 'them'} back, and a copy is kept aside on this page.`,
        confirmLabel: 'Reset to the start',
        cancelLabel: 'Keep my work',
      });
    } catch (err) {
      toolbarError.textContent = message(err);
      return false;
    }
    return sure && resetExercise();
  }

  /** Resets now (asked already); true when done. */
  function resetExercise() {
    if (!current) return false;
    // Saved before the reset: a reload cannot lose it even though undo (in memory) can bring it back.
    if (!store.keepAside(scope(), session.save(), 'reset')) {
      toolbarError.textContent = 'Nothing was reset: your work could not be kept aside (this browser\'s storage is full). Download your progress first.';
      return false;
    }
    try {
      session.reset();
    } catch (err) {
      toolbarError.textContent = message(err);
      return false;
    }
    goals.reset();
    explorer.reset();
    afterChange('Back to the start. Undo brings your work back.');
    drawKept();
    return true;
  }
  resetButton.addEventListener('click', askReset);
  shareButton.addEventListener('click', async () => {
    if (!current) return;
    let url;
    try {
      url = await shareUrl({ kind: 'exercise', id: current.id, state: session.save() });
    } catch (err) {
      toolbarError.textContent = message(err);
      return;
    }
    // ui/share.js is imported when a link is first shown.
    let share;
    try {
      share = await import('./share.js');
    } catch (err) {
      toolbarError.textContent = message(err);
      return;
    }
    share.showShareLink(shareBox, url, 'share-url', 'Share link: it carries your work, so whoever opens it sees this state');
  });
  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) when not typing in a text field.
  document.addEventListener('keydown', (event) => {
    if (section.hidden || exerciseView.hidden || !current) return;
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    // A question is open (ui/kept.js): the work behind it does not change meanwhile.
    if (document.querySelector('dialog[open]')) return;
    const t = event.target;
    if (t instanceof HTMLInputElement && t.type !== 'checkbox' && t.type !== 'radio' && t.type !== 'range') return;
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

  /** While the list or an exercise's file is on its way: only the loading note shows. */
  function showLoading(text) {
    loading.textContent = text;
    loading.hidden = false;
    listView.hidden = true;
    exerciseView.hidden = true;
    return loading;
  }

  /** The wanted route again, once what it waited for has arrived; focus follows if it was left on the note. */
  function routeAgain() {
    const args = wanted;
    if (!args || section.hidden) return;
    const hadFocus = document.activeElement === loading;
    const heading = route(args);
    if (hadFocus && loading.hidden) heading?.focus();
  }

  function open(id) {
    if (listState === 'loading') return showLoading('Loading the exercises…');
    const summary = catalog.find((e) => e.id === id);
    if (!summary) {
      loading.hidden = true;
      listView.hidden = false;
      exerciseView.hidden = true;
      drawList();
      listView.prepend(el('p', { class: 'error', role: 'alert' }, `There is no exercise '${id}'.`));
      return listTitle;
    }
    if (current?.id !== id && !registered.has(id)) {
      const args = wanted;
      ensureExercise(session, id, registered).then(
        () => {
          if (wanted === args) routeAgain();
        },
        (err) => {
          if (wanted !== args) return;
          loading.hidden = true;
          listView.hidden = false;
          drawList();
          listView.prepend(el('p', { class: 'error', role: 'alert' }, `The exercise '${id}' could not be loaded: ${message(err)}`));
        },
      );
      return showLoading('Loading the exercise…');
    }
    loading.hidden = true;
    if (current?.id !== id) {
      if (justShared && justShared.id !== id) justShared = null;
      let info;
      try {
        info = session.loadExercise(id);
        current = { id, summary, info, revealed: 0, startDocuments: undefined };
        const saved = store.work(id);
        if (saved) {
          try {
            session.restore(saved);
          } catch (err) {
            if (isTrap(err) || message(err) === STOPPED) throw err;
            // Kept aside (not overwritten by the next change) and the learner told.
            store.keepWorkAside(id, `the engine could not restore it: ${message(err)}`);
            toolbarError.textContent = `Your saved work on this exercise could not be restored (${message(err)}); starting afresh.`;
            session.loadExercise(id);
          }
        }
      } catch (err) {
        toolbarError.textContent = message(err);
        return title;
      }
      let hintList = [];
      try {
        hintList = session.hints() ?? info?.hints ?? [];
      } catch {
        hintList = info?.hints ?? [];
      }
      title.textContent = info?.title ?? summary.title;
      meta.textContent = `${summary.section_title ?? ''}${summary.section_title ? ' · ' : ''}exercise ${summary.number ?? ''} of ${catalog.length} · ${summary.topic}`;
      story.replaceChildren(...paragraphs(info?.story));
      current.hints = hintList;
      // A share link just taken in: the record says so (and the work, kept as the learner's now).
      if (justShared?.id === id) {
        session.noteFromShareLink?.();
        store.saveWork(id, session.save());
      }
      redrawRecord();
      shareBox.hidden = true;
      banner.hidden = true;
      banner.dataset.solved = 'false';
      goals.reset();
      explorer.reset();
      // One check, drawn by the goals after the explorer is refreshed.
      const known = { verdict: null, error: null };
      try {
        known.verdict = session.check();
      } catch (err) {
        known.error = err;
      }
      // regrade() draws the diagram, with the path of the goal it picks.
      explorer.refresh({ draw: false });
      regrade(null, known);
      if (banner.dataset.solved === 'true') banner.hidden = false;
      offerShared();
      drawKept();
    }
    listView.hidden = true;
    exerciseView.hidden = false;
    prefetchPanels();
    return title;
  }

  /**
   * When the page is idle with the list shown: fetches and registers the first exercise not yet
   * solved, the one the learner most likely opens, so opening it does not wait for its file.
   */
  function warmNext() {
    const solved = store.solved();
    const next = catalog.find((e) => !solved[e.id]);
    if (!next || registered.has(next.id)) return;
    const idle = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
    idle(() => {
      if (!listView.hidden) ensureExercise(session, next.id, registered).catch(() => {});
    });
  }

  /** Shows the list or an exercise; returns the heading to focus. */
  function route(args) {
    wanted = args;
    const id = args[0];
    if (id) return open(decodeURIComponent(id));
    if (listState === 'loading') return showLoading('Loading the exercises…');
    loading.hidden = true;
    exerciseView.hidden = true;
    listView.hidden = false;
    warmNext();
    prefetchPanels();
    for (const stale of listView.querySelectorAll(':scope > .error')) stale.remove();
    drawList();
    return listTitle;
  }

  /**
   * Takes in a share link's state ({id, state}): checked first on a scratch Session (a link
   * whose work does not load here is a bad link, and nothing is stored); then the learner's own
   * work on that exercise, if any and different, is kept aside (saved, listed, restorable), and
   * the shared work becomes the work on it. Throws a BadShareLink saying what is wrong.
   */
  async function receive(shared) {
    const id = shared.id;
    let list = [];
    try {
      list = await exerciseList();
    } catch (err) {
      throw new BadShareLink(`This share link could not be opened: the exercises could not be loaded (${message(err)}). Reload the page and open the link again.`);
    }
    if (!list.some((e) => e.id === id)) {
      throw new BadShareLink(`This share link is for an exercise this site does not have ('${id}'). It may be damaged, or made on another site: ask the person who sent it for the link again.`);
    }
    try {
      await ensureExercise(session, id, registered);
    } catch (err) {
      if (isTrap(err) || message(err) === STOPPED) throw err;
      throw new BadShareLink(`This share link could not be opened: the exercise '${id}' could not be loaded (${message(err)}). Reload the page and open the link again.`);
    }
    const scratch = new Session();
    try {
      const r = scratch.restore(shared.state);
      if (r?.exercise !== id) throw new Error(`it holds ${r?.exercise ? `work on '${r.exercise}'` : 'a sandbox'}, not on '${id}'`);
    } catch (err) {
      if (isTrap(err) || message(err) === STOPPED) throw err;
      throw new BadShareLink(`This share link could not be opened: the work it carries does not load here (${message(err)}). Ask the person who sent it for the link again. Your own work is unchanged.`);
    } finally {
      scratch.free?.();
    }
    const own = store.work(id);
    let keptOwn = false;
    if (own && own !== shared.state) {
      if (!store.keepAside(`work/${id}`, own, 'share')) {
        throw new BadShareLink('This share link was not opened: your own work on this exercise could not be kept aside first (this browser\'s storage is full). Download your progress, then open the link again.');
      }
      keptOwn = true;
    }
    store.saveWork(id, shared.state);
    justShared = { id, keptOwn };
    current = null;
  }

  /** After a share link was opened: what it shows, and (if it was set aside) a way back to the learner's own work. */
  function offerShared() {
    if (!justShared || justShared.id !== current?.id) {
      restoreNote.hidden = true;
      return;
    }
    const parts = [el('p', {}, 'You opened a share link: this is the work it carries, now saved as your work on this exercise.')];
    if (justShared.keptOwn) {
      const back = el('button', { type: 'button', class: 'button button--small' }, 'Bring back my own work');
      back.addEventListener('click', async () => {
        const copy = store.kept(scope()).find((c) => c.why === 'share');
        if (!copy) {
          toolbarError.textContent = 'Your own work is no longer in the list of work kept aside.';
          return;
        }
        if (await bringBack(copy)) {
          await drawKept();
          title.focus();
        }
      });
      parts.push(el('p', {}, 'Your own work was kept aside, saved in this browser: it is listed below and stays there after a reload.'), back);
    }
    restoreNote.replaceChildren(...parts);
    restoreNote.hidden = false;
  }

  section.route = route;
  section.receive = receive;
  exerciseView.hidden = true;
}
