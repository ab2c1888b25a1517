import type { AppContext } from '../context.ts';
import { buildCollaboration, buildOrganisation, buildStaff, buildTeam, type BuiltStaff } from './builders.ts';
import { buildPastQuickCheck, CLIENT_TEXT } from './insights-builders.ts';

/**
 * An organisation for the insights tests, at "now" = NOW (so 2026-Q1 is the last completed
 * quarter): teams Noord (6 collaborations), Zuid (7) and Klein (2), and three collaborations
 * whose holders are in no team, each with one closed quick check in 2026-Q1. Build it with the
 * clock at BUILT_AT, so the collaborations were open at the end of the quarter. Every collaboration of a
 * team has its own holder. Values are chosen so averages are whole numbers:
 *   North: clients 50, 60, 70, 40, 50, 60 (mean 55), professional 70 (gap 15)
 *   South: clients 80 ×7, professional 75 (gap −5)
 *   Small: clients 3, professional 97 — distinctive, to search for
 *   no team: clients 10, professional 90 (×3)
 * With the minimum of 5, Klein and the no-team group together (5) may be derived, so Noord and
 * Zuid are shown; with a minimum of 6 they may not, and Noord (the smallest) is hidden as well.
 * North also has a running and an abandoned quick check with ratings of 0 that must count nowhere.
 */
export const BUILT_AT = '2025-12-01T09:00:00.000Z';
export const NOW = '2026-05-15T10:00:00.000Z';
export const IN_Q1 = '2026-02-10T10:00:00.000Z';
export const NORTH_CLIENTS = [50, 60, 70, 40, 50, 60];

export interface InsightsWorld {
	admin: BuiltStaff;
	northLead: BuiltStaff;
	southLead: BuiltStaff;
	north: { teamId: string; name: string };
	south: { teamId: string; name: string };
	small: { teamId: string; name: string };
	/** North's first professional, who also leads nothing. */
	northProfessional: BuiltStaff;
	labels: string[];
	collaborationIds: string[];
}

async function teamWithCollaborations(
	ctx: AppContext,
	admin: BuiltStaff,
	input: { name: string; clients: readonly number[]; professional: number; lead?: BuiltStaff; labels: string[]; ids: string[] },
	extra?: (collaboration: { collaborationId: string; participantIds: string[] }, holder: BuiltStaff, index: number) => Promise<void>
) {
	const holders: BuiltStaff[] = [];
	for (const [index, client] of input.clients.entries()) {
		const holder = await buildStaff(ctx, admin, { roles: ['professional'] });
		holders.push(holder);
		const label = `${input.name}-gezin-${index + 1}`;
		const collaboration = await buildCollaboration(ctx, holder, { label });
		input.labels.push(label);
		input.ids.push(collaboration.collaborationId);
		await buildPastQuickCheck(ctx, {
			organisationId: admin.organisationId,
			collaborationId: collaboration.collaborationId,
			participantIds: collaboration.participantIds,
			professionalUserId: holder.userId,
			endedAt: IN_Q1,
			participantValues: [client],
			professionalValue: input.professional,
			reviews: index % 3 === 0 ? ['done', 'partly'] : ['done'],
			clientText: CLIENT_TEXT
		});
		await extra?.(collaboration, holder, index);
	}
	const members = holders.map((h) => ({ userId: h.userId }));
	const team = await buildTeam(ctx, admin, {
		name: input.name,
		members: input.lead ? [...members, { userId: input.lead.userId, role: 'lead' as const }] : members
	});
	return { team, holders };
}

