import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';

/**
 * After a handover the first conversation names the new professional to the client, whatever
 * its method (issue 13, part 4). The name comes with the participant's home; every participant
 * page that loads the home shows it through ConnectedAs, so none can drop it.
 */

const ROOT = import.meta.dirname;

describe('participant pages', () => {
	// The home comes together with what the page shows, in one read: getParticipantConversation
	// (/c), getParticipantFeedbackPage, getParticipantPreparationPage.
	const loadingHome = sourceFiles(ROOT, (name) => name === '+page.server.ts').filter((file) =>
		/\bgetParticipant(Conversation|FeedbackPage|PreparationPage)\(/.test(readFileSync(file, 'utf8'))
	);

	it('finds the pages that load the participant home', () => {
		expect(loadingHome.map((file) => path.relative(ROOT, file))).toEqual(
			expect.arrayContaining(['+page.server.ts', 'feedback/+page.server.ts', 'preparation/+page.server.ts'])
		);
	});

	it.each(loadingHome.map((file) => [path.relative(ROOT, path.dirname(file)) || '.', file]))(
		'%s tells the client who their new professional is after a handover',
		(_, file) => {
			const page = readFileSync(file.replace('+page.server.ts', '+page.svelte'), 'utf8');
			expect(page).toMatch(/<ConnectedAs\b[^>]*\bnewProfessional=\{[^}]*newProfessional\}/);
		}
	);

	// A page opens its live stream only once its script runs; the stream catches it up on a change
	// made before that by comparing the version the page shows (decision 004). A page whose stream
	// carries no version would miss such a change until the client reloads by hand.
	const following = sourceFiles(ROOT, (name) => name === '+page.svelte').filter((file) =>
		readFileSync(file, 'utf8').includes('<ParticipantLive')
	);

	it('finds the pages that follow their conversation live', () => {
		expect(following.map((file) => path.relative(ROOT, file))).toEqual(
			expect.arrayContaining(['+page.svelte', 'feedback/+page.svelte', 'preparation/+page.svelte'])
		);
	});

	it.each(following.map((file) => [path.relative(ROOT, path.dirname(file)) || '.', file]))(
		'%s follows its conversation with the version it shows, so a change made before its stream opened is caught up',
		(_, file) => {
			for (const use of readFileSync(file, 'utf8').match(/<ParticipantLive\b[^>]*>/g) ?? []) expect(use).toMatch(/\bversion=\{[^}]+\}/);
		}
	);
});
