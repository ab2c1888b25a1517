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
	'participation/link-opening.usecases.ts': 'compares a personal link with the device; the link page shows no client data',
	'http/flash.ts': 'seals a flash for the device session that posted it; reads no client data',
	'http/page-form.ts': "hashes the device session's draft scope for the page's own script; reads no client data"
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

// A change is logged with the change, not at the door (decision 016): a participant's party taken
// for a change (PartyAccess.logAccess), a member of staff's change (StaffChange.logAccess), a leading
// professional's (requireLeadToChange, leadChange) and one's own preparation's (requireOwnPartyToChange).
// requireAccess itself refuses a change permission, and the conversation runners (changeConversation,
// changeFeedback) take logAccess by type; this holds the rest, per function: a function that takes
// a change door writes the entry, hands it on (to a runner, an erasure), or returns it to its caller.
const CHANGE_DOOR =
	/\b(requireAccessToChange|requireLeadToChange|requireStartableCollaboration|requireOwnPartyToChange|leadChange|requirePartyRule)\(|\brequireParty\(\{[^}]*purpose: 'change'|\brequireConversationLead\([^)]*'change'\)/;

/** The top-level functions of a source file, comments taken out, by name. */
function functionsOf(source: string): { name: string; body: string }[] {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const starts = [...code.matchAll(/^(?:export )?(?:async )?function (\w+)/gm)];
	return starts.map((start, i) => ({ name: start[1]!, body: code.slice(start.index, starts[i + 1]?.index ?? code.length) }));
}

function logsItsChange(body: string): boolean {
	// Written here: logAccess(trx), party.logAccess(trx).
	if (/\blogAccess\??\.?\(/.test(body)) return true;
	// Handed on: taken from the door and named again (a runner's input, an erasure's options), a
	// party's passed as it is, the party given to changeAsParty or a lead's change (leadChange) given
	// to its runner, which writes it (as it is, or spread with more: `{ ...scope, lockFirst }`).
	if ((body.match(/\blogAccess\b/g) ?? []).length >= 2 || /\.logAccess\b/.test(body) || /\bchangeAsParty\(/.test(body)) return true;
	if (/\bleadChange\(/.test(body) && /\b(changeConversation|changeFeedback)\(ctx, (\{ \.\.\.)?scope\b/.test(body)) return true;
	// Returned to the caller, whose own function is then checked.
	return /return\s+(\{[^}]*\blogAccess\b|(await\s+)?(requireAccessToChange|requireLeadToChange|ownParty)\()/.test(body);
}

it('every function that takes a door for a change writes its access entry with the change, or hands it on', () => {
	const root = path.resolve(import.meta.dirname, '..');
	const files = sourceFiles(root, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
		.map((file) => path.relative(root, file).split(path.sep).join('/'))
		.filter((file) => !file.startsWith('testing/'));
	const taking = files.flatMap((file) =>
		functionsOf(readFileSync(path.join(root, file), 'utf8'))
			.filter((fn) => CHANGE_DOOR.test(fn.body.slice(fn.body.indexOf('{'))))
			.map((fn) => ({ where: `${file}: ${fn.name}`, logs: logsItsChange(fn.body) }))
	);
	expect(taking.length).toBeGreaterThan(20);
	expect(taking.filter((fn) => !fn.logs).map((fn) => fn.where)).toEqual([]);
});

it('the check above finds a change that forgets its entry', () => {
	const forgetful = `export async function rename({ ctx, actor }) {\n\tconst { staff, logAccess } = await requireAccessToChange({ db: ctx.db, actor });\n\t// logAccess(trx) is not called\n\tawait ctx.db.transaction().execute(async (trx) => save(trx, staff));\n}\n`;
	const [fn] = functionsOf(forgetful);
	expect(CHANGE_DOOR.test(fn!.body)).toBe(true);
	expect(logsItsChange(fn!.body)).toBe(false);
	expect(logsItsChange(fn!.body.replace('save(trx, staff)', '{ await save(trx, staff); await logAccess(trx); }'))).toBe(true);
});

it('the check above finds a lead change whose scope never reaches its runner', () => {
	const forgetful = `export async function reveal({ ctx, actor, conversationId }) {\n\tconst { staff, scope } = await leadChange(ctx, actor, conversationId, 'revealNow');\n\tawait ctx.db.transaction().execute(async (trx) => save(trx, staff));\n}\n`;
	const [fn] = functionsOf(forgetful);
	expect(CHANGE_DOOR.test(fn!.body)).toBe(true);
	expect(logsItsChange(fn!.body)).toBe(false);
	expect(logsItsChange(fn!.body.replace('ctx.db.transaction().execute(async (trx)', 'changeConversation(ctx, scope, async (trx)'))).toBe(
		true
	);
});
