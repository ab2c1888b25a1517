import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { sourceFiles } from '../testing/source-files.ts';

// The access log (docs/decisions/016-access-log.md) is written at the doors through which a
// participant's device reaches data. A server file that admits a participant by checking the
// actor's type itself must also pass one of those doors, or it could read client data unlogged.
const DOORS = /\b(requireParty|requirePartyRule|requireParticipant|requireOwnOutcome|logParticipantAccess)\(/;
const ADMITS_PARTICIPANT = /actor\.type\s*[!=]==\s*'participant'/;

/** Files that look at the actor's type without showing a participant any client data, and why. */
const NO_DATA: Record<string, string> = {
	'shared/audit.ts': 'writes the log itself',
	'participation/link-opening.usecases.ts': 'compares a personal link with the device; the link page shows no client data'
};

it('every server file that admits a participant by its type passes an access-log door', () => {
	const root = path.resolve(import.meta.dirname, '..');
	const unlogged = sourceFiles(root, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
		.map((file) => path.relative(root, file).split(path.sep).join('/'))
		.filter((file) => !file.startsWith('access/') && !file.startsWith('testing/'))
		.filter((file) => {
			const source = readFileSync(path.join(root, file), 'utf8');
			return ADMITS_PARTICIPANT.test(source) && !DOORS.test(source) && !(file in NO_DATA);
		});
	expect(unlogged).toEqual([]);
});
