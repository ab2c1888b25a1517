import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor, StaffActor } from '#lib/server/access/actor.ts';
import { compareForList, dueState, todayInAmsterdam, type DueState } from '#lib/server/collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { ReviewOutcome } from '#lib/server/db/schema.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { staffDisplayName } from '#lib/staff-name.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import type { RenderedScale } from '#lib/server/instruments/instruments.models.ts';
import { labelOf, loadInstrumentLabels } from './insights.labels.ts';
import { createInsightsRepository } from './insights.repository.ts';
import {
	buildCollaborationTrend,
	buildEyeOpener,
	buildOwnTrend,
	countComparedConversations,
	countOutcomes,
	EYE_OPENER,
	summariseEyeOpener,
	type EyeOpenerItem,
	type EyeOpenerSummary,
	type OwnComparison,
	type OwnQuarter,
	type TrendConversation,
	type TrendSeries
} from './insights.trends.ts';

export { exportCaseloadCsv } from './insights.export.usecases.ts';
export { exportDashboardCsv, getDashboard } from './insights.dashboard.usecases.ts';

export interface CollaborationInsights {
	collaboration: { id: string; label: string };
	instruments: {
		key: string;
		name: string;
		/** The scale the answers were given on; null for an instrument no longer stored. */
		scale: RenderedScale | null;
		conversations: TrendConversation[];
		items: { key: string; label: string; series: (TrendSeries & { name: string })[]; gaps: (number | null)[] }[];
	}[];
	agreements: Record<ReviewOutcome, number>;
}

/**
 * One collaboration's trend for its professionals: per item a line per party over the closed
 * conversations, the gap between professional and clients, and how agreements went.
 */
export async function getCollaborationInsights({
	ctx,
	actor,
	collaborationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	/** The page's language, for the names and the instruments' labels. */
	locale: StaffLocale;
}): Promise<CollaborationInsights> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'insights.collaboration.view', ids: [collaborationId] });
	const org = staff.organisationId;
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(org, collaborationId);
	if (!collaboration) throw domainError('not_found');
	const repo = createInsightsRepository(ctx.db);
	const conversations = await repo.listClosedConversations(org, collaborationId);
	const ids = conversations.map((c) => c.id);
	const [parties, ratings, reviews, participants] = await Promise.all([
		repo.listParties(org, ids),
		repo.listRatings(org, ids),
		repo.listReviewOutcomes(org, collaborationId),
		createParticipantsRepository(ctx.db).listParticipants(org, collaborationId, { includeRemoved: true })
	]);
	const names = new Map<string, string>(participants.map((p) => [`participant:${p.id}`, p.displayName]));
	const userIds = parties.flatMap((p) => (p.kind === 'professional' && p.userId ? [p.userId] : []));
	const staffNames = await createStaffRepository(ctx.db).findStaffNames(org, userIds);
	for (const userId of new Set(userIds)) names.set(`professional:${userId}`, staffDisplayName(staffNames.get(userId), locale));
	const seriesOrder = [...participants.map((p) => `participant:${p.id}`), `professional:${staff.userId}`, ...names.keys()];
	const labels = await loadInstrumentLabels(ctx.db, org, new Set(ratings.map((r) => r.instrumentKey)), locale);
	const trends = buildCollaborationTrend({
		conversations,
		parties,
		ratings,
		itemOrder: new Map(labels.map((l) => [l.key, l.items.map((i) => i.key)])),
		seriesOrder
	});
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'insights.collaboration_viewed',
		target: { type: 'collaboration', id: collaborationId },
		details: { conversations: conversations.length }
	});
	return {
		collaboration: { id: collaboration.id, label: collaboration.label },
		instruments: trends.map((trend) => ({
			key: trend.instrumentKey,
			name: labels.find((l) => l.key === trend.instrumentKey)?.name ?? trend.instrumentKey,
			scale: labels.find((l) => l.key === trend.instrumentKey)?.scale ?? null,
			conversations: trend.conversations,
			items: trend.items.map((item) => ({
				key: item.itemKey,
				label: labelOf(labels, trend.instrumentKey, item.itemKey),
				series: item.series.map((s) => ({ ...s, name: names.get(s.key) ?? '' })),
				gaps: item.gaps
			}))
		})),
		agreements: countOutcomes(reviews)
	};
}

