// The names of biaozhu's IndexedDB stores and keys, one list for storage.js
// and storage-projects.js (see storage.js for what each holds).
export const TEXTS = 'texts';
export const STATES = 'states';
export const DELTAS = 'deltas';
export const META = 'meta';
export const PROJECTS = 'projects';
/** Meta keys: the document open last, each document's summary (`doc:` + SHA-256), the project open last. */
export const LAST = 'last';
export const SUMMARY = 'doc:';
export const OPEN_PROJECT = 'project';
