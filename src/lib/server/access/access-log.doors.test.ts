import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { sourceFiles } from '../testing/source-files.ts';

// The access log (docs/decisions/016-access-log.md) is written at the doors through which a
// participant's device reaches data. A server file that admits a participant by checking the
// actor's type itself must also pass one of those doors, or it could read client data unlogged.
const DOORS = /\b(requireParty|requirePartyRule|readAsOwnParty|requireOwnOutcome|logParticipantAccess)\(/;
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

// A participant's change is logged with the change, not at the door (PartyAccess.logAccess): a
// usecase that takes the party for a change and never writes that entry changes client data unlogged.
const TAKES_PARTY_FOR_A_CHANGE = /\brequireParty(Rule)?\(\{[^}]*purpose: 'change'/;
const CHANGE_RUNNERS_THAT_LOG: Record<string, string> = {
	'conversations/conversations.change.ts': 'changeAsParty writes PartyRule.logAccess once the work succeeded'
};

it("every server file that takes a participant's party for a change writes its access entry with the change", () => {
	const root = path.resolve(import.meta.dirname, '..');
	const files = sourceFiles(root, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
		.map((file) => path.relative(root, file).split(path.sep).join('/'))
		.filter((file) => !file.startsWith('access/') && !file.startsWith('testing/'));
	const changing = files.filter((file) => TAKES_PARTY_FOR_A_CHANGE.test(readFileSync(path.join(root, file), 'utf8')));
	expect(changing.length).toBeGreaterThan(0);
	const unlogged = changing.filter((file) => {
		const source = readFileSync(path.join(root, file), 'utf8');
		// requirePartyRule's rule is logged by changeAsParty, which the file must then use.
		if (/\brequirePartyRule\(/.test(source)) return !/\bchangeAsParty\(/.test(source);
		return !/\.logAccess\??\.?\(/.test(source);
	});
	expect(unlogged).toEqual([]);
	for (const [file] of Object.entries(CHANGE_RUNNERS_THAT_LOG))
		expect(readFileSync(path.join(root, file), 'utf8')).toMatch(/party\.logAccess\(scope\.trx\)/);
});

// A member of staff's change is logged with the change too (StaffChange.logAccess): a usecase that
// takes the door for a change and never writes that entry changes client data unlogged. (requireAccess
// itself refuses a change permission, so every change passes requireAccessToChange.)
const TAKES_STAFF_CHANGE = /\brequireAccessToChange\(/;
/** Files that take the door for others, and hand its logAccess on. */
const STAFF_DOORS_HANDED_ON: Record<string, string> = {
	'collaborations/collaborations.usecases.ts': 'requireStartableCollaboration returns logAccess; the start usecases write it'
};

it("every server file that takes staff's door for a change writes its access entry with the change", () => {
	const root = path.resolve(import.meta.dirname, '..');
	const files = sourceFiles(root, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
		.map((file) => path.relative(root, file).split(path.sep).join('/'))
		.filter((file) => !file.startsWith('access/') && !file.startsWith('testing/'));
	const changing = files.filter((file) => TAKES_STAFF_CHANGE.test(readFileSync(path.join(root, file), 'utf8')));
	expect(changing.length).toBeGreaterThan(5);
	const unlogged = changing.filter((file) => {
		const source = readFileSync(path.join(root, file), 'utf8');
		return !/\blogAccess\??\.?\(/.test(source) && !(file in STAFF_DOORS_HANDED_ON);
	});
	expect(unlogged).toEqual([]);
	const startersThatLog = files.filter((file) => /\brequireStartableCollaboration\(/.test(readFileSync(path.join(root, file), 'utf8')));
	for (const file of startersThatLog.filter((file) => !(file in STAFF_DOORS_HANDED_ON)))
		expect(readFileSync(path.join(root, file), 'utf8'), file).toMatch(/\blogAccess\(trx\)/);
});
