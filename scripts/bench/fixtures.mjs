// Test data for the quick-check figures, written by the bench process itself through the app's
// own modules (Node 24 runs the TypeScript directly, as scripts/tweespraak.mjs does): running
// quick checks, and participants who joined with the code on their "own phone".
import { runPool } from './lib.mjs';

const server = (file) => import(`../../src/lib/server/${file}`);

/** An application context on the same database as the server under test (migrations already applied). */
export async function openContext({ dataDir, databaseUrl }) {
	const { parseConfig } = await server('shared/config.ts');
	const { createLogger } = await server('shared/logger.ts');
	const { createAppContext } = await server('context.ts');
	const config = parseConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: 'warn' });
	const ctx = await createAppContext({ config, logger: createLogger('warn') });
	// Dropping the throwaway database ends its connections; an idle one must not crash the bench.
	ctx.database.pool?.on('error', () => undefined);
	return ctx;
}

/** The five Samen Sterker items, read from the stored instrument. */
export async function quickCheckItemKeys(ctx) {
	const { getCurrentBuiltInInstrument, QUICK_CHECK_INSTRUMENT_KEY } = await server('instruments/instruments.usecases.ts');
	const { itemKeys } = await server('instruments/instruments.models.ts');
	return itemKeys((await getCurrentBuiltInInstrument(ctx, QUICK_CHECK_INSTRUMENT_KEY)).content);
}

/**
 * The join throttle counts every claim in one overall bucket (300 a minute, shared by all
 * instances through the database). Fixtures claim hundreds of parties in seconds, so the bench
 * empties that bucket between batches and once more when done; the per-address buckets are not
 * touched (each fixture claim comes from its own made-up address).
 */
async function resetJoinThrottle(ctx) {
	await ctx.db.deleteFrom('rateLimits').where('key', '=', 'join-all').execute();
}

const COLLABORATIONS_PER_PROFESSIONAL = 20;
let addressSequence = 0;

/**
 * `count` running quick checks (phase "rating") in one organisation, each with `participants`
 * participants; the first `claimed` of them joined on their own device. Returns per conversation
 * its ids, join code, and per participant the party id and (when claimed) the device token and actor.
 */
export async function buildRunningConversations(ctx, { count, participants = 1, claimed = participants, concurrency = 4 }) {
	const { buildCollaboration, buildOrganisation, buildStaff } = await server('testing/builders.ts');
	const { startQuickCheck } = await server('conversations/conversations.usecases.ts');
	const { createParticipationRepository } = await server('participation/participation.repository.ts');
	const { claimParticipant } = await server('participation/participation.usecases.ts');

	const admin = await buildOrganisation(ctx, { name: `Bench ${Date.now()}` });
	const professionals = [];
	for (let i = 0; i < Math.ceil(count / COLLABORATIONS_PER_PROFESSIONAL); i++) {
		professionals.push(await buildStaff(ctx, admin, { roles: ['professional'] }));
	}
	await resetJoinThrottle(ctx);
	let claimsSinceReset = 0;
	const conversations = await runPool(Array.from({ length: count }), concurrency, async (_, index) => {
		const professional = professionals[Math.floor(index / COLLABORATIONS_PER_PROFESSIONAL)];
		const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants });
		const { conversationId } = await startQuickCheck({ ctx, actor: professional, collaborationId });
		const repo = createParticipationRepository(ctx.db);
		const { joinCode, phase } = await repo.findConversation(professional.organisationId, conversationId);
		if (phase !== 'rating') throw new Error(`a new quick check starts in phase ${phase}, not rating`);
		const parties = await repo.listParticipantParties(professional.organisationId, conversationId);
		const devices = [];
		for (const [position, participantId] of participantIds.entries()) {
			const partyId = parties.find((p) => p.participantId === participantId).partyId;
			if (position >= claimed) {
				devices.push({ partyId });
				continue;
			}
			if (++claimsSinceReset >= 250) {
				claimsSinceReset = 0;
				await resetJoinThrottle(ctx);
			}
			addressSequence += 1;
			const grant = await claimParticipant({
				ctx,
				code: joinCode,
				partyId,
				clientAddress: `198.51.100.${addressSequence % 250}-${addressSequence}`
			});
			devices.push({ partyId, token: grant.token, actor: grant.actor });
		}
		return { conversationId, organisationId: professional.organisationId, code: joinCode, devices };
	});
	await resetJoinThrottle(ctx);
	return conversations;
}

/** Submits ratings in process, through the usecase (no HTTP). */
export async function submitRatingsInProcess(ctx, actor, values) {
	const { submitRatings } = await server('conversations/conversations.usecases.ts');
	return submitRatings({ ctx, actor, conversationId: actor.conversationId, values });
}

/** How many of these parties have submitted, according to the database. */
export async function countSubmitted(ctx, conversations, position) {
	const { createConversationsRepository } = await server('conversations/conversations.repository.ts');
	const repo = createConversationsRepository(ctx.db);
	let submitted = 0;
	for (const conversation of conversations) {
		const parties = await repo.listParties(conversation.organisationId, conversation.conversationId);
		const party = parties.find((p) => p.id === conversation.devices[position].partyId);
		if (party?.submittedAt) submitted += 1;
	}
	return submitted;
}