export async function buildInsightsWorld(ctx: AppContext, options: { minGroupSize?: number } = {}): Promise<InsightsWorld> {
	const admin = await buildOrganisation(ctx, { minGroupSize: options.minGroupSize });
	const northLead = await buildStaff(ctx, admin, { roles: ['teamLead'] });
	const southLead = await buildStaff(ctx, admin, { roles: ['teamLead', 'professional'] });
	const labels: string[] = [];
	const ids: string[] = [];
	const blind = async (collaboration: { collaborationId: string; participantIds: string[] }, holder: BuiltStaff, index: number) => {
		if (index > 1) return;
		await buildPastQuickCheck(ctx, {
			organisationId: admin.organisationId,
			collaborationId: collaboration.collaborationId,
			participantIds: collaboration.participantIds,
			professionalUserId: holder.userId,
			endedAt: IN_Q1,
			participantValues: [0],
			professionalValue: 0,
			phase: index === 0 ? 'rating' : 'abandoned'
		});
	};
	const north = await teamWithCollaborations(
		ctx,
		admin,
		{ name: 'Noord', clients: NORTH_CLIENTS, professional: 70, lead: northLead, labels, ids },
		blind
	);
	const south = await teamWithCollaborations(ctx, admin, {
		name: 'Zuid',
		clients: Array(7).fill(80),
		professional: 75,
		lead: southLead,
		labels,
		ids
	});
	const small = await teamWithCollaborations(ctx, admin, { name: 'Klein', clients: [3, 3], professional: 97, labels, ids });
	for (let i = 1; i <= 3; i++) {
		const loner = await buildStaff(ctx, admin, { roles: ['professional'] });
		const label = `Zonder-team-gezin-${i}`;
		const collaboration = await buildCollaboration(ctx, loner, { label });
		labels.push(label);
		ids.push(collaboration.collaborationId);
		await buildPastQuickCheck(ctx, {
			organisationId: admin.organisationId,
			collaborationId: collaboration.collaborationId,
			participantIds: collaboration.participantIds,
			professionalUserId: loner.userId,
			endedAt: IN_Q1,
			participantValues: [10],
			professionalValue: 90
		});
	}
	return {
		admin,
		northLead,
		southLead,
		north: north.team,
		south: south.team,
		small: small.team,
		northProfessional: north.holders[0]!,
		labels,
		collaborationIds: ids
	};
}

/**
 * The organisation of issue 11 (hole 1): team Groot is six collaborations of one professional
 * (shown on its own: its holder knows them all), team Klein four collaborations of four
 * professionals, each with one closed quick check at `endedAt`. Under a minimum of 5 the
 * organisation is shown and Groot is hidden beside Klein (else organisation minus Groot is
 * Klein); under 6 the organisation is hidden (Groot's holder could subtract their six and be
 * left with four) and Groot is shown. Seeing both, from two settings, gives Klein exactly.
 */
export async function buildMinimumFlipWorld(
	ctx: AppContext,
	options: { endedAt: string; emailPrefix?: string }
): Promise<{ admin: BuiltStaff; groot: { teamId: string; name: string }; klein: { teamId: string; name: string } }> {
	const email = (label: string) => (options.emailPrefix ? { email: `${options.emailPrefix}-${label}@example.nl` } : {});
	const admin = await buildOrganisation(ctx, { minGroupSize: 5, name: options.emailPrefix, admin: email('beheerder') });
	const quickCheck = async (holder: BuiltStaff, client: number, professional: number) => {
		const collaboration = await buildCollaboration(ctx, holder);
		await buildPastQuickCheck(ctx, {
			organisationId: admin.organisationId,
			collaborationId: collaboration.collaborationId,
			participantIds: collaboration.participantIds,
			professionalUserId: holder.userId,
			endedAt: options.endedAt,
			participantValues: [client],
			professionalValue: professional
		});
	};
	const big = await buildStaff(ctx, admin, { roles: ['professional'], ...email('groot') });
	for (let i = 0; i < 6; i++) await quickCheck(big, 80, 80);
	const small: BuiltStaff[] = [];
	for (let i = 0; i < 4; i++) {
		small.push(await buildStaff(ctx, admin, { roles: ['professional'], ...email(`klein-${i + 1}`) }));
		await quickCheck(small[i]!, 4, 96);
	}
	const groot = await buildTeam(ctx, admin, { name: 'Groot', members: [{ userId: big.userId }] });
	const klein = await buildTeam(ctx, admin, { name: 'Klein', members: small.map((s) => ({ userId: s.userId })) });
	return { admin, groot, klein };
}
