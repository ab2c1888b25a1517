// `npm run messages:runtime`: writes src/lib/runtime-messages.ts, the table of the messages a page
// looks up by key, from the source (src/runtime-messages/runtime-messages.ts says how). Run it after
// writing a new message key that is looked up by key (a notice, a refusal, an error code's message);
// the unit tests fail, naming this command, until the table holds it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTypeStripping } from './type-stripping.mjs';

ensureTypeStripping();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { writeRuntimeMessages, TABLE_FILE } = await import('../src/runtime-messages/runtime-messages.ts');
const { keys, changed } = writeRuntimeMessages(root);
console.log(`${TABLE_FILE}: ${keys} messages looked up by key${changed ? ', written' : ', already up to date'}.`);
