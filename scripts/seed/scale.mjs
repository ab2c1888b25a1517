// A realistic organisation of any size, for dashboards under load (npm run seed:scale, npm run
// bench, the insights e2e tests): teams of professionals, collaborations with one to three
// participants and a rhythm, quick checks over two years (most closed, some abandoned or still
// running with blind ratings), agreements and their reviews. Deterministic for a given --seed.
// Written in batches of multi-row inserts, one transaction per batch, in foreign-key order.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DAY, generateCollaboration, generator, iso } from './scale-history.mjs';

const server = (file) => import(`../../src/lib/server/${file}`);

const COLLABORATIONS_PER_PROFESSIONAL = 15;
const PROFESSIONALS_PER_TEAM = 6;
const BATCH_ROWS = 20_000;

/** Rows waiting to be written, per table, flushed together in foreign-key order. */
function createWriter(ctx, log) {
	const order = [
		'collaborations',
		'collaborationProfessionals',
		'participants',
		'conversations',
		'conversationParties',
		'ratings',
		'agreements',
		'agreementReviews'
	];
	const buffers = Object.fromEntries(order.map((table) => [table, []]));
	let written = 0;
	// SQLite allows 32 766 bound values per statement; rows of up to 12 columns stay well below.
	const chunk = ctx.database.dialect === 'sqlite' ? 2000 : 4000;
	return {
		push(table, row) {
			buffers[table].push(row);
		},
		size: () => buffers.ratings.length + buffers.conversationParties.length,
		async flush() {
			await ctx.db.transaction().execute(async (trx) => {
				for (const table of order) {
					const rows = buffers[table];
					for (let i = 0; i < rows.length; i += chunk)
						await trx
							.insertInto(table)
							.values(rows.slice(i, i + chunk))
							.execute();
					written += rows.length;
					buffers[table] = [];
				}
			});
			log?.(written);
		}
	};
}

/**
 * Fills the database of `ctx` with one new organisation holding about `ratings` ratings (whole
 * collaborations, so a few more). Staff with `password` can sign in: the admin, every team lead
 * and the first professional; the others have no password.
 */
