import type { Kysely } from 'kysely';
import type { Database, TrajectoryClientConsent, TrajectoryPerspective } from '../db/schema.ts';

export interface InstrumentAnswerRecord {
	id: string;
	momentId: string;
	participantId: string;
	perspective: TrajectoryPerspective;
	instrumentId: string;
	/** Null while a client's link waits for an answer. */
	values: Record<string, number> | null;
	/** Answers in words (free text, a nominal choice's code; issue 14); empty when there are none. */
	texts: Record<string, string>;
	answeredAt: string | null;
	/** A client's answer to the consent step; null until given (and always for a participant's own row). */
	clientConsent: TrajectoryClientConsent | null;
}

const COLUMNS = [
	'id',
	'momentId',
	'participantId',
	'perspective',
	'instrumentId',
	'valuesJson',
	'textValuesJson',
	'answeredAt',
	'clientConsent'
] as const;

function toRecord(row: Pick<Database['trajectoryInstrumentAnswers'], (typeof COLUMNS)[number]>): InstrumentAnswerRecord {
	const { valuesJson, textValuesJson, ...rest } = row;
	return {
		...rest,
		values: valuesJson === null ? null : (JSON.parse(valuesJson) as Record<string, number>),
		texts: textValuesJson === null ? {} : (JSON.parse(textValuesJson) as Record<string, string>)
	};
}

/** Answers in words as stored: null when there are none. */
const textsJson = (texts: Readonly<Record<string, string>> | undefined) =>
	texts && Object.keys(texts).length > 0 ? JSON.stringify(texts) : null;

/** One person's answers: the values on the line, and the answers in words. */
export interface Answers {
	values: Record<string, number>;
	texts: Record<string, string>;
}

/** A moment's instrument ratings: a participant's own, and their client's through a personal link. */
export function createTrajectoryInstrumentsRepository(db: Kysely<Database>) {
	return {
		async listOfParticipants(
			organisationId: string,
			trajectoryId: string,
			participantIds: readonly string[]
		): Promise<InstrumentAnswerRecord[]> {
			if (participantIds.length === 0) return [];
			const rows = await db
				.selectFrom('trajectoryInstrumentAnswers')
				.select(COLUMNS)
				.where('organisationId', '=', organisationId)
				.where('trajectoryId', '=', trajectoryId)
				.where('participantId', 'in', [...participantIds])
				.execute();
			return rows.map(toRecord);
		},

		async countOfMoment(organisationId: string, momentId: string): Promise<number> {
			const row = await db
				.selectFrom('trajectoryInstrumentAnswers')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.where('organisationId', '=', organisationId)
				.where('momentId', '=', momentId)
				.executeTakeFirstOrThrow();
			return Number(row.count);
		},

		async findByLinkHash(linkTokenHash: string) {
			const row = await db
				.selectFrom('trajectoryInstrumentAnswers')
				.select([...COLUMNS, 'organisationId', 'trajectoryId'])
				.where('linkTokenHash', '=', linkTokenHash)
				.executeTakeFirst();
			return row && { ...toRecord(row), organisationId: row.organisationId, trajectoryId: row.trajectoryId };
		},

		async insert(input: {
			id: string;
			organisationId: string;
			trajectoryId: string;
			momentId: string;
			participantId: string;
			perspective: TrajectoryPerspective;
			instrumentId: string;
			values: Record<string, number> | null;
			texts?: Record<string, string>;
			linkTokenHash: string | null;
			now: string;
		}): Promise<void> {
			const { values, texts, now, ...rest } = input;
			await db
				.insertInto('trajectoryInstrumentAnswers')
				.values({
					...rest,
					valuesJson: values && JSON.stringify(values),
					textValuesJson: textsJson(texts),
					createdAt: now,
					answeredAt: values ? now : null
				})
				.execute();
		},

		async setValues(organisationId: string, id: string, answers: Answers, now: string): Promise<void> {
			await db
				.updateTable('trajectoryInstrumentAnswers')
				.set({ valuesJson: JSON.stringify(answers.values), textValuesJson: textsJson(answers.texts), answeredAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', id)
				.execute();
		},

		/**
		 * A client's answer, once and only after their consent: only a row that has consent and no
		 * answer yet is written (a conditional update, so of two submits at the same moment exactly
		 * one wins). False when nothing was written.
		 */
		async answerOnce(organisationId: string, id: string, answers: Answers, now: string): Promise<boolean> {
			const result = await db
				.updateTable('trajectoryInstrumentAnswers')
				.set({ valuesJson: JSON.stringify(answers.values), textValuesJson: textsJson(answers.texts), answeredAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', id)
				.where('valuesJson', 'is', null)
				.where('clientConsent', '=', 'given')
				.executeTakeFirst();
			return Number(result.numUpdatedRows) === 1;
		},

		/**
		 * The client's answer to the consent step, with the time. Only before they answered the
		 * questions: afterwards there is nothing left to decide. False when nothing was written.
		 */
		async setClientConsent(organisationId: string, id: string, consent: TrajectoryClientConsent, now: string): Promise<boolean> {
			const result = await db
				.updateTable('trajectoryInstrumentAnswers')
				.set({ clientConsent: consent, clientConsentAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', id)
				.where('perspective', '=', 'client')
				.where('valuesJson', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) === 1;
		},

		/**
		 * A new link replaces a client's unanswered one; the old address stops working. The new link
		 * may reach another person, so its consent is asked again.
		 */
		async replaceLink(organisationId: string, id: string, linkTokenHash: string, instrumentId: string): Promise<void> {
			await db
				.updateTable('trajectoryInstrumentAnswers')
				.set({ linkTokenHash, instrumentId, clientConsent: null, clientConsentAt: null })
				.where('organisationId', '=', organisationId)
				.where('id', '=', id)
				.where('valuesJson', 'is', null)
				.execute();
		}
	};
}