export interface CaseloadInsights {
	due: { id: string; label: string; nextDueOn: string | null; dueState: DueState }[];
	openAgreements: { id: string; collaborationId: string; label: string; what: string; dueOn: string }[];
	eyeOpener: (EyeOpenerItem & { label: string })[];
	/** The sentence above the eye-opener's table, as figures that agree with it. */
	eyeOpenerSummary: EyeOpenerSummary | null;
	/** The rule for "always higher": conversations needed and the mean gap, stored units (0–100). */
	eyeOpenerRule: { conversations: number; meanGap: number };
	trend: OwnQuarter[];
	hasRatings: boolean;
}

/** The professional's own comparisons: per closed conversation and item, their rating and their clients'. */
export async function loadOwnComparisons(ctx: AppContext, staff: StaffActor): Promise<OwnComparison[]> {
	const repo = createInsightsRepository(ctx.db);
	const own = await repo.listOwnParties(staff.organisationId, staff.userId);
	const ids = [...new Set(own.map((p) => p.conversationId))];
	const [parties, ratings] = await Promise.all([repo.listParties(staff.organisationId, ids), repo.listRatings(staff.organisationId, ids)]);
	const ownParty = new Map(own.map((p) => [p.partyId, p]));
	const kindOf = new Map(parties.map((p) => [p.id, p.kind]));
	const rows = new Map<string, OwnComparison>();
	for (const rating of ratings) {
		const mine = ownParty.get(rating.partyId);
		if (!mine) continue;
		const key = `${rating.conversationId}:${rating.instrumentKey}:${rating.itemKey}`;
		const { conversationId, instrumentKey, itemKey, value } = rating;
		rows.set(key, { conversationId, endedAt: mine.endedAt, instrumentKey, itemKey, own: value, clients: [] });
	}
	for (const rating of ratings) {
		if (kindOf.get(rating.partyId) !== 'participant') continue;
		rows.get(`${rating.conversationId}:${rating.instrumentKey}:${rating.itemKey}`)?.clients.push(rating.value);
	}
	return [...rows.values()];
}

/**
 * "My caseload", private to the professional: conversations due and overdue, open agreements,
 * the eye-opener (items where they rate systematically above their clients) and their trend.
 */
export async function getCaseloadInsights({
	ctx,
	actor,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	/** The page's language, for the instruments' labels. */
	locale: StaffLocale;
}): Promise<CaseloadInsights> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'insights.caseload.view' });
	const org = staff.organisationId;
	const today = todayInAmsterdam(ctx.clock.now());
	const [collaborations, openAgreements, comparisons] = await Promise.all([
		createCollaborationsRepository(ctx.db).listForProfessional(org, staff.userId),
		createInsightsRepository(ctx.db).listOpenAgreements(org, staff.userId),
		loadOwnComparisons(ctx, staff)
	]);
	const due = collaborations
		.map((c) => ({ ...c, dueState: dueState(c, today) }))
		.filter((c) => c.dueState === 'due' || c.dueState === 'overdue')
		.sort(compareForList)
		.map(({ id, label, nextDueOn, dueState: state }) => ({ id, label, nextDueOn, dueState: state }));
	const labels = await loadInstrumentLabels(ctx.db, org, new Set(comparisons.map((c) => c.instrumentKey)), locale);
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'insights.caseload_viewed',
		details: { collaborations: collaborations.length, comparisons: comparisons.length }
	});
	const eyeOpener = buildEyeOpener(comparisons).map((item) => ({ ...item, label: labelOf(labels, item.instrumentKey, item.itemKey) }));
	return {
		due,
		openAgreements,
		eyeOpener,
		eyeOpenerSummary: summariseEyeOpener(eyeOpener, countComparedConversations(comparisons)),
		eyeOpenerRule: { conversations: EYE_OPENER.minConversations, meanGap: EYE_OPENER.minMeanGap },
		trend: buildOwnTrend(comparisons),
		hasRatings: comparisons.length > 0
	};
}
