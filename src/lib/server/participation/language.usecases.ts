import type { ClientLocale } from '#lib/locales.ts';
import { requireOwnOutcome, requireParty, type PartyAccess } from '#lib/server/access/party-doors.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { findClientLocales } from '#lib/server/organisations/organisations.repository.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';

/**
 * A participant reads the client pages in their own language (docs/decisions/021): the
 * professional sets it, and the participant may change it on their own screen, to any language
 * their organisation offers.
 */

/** The languages a participant's device may choose from; null for anyone else (staff choose Dutch or English). */
export async function getParticipantLanguages({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<ClientLocale[] | null> {
	if (actor.type !== 'participant' && actor.type !== 'outcomeReader') return null;
	return findClientLocales(ctx.db, actor.organisationId);
}

/**
 * The participant's device chooses its language, also while it shows the outcome after the close
 * (decision 010); one the organisation does not offer is refused and nothing changes.
 */
export async function setParticipantLocale({ ctx, actor, locale }: { ctx: AppContext; actor: Actor; locale: ClientLocale }): Promise<void> {
	let party: { organisationId: string; partyId: string; logAccess?: PartyAccess['logAccess'] };
	if (actor.type === 'participant')
		party = await requireParty({ db: ctx.db, actor, conversationId: actor.conversationId, purpose: 'change' });
	else if (actor.type === 'outcomeReader') party = await requireOwnOutcome({ db: ctx.db, actor });
	else throw domainError('not_found');
	if (!(await findClientLocales(ctx.db, party.organisationId)).includes(locale)) throw domainError('collaboration.locale_not_offered');
	await ctx.db.transaction().execute(async (trx) => {
		await createParticipantsRepository(trx).setLocale(party.organisationId, actor.participantId, locale);
		await party.logAccess?.(trx);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'participation.locale_changed',
			target: { type: 'conversationParty', id: party.partyId },
			details: { locale }
		});
	});
}
