import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { toCsv } from '../shared/csv.ts';
import { caseloadCsvRows, type CaseloadRating } from './insights.export.ts';
import { labelOf, loadInstrumentLabels } from './insights.labels.ts';
import { createInsightsRepository } from './insights.repository.ts';

/**
 * A professional's own collaborations as CSV: every rating of their closed conversations, under
 * the collaboration's pseudonymous label, participants numbered (never named), no notes or
 * other free text. Nothing to export is a clear answer, not an empty file. Worded in `locale`, the
 * language of the request (not the professional's stored one).
 */
export async function exportCaseloadCsv({
	ctx,
	actor,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	locale: StaffLocale;
}): Promise<{ fileName: string; csv: string }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'insights.caseload.view' });
	const org = staff.organisationId;
	const repo = createInsightsRepository(ctx.db);
	const conversations = await repo.listOwnConversations(org, staff.userId);
	const ids = conversations.map((c) => c.conversationId);
	const [parties, ratings] = await Promise.all([repo.listParties(org, ids), repo.listRatings(org, ids)]);
	if (ratings.length === 0) throw domainError('insights.nothing_to_export');
	const labels = await loadInstrumentLabels(ctx.db, org, new Set(ratings.map((r) => r.instrumentKey)), locale);

	// Participants numbered per collaboration in the collaboration's own order (adults first, then by name).
	const numbers = new Map<string, number>();
	const audiences = new Map<string, string>();
	for (const collaborationId of new Set(conversations.map((c) => c.collaborationId))) {
		const participants = await createParticipantsRepository(ctx.db).listParticipants(org, collaborationId, { includeRemoved: true });
		participants.forEach((p, i) => {
			numbers.set(p.id, i + 1);
			audiences.set(p.id, p.audience);
		});
	}
	const partyById = new Map(parties.map((p) => [p.id, p]));
	const byConversation = Map.groupBy(ratings, (r) => r.conversationId);
	const rows: CaseloadRating[] = [];
	for (const conversation of conversations) {
		for (const rating of byConversation.get(conversation.conversationId) ?? []) {
			const party = partyById.get(rating.partyId);
			const scale = labels.find((l) => l.key === rating.instrumentKey)?.scale;
			if (!party || !scale) continue;
			rows.push({
				label: conversation.label,
				endedOn: todayInAmsterdam(new Date(conversation.endedAt)),
				instrument: labels.find((l) => l.key === rating.instrumentKey)?.name ?? rating.instrumentKey,
				item: labelOf(labels, rating.instrumentKey, rating.itemKey),
				party:
					party.kind === 'participant'
						? {
								kind: 'participant',
								number: numbers.get(party.participantId ?? '') ?? 0,
								audience: audiences.get(party.participantId ?? '') ?? 'adult'
							}
						: { kind: 'professional', own: party.userId === staff.userId },
				value: rating.value,
				scale,
				paperFilledOn: party.paperFilledOn ?? null
			});
		}
	}
	await recordAudit(ctx.db, ctx.clock, { actor, action: 'insights.caseload_exported', details: { ratings: rows.length } });
	return { fileName: `tweespraak-${todayInAmsterdam(ctx.clock.now())}.csv`, csv: toCsv(caseloadCsvRows(rows, locale)) };
}
