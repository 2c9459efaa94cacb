// The sandbox: bring your own estate (pasted AWS CLI JSON, JSON files, or a Batfish snapshot
// folder), explore it (diagram, traces, validation, cost), change it, and export it as JSON.

import { announce, el, message } from './dom.js';
import { createExplorer } from './explorer.js';
import { shareUrl, store } from './store.js';

const EXAMPLE = `[
  {
    "AccountId": "111122223333",
    "Region": "us-east-1",
    "Vpcs": [{"VpcId": "vpc-0a1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": "web"}]}],
    "Subnets": [{"SubnetId": "subnet-0a1", "VpcId": "vpc-0a1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"}]
  }
]`;

function summaryText(s) {
  const parts = [
    [s.documents, 'document'],
    [s.vpcs, 'VPC'],
    [s.subnets, 'subnet'],
    [s.route_tables, 'route table'],
    [s.peerings, 'peering'],
    [s.transit_gateways, 'transit gateway'],
    [s.instances, 'instance'],
  ].map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`);
  return `Loaded ${parts.join(', ')}.`;
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
  const session = new Session();
  let editable = false;
  const status = el('p', { class: 'import-status', role: 'status' });
  const error = el('p', { class: 'error', role: 'alert', id: 'sandbox-error' });
  const text = el('textarea', { id: 'sandbox-json', rows: '8', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'sandbox-json-hint sandbox-error', placeholder: EXAMPLE });
  const loadButton = el('button', { type: 'submit', class: 'button button--primary' }, 'Load JSON');
  const files = el('input', { id: 'sandbox-files', type: 'file', accept: '.json,application/json', multiple: true });
  const folder = el('input', { id: 'sandbox-folder', type: 'file', webkitdirectory: true, multiple: true });
  const exportButton = el('button', { type: 'button', class: 'button' }, 'Download JSON');
  const shareButton = el('button', { type: 'button', class: 'button' }, 'Share link');
  const shareBox = el('div', { class: 'share-box', hidden: true });

  const explorer = createExplorer({
    getSession: () => session,
    apply: (action) => {
      try {
        session.applyAction(JSON.stringify(action));
      } catch (err) {
        const code = err?.code ? `${err.code}: ` : '';
        return `${code}${message(err)}`;
      }
      changed('Done.');
      return null;
    },
    designs: () => Object.entries(store.designs()).map(([name, documents]) => ({ id: `saved:${name}`, label: `saved: ${name}`, documents })),
    saveDesign: (name, docs) => store.saveDesign(name, docs),
    idPrefix: 'sb',
  });

  const pasteForm = el(
    'form',
    { class: 'import-form' },
    el('div', { class: 'field field--wide' }, el('label', { for: 'sandbox-json' }, 'Paste AWS CLI JSON'), el('p', { id: 'sandbox-json-hint', class: 'hint' }, 'One document per account and region, like {"AccountId": …, "Region": …, "Vpcs": [...], "Subnets": [...], "RouteTables": [...]}, or an array of them; plain describe-* output is accepted too.'), text),
    el('div', { class: 'form-actions' }, loadButton),
  );
  pasteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    load(() => session.loadDocuments(text.value), 'the pasted JSON');
  });
  files.addEventListener('change', async () => {
    if (!files.files.length) return;
    const picked = await readFiles(files.files);
    if (picked.length === 1) load(() => session.loadDocuments(picked[0].text), picked[0].path);
    else load(() => session.loadFiles(picked), `${picked.length} files`);
    files.value = '';
  });
  folder.addEventListener('change', async () => {
    if (!folder.files.length) return;
    const picked = await readFiles(folder.files);
    load(() => session.loadFiles(picked), `the folder (${picked.length} files)`);
    folder.value = '';
  });
  exportButton.addEventListener('click', () => {
    let json;
    try {
      json = session.exportDocuments();
    } catch (err) {
      error.textContent = message(err);
      return;
    }
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = el('a', { href: url, download: 'vpclab-estate.json', hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    announce('Downloaded vpclab-estate.json.');
  });
  shareButton.addEventListener('click', async () => {
    let url;
    try {
      url = await shareUrl({ kind: 'sandbox', documents: session.exportDocuments() });
    } catch (err) {
      error.textContent = message(err);
      return;
    }
    const input = el('input', { type: 'text', id: 'sandbox-share-url', readonly: true, value: url, class: 'share-url' });
    shareBox.replaceChildren(el('label', { for: 'sandbox-share-url' }, 'Share link (it carries the whole estate)'), input);
    shareBox.hidden = false;
    input.focus();
    input.select();
  });

  const workbench = el('div', { class: 'sandbox-work', hidden: true }, el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Estate' }, exportButton, shareButton), shareBox, explorer.element);

  section.append(
    el('h1', { id: 'sandbox-title', tabindex: '-1' }, 'Sandbox'),
    el('p', { class: 'lead' }, 'Bring your own estate: the output of aws ec2 describe-vpcs, describe-subnets, describe-route-tables …, or a Batfish snapshot folder. Then trace connections, check what AWS would refuse, price it, change it, and export it.'),
    el(
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
      error,
      status,
    ),
    workbench,
  );

  function load(run, what) {
    error.textContent = '';
    let summary;
    try {
      summary = run();
    } catch (err) {
      error.textContent = `Could not load ${what}: ${message(err)}`;
      return false;
    }
    status.textContent = summaryText(summary);
    editable = true;
    workbench.hidden = false;
    explorer.reset();
    changed(null);
    return true;
  }

  function changed(note) {
    explorer.refresh();
    try {
      store.saveSandbox(session.exportDocuments());
    } catch {
      // Nothing to save.
    }
    if (note) announce(note);
  }

  const saved = store.sandbox();
  if (saved) load(() => session.loadDocuments(saved), 'the estate saved last time');

  section.route = () => section.querySelector('h1');
  section.receive = (shared) => {
    if (load(() => session.loadDocuments(shared.documents), 'the shared estate')) text.value = '';
  };
  section.isEditable = () => editable;
}
