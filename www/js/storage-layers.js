// Other annotators' annotations of a project's documents, kept beside the
// project and never mixed into its own until a reviewer settles them. One
// record a layer in the meta store (no new store, so no schema upgrade):
//   meta {key: 'layer:' + projectId + '\n' + name, project, name, added,
//         docs: [{sha, name, state: {labels, annotations, relations, docLabels}}]}
// The texts are not copied: a layer's document the project has is read with
// the project's text (by SHA-256), and one the project lacks is only named.

import { META } from './storage-names.js';

const PREFIX = 'layer:';
const keyOf = (projectId, name) => `${PREFIX}${projectId}\n${name}`;

/** The layers of project `projectId`, oldest first: `[{name, added, docs}]`. */
export function listLayers(storage, projectId) {
  return storage.transaction(META, 'readonly', 'storage.doing.readLayers', (s, out) => {
    const from = keyOf(projectId, '');
    const request = s[META].getAll(IDBKeyRange.bound(from, `${from}\uffff`));
    request.onsuccess = () => {
      out.value = request.result
        .map(({ name, added, docs }) => ({ name, added, docs }))
        .sort((a, b) => (a.added < b.added ? -1 : a.added > b.added ? 1 : 0));
    };
  });
}

/** Stores (or replaces) the layer `name` of project `projectId`. */
export function putLayer(storage, projectId, { name, docs }) {
  return storage.transaction(META, 'readwrite', 'storage.doing.saveLayer', (s) => {
    s[META].put({ key: keyOf(projectId, name), project: projectId, name, added: new Date().toISOString(), docs });
  });
}

/** Removes the layer `name` of project `projectId`. */
export function deleteLayer(storage, projectId, name) {
  return storage.transaction(META, 'readwrite', 'storage.doing.removeLayer', (s) => {
    s[META].delete(keyOf(projectId, name));
  });
}
