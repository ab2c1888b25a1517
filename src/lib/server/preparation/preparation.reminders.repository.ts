import type { Kysely } from 'kysely';
import type { Database } from '#lib/server/db/schema.ts';

/** A participant to remind of their preparation: the conversation, their party and its date. */
export interface RemindableParty {
	organisationId: string;
	conversationId: string;
	partyId: string;
	scheduledOn: string;
}

/**
 * The preparation reminders' query (preparation.reminders.ts), over every organisation. Spread into
 * createPreparationRepository, so callers keep one repository.
 */
export function createPreparationRemindersRepository(db: Kysely<Database>) {
	return {
		/**
		 * Over every organisation: participants with an e-mail address who have not opened a
		 * preparation link of a learning conversation still in preparation, planned between `from`
		 * and `to` (calendar dates, inclusive) and planned before `plannedBefore` (a timestamp).
		 * Only who still takes part in an open collaboration, as every participant mail (decision 005).
		 */
		async listRemindable(input: { from: string; to: string; plannedBefore: string }): Promise<RemindableParty[]> {
			return db
				.selectFrom('conversations as c')
				.innerJoin('conversationParties as cp', (j) =>
					j.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.conversationId', '=', 'c.id')
				)
				.innerJoin('participants as p', (j) => j.onRef('p.organisationId', '=', 'cp.organisationId').onRef('p.id', '=', 'cp.participantId'))
				.select(['c.organisationId', 'c.id as conversationId', 'cp.id as partyId', 'c.scheduledOn'])
				.where('c.method', '=', 'learningConversation')
				.where('c.phase', '=', 'preparation')
				.where('c.scheduledOn', '>=', input.from)
				.where('c.scheduledOn', '<=', input.to)
				.where('c.startedAt', '<', input.plannedBefore)
				.where('cp.kind', '=', 'participant')
				.where('p.removedAt', 'is', null)
				.where('p.email', 'is not', null)
				.where(({ exists, selectFrom }) =>
					exists(
						selectFrom('collaborations as co')
							.select('co.id')
							.whereRef('co.organisationId', '=', 'c.organisationId')
							.whereRef('co.id', '=', 'c.collaborationId')
							.where('co.status', '=', 'open')
					)
				)
				.where(({ not, exists, selectFrom }) =>
					not(
						exists(
							selectFrom('participantLinks as l')
								.select('l.id')
								.whereRef('l.organisationId', '=', 'cp.organisationId')
								.whereRef('l.partyId', '=', 'cp.id')
								.where('l.purpose', '=', 'preparation')
								.where('l.claimedAt', 'is not', null)
						)
					)
				)
				.orderBy('c.scheduledOn')
				.orderBy('cp.id')
				.execute() as Promise<RemindableParty[]>;
		}
	};
}