export async function seedScale(ctx, options) {
	const target = options.ratings;
	const random = generator(options.seed ?? 1);
	const now = options.now ? Date.parse(options.now) : Date.now();
	const quarters = options.quarters ?? 8;
	const historyStart = now - quarters * 91.3 * DAY;
	const prefix = options.prefix ?? `scale-${randomUUID().slice(0, 8)}`;
	const { getCurrentBuiltInInstrument, QUICK_CHECK_INSTRUMENT_KEY } = await server('instruments/instruments.usecases.ts');
	const instrument = await getCurrentBuiltInInstrument(ctx, QUICK_CHECK_INSTRUMENT_KEY);

	// About 12 ratings per closed quick check and one every rhythm: size the organisation to the target.
	const perCollaboration = 12 * Math.max(1, (quarters * 13) / 12) * 0.85;
	const professionalCount = Math.max(3, Math.ceil(target / perCollaboration / COLLABORATIONS_PER_PROFESSIONAL));
	const teamCount = Math.max(1, Math.ceil(professionalCount / PROFESSIONALS_PER_TEAM));

	const organisationId = randomUUID();
	const createdAt = iso(historyStart - 200 * DAY);
	await ctx.db
		.insertInto('organisations')
		.values({
			id: organisationId,
			name: options.name ?? `Schaal ${prefix}`,
			clientTerm: 'parent',
			planTerm: 'familyPlan',
			defaultLocale: 'nl',
			minGroupSize: options.minGroupSize ?? 5,
			retentionDays: 3650,
			requireTwoFactor: 0,
			createdAt,
			updatedAt: createdAt
		})
		.execute();

	const passwordHash = options.password ? await (await import('better-auth/crypto')).hashPassword(options.password) : null;
	const users = [];
	const addUser = (label, roles, canSignIn) => {
		const user = {
			id: randomUUID(),
			email: `${prefix}-${label}@example.nl`,
			name: label,
			roles,
			canSignIn: canSignIn && passwordHash !== null
		};
		users.push(user);
		return user;
	};
	const admin = addUser('beheerder', ['admin'], true);
	const teams = Array.from({ length: teamCount }, (_, i) => ({
		id: randomUUID(),
		name: `Team ${String(i + 1).padStart(2, '0')}`,
		lead: addUser(`teamleider-${i + 1}`, ['teamLead'], true)
	}));
	// About one in thirty professionals is in no team; the last professional is alone in a new
	// team with only a few collaborations, so dashboards show suppression as well.
	const professionals = Array.from({ length: professionalCount }, (_, i) => ({
		...addUser(`begeleider-${i + 1}`, ['professional'], i === 0),
		team: i % 30 === 29 ? null : teams[i % teams.length]
	}));
	const newcomerTeam = { id: randomUUID(), name: 'Team nieuw', lead: addUser('teamleider-nieuw', ['teamLead'], true) };
	const newcomer = { ...addUser('begeleider-nieuw', ['professional'], false), team: newcomerTeam, limit: 3 };
	teams.push(newcomerTeam);
	professionals.push(newcomer);
	await insertStaff(ctx, { organisationId, users, teams, professionals, passwordHash, createdAt });

	// A generated organisation is easy to make again: on SQLite the seed's own connection skips
	// the fsync per commit (the app's connections keep synchronous = FULL).
	if (ctx.database.dialect === 'sqlite') await sql`pragma synchronous = off`.execute(ctx.db);
	const writer = createWriter(ctx, options.log);
	const counts = { collaborations: 0, conversations: 0, ratings: 0, blindRatings: 0, agreements: 0, reviews: 0 };
	const held = new Map();
	let collaborationIndex = 0;
	while (counts.ratings + counts.blindRatings < target) {
		let holder = professionals[collaborationIndex % professionals.length];
		if (holder.limit !== undefined && (held.get(holder.id) ?? 0) >= holder.limit) holder = professionals[0];
		held.set(holder.id, (held.get(holder.id) ?? 0) + 1);
		collaborationIndex += 1;
		generateCollaboration({
			random,
			writer,
			counts,
			holder,
			organisationId,
			instrumentId: instrument.id,
			historyStart,
			now,
			index: collaborationIndex
		});
		if (writer.size() >= BATCH_ROWS) await writer.flush();
	}
	await writer.flush();
	if (ctx.database.dialect === 'sqlite') await sql`pragma synchronous = full`.execute(ctx.db);
	// After a bulk load PostgreSQL has no statistics until autovacuum gets to it, and plans joins
	// blindly; a live database has them. Gather them now, as autovacuum would.
	if (ctx.database.dialect === 'postgres') await sql`analyze`.execute(ctx.db);
	return {
		organisationId,
		prefix,
		admin: { email: admin.email },
		teamLeads: teams.map((team) => ({ email: team.lead.email, team: team.name, teamId: team.id })),
		professional: { email: professionals[0].email },
		teams: teams.length,
		professionals: professionals.length,
		...counts
	};
}

async function insertStaff(ctx, { organisationId, users, teams, professionals, passwordHash, createdAt }) {
	await ctx.db.transaction().execute(async (trx) => {
		const batches = (rows, size = 500) =>
			Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, i * size + size));
		for (const batch of batches(users)) {
			await trx
				.insertInto('users')
				.values(
					batch.map((u) => ({
						id: u.id,
						name: u.name,
						email: u.email,
						emailVerified: 1,
						image: null,
						twoFactorEnabled: 0,
						locale: 'nl',
						createdAt,
						updatedAt: createdAt
					}))
				)
				.execute();
			await trx
				.insertInto('memberships')
				.values(batch.map((u) => ({ organisationId, userId: u.id, status: 'active', createdAt, deactivatedAt: null })))
				.execute();
			await trx
				.insertInto('membershipRoles')
				.values(batch.flatMap((u) => u.roles.map((role) => ({ organisationId, userId: u.id, role }))))
				.execute();
			const signIn = batch.filter((u) => u.canSignIn);
			if (signIn.length > 0) {
				await trx
					.insertInto('accounts')
					.values(
						signIn.map((u) => ({
							id: `${u.id}-credential`,
							accountId: u.id,
							providerId: 'credential',
							userId: u.id,
							password: passwordHash,
							createdAt,
							updatedAt: createdAt
						}))
					)
					.execute();
			}
		}
		await trx
			.insertInto('teams')
			.values(teams.map((team, i) => ({ id: team.id, organisationId, name: team.name, createdAt: iso(Date.parse(createdAt) + i * 1000) })))
			.execute();
		const members = [
			...teams.map((team) => ({ organisationId, teamId: team.id, userId: team.lead.id, role: 'lead' })),
			...professionals.filter((p) => p.team).map((p) => ({ organisationId, teamId: p.team.id, userId: p.id, role: 'member' }))
		];
		for (const batch of batches(members)) await trx.insertInto('teamMembers').values(batch).execute();
	});
}
