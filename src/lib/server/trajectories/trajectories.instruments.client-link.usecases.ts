import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Transaction } from 'kysely';
import type { ClientLocale, Database, TrajectoryConsent } from '../db/schema.ts';
import { findPublishedInstrument } from '../instruments/instruments.usecases.ts';
import { effectiveMinGroupSize } from '../insights/insights.policy.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError, type DomainErrorCode } from '../shared/errors.ts';
import { countWrongLink } from '../shared/rate-limit.ts';
import { hashToken, looksLikeSecretToken } from '../shared/tokens.ts';
import { cleanAnswers, renderMomentInstrument } from './trajectories.instruments.models.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { momentLabel, momentState, type CalendarDate } from './trajectories.models.ts';
import { lockMomentAndParticipant } from './trajectories.participant.usecases.ts';
import { refusalOfClientLink } from './trajectories.policy.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';

/**
 * A client's personal link to a trajectory moment's instrument (issue 14; decision 019), from the
 * client's side: what the link opens, the consent step, and the ratings, once. The participant
 * makes the link (createClientLink in trajectories.instruments.usecases.ts); the client has no
 * account, only the link's token.
 */

/**
 * What a client's personal link opens: the instrument in the client's words, or why it cannot be
 * answered. A wrong token counts against the address in the same bucket as the participants'
 * personal links (`link-ip`, decision 012): tokens are 256-bit, so this only slows someone who
 * tries, and a link that exists is never refused by it.
 */
async function openLink(ctx: AppContext, token: string, clientAddress: string) {
	const row = looksLikeSecretToken(token)
		? await createTrajectoryInstrumentsRepository(ctx.db).findByLinkHash(hashToken(token))
		: undefined;
	if (!row) {
		await countWrongLink(ctx, clientAddress);
		throw domainError('not_found');
	}
	const repo = createTrajectoriesRepository(ctx.db);
	const [trajectory, moment, participant] = await Promise.all([
		repo.findTrajectory(row.organisationId, row.trajectoryId),
		repo.findMoment(row.organisationId, row.trajectoryId, row.momentId),
		repo.findParticipant(row.organisationId, row.trajectoryId, row.participantId)
	]);
	if (!trajectory || !moment || !participant) throw domainError('not_found');
	const instrument = await findPublishedInstrument(ctx, { organisationId: row.organisationId, instrumentId: row.instrumentId });
	if (!instrument) throw domainError('not_found');
	return { row, trajectory, moment, instrument, refusal: linkRefusal(participant, moment, todayInAmsterdam(ctx.clock.now())) };
}

/**
 * Why the link cannot take the client's consent or answers now, or null. The link asks about the
 * participant's work: once they said no to the report or stopped, it is closed to the client, and
 * nothing more about them is collected (refusalOfClientLink). A stop closes the link as the end of
 * the moment does: the client is told it is closed, not why.
 */
function linkRefusal(
	participant: { consent: TrajectoryConsent; stoppedOn: CalendarDate | null },
	moment: Parameters<typeof momentState>[0],
	today: CalendarDate
): DomainErrorCode | null {
	const refusal = refusalOfClientLink({
		consent: participant.consent,
		state: momentState(moment, today),
		stoppedOn: participant.stoppedOn,
		today
	});
	return refusal === 'trajectory.participant_stopped' ? 'trajectory.moment_closed' : refusal;
}

/**
 * The participant's "no" or stop, and the moment, read again inside the transaction that writes
 * for the client (lockMomentAndParticipant): a withdrawal, a stop or a closing of the moment that
 * came after the link was opened, or is being saved at this very moment, refuses the write instead
 * of following it.
 */
async function refuseIfClosedSince(
	ctx: AppContext,
	trx: Transaction<Database>,
	row: { organisationId: string; trajectoryId: string; participantId: string; momentId: string }
) {
	const { moment, participant, today } = await lockMomentAndParticipant(ctx, trx, row, row.momentId);
	const refusal = linkRefusal(participant, moment, today);
	if (refusal) throw domainError(refusal);
}

/**
 * Where a client's link stands, in the order the client meets it: answered (thanks), said no (a
 * friendly end), stopped because the participant said no to the report (nothing more is asked, and
 * the client is not told the participant's choice), the moment not open (closed), consent not
 * asked yet (the consent step), or the questions. The questions are only handed out once the
 * client has consented.
 */
export type ClientLinkStatus = 'answered' | 'declined' | 'stopped' | 'closed' | 'consent' | 'open';

function clientLinkStatus(row: { values: unknown; clientConsent: string | null }, refusal: DomainErrorCode | null): ClientLinkStatus {
	if (row.values) return 'answered';
	if (row.clientConsent === 'declined') return 'declined';
	if (refusal === 'trajectory.participant_no_consent') return 'stopped';
	if (refusal) return 'closed';
	return row.clientConsent === 'given' ? 'open' : 'consent';
}

export async function getClientLinkForm({
	ctx,
	token,
	locale,
	clientAddress
}: {
	ctx: AppContext;
	token: string;
	locale: ClientLocale;
	clientAddress: string;
}) {
	const { row, trajectory, moment, instrument, refusal } = await openLink(ctx, token, clientAddress);
	const status = clientLinkStatus(row, refusal);
	const organisation = await createOrganisationsRepository(ctx.db).findById(row.organisationId);
	const { items, ...shown } = renderMomentInstrument(instrument.content, 'adult', locale);
	return {
		trajectoryName: trajectory.name,
		moment: momentLabel(moment.position),
		closesOn: moment.closesOn,
		...shown,
		questions: items.length,
		// Nothing of the questions before the client said yes.
		items: status === 'open' ? items : [],
		minGroupSize: effectiveMinGroupSize(organisation?.minGroupSize),
		/** A client who said no may still change their mind while the moment is open. */
		canReconsider: status === 'declined' && refusal === null,
		status
	};
}

/**
 * The client's answer to the consent step (decision 009), recorded with its time before any
 * question is shown. Yes opens the questions; no ends there, with nothing of theirs stored. Until
 * they answered the questions they may change it, while the moment is open.
 */
export async function answerClientConsent({
	ctx,
	actor,
	token,
	agree,
	clientAddress
}: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	agree: boolean;
	clientAddress: string;
}) {
	const { row, refusal } = await openLink(ctx, token, clientAddress);
	if (row.values) throw domainError('trajectory.client_answered');
	if (refusal) throw domainError(refusal);
	await ctx.db.transaction().execute(async (trx) => {
		await refuseIfClosedSince(ctx, trx, row);
		const consent = agree ? 'given' : 'declined';
		const written = await createTrajectoryInstrumentsRepository(trx).setClientConsent(
			row.organisationId,
			row.id,
			consent,
			ctx.clock.now().toISOString()
		);
		if (!written) throw domainError('trajectory.client_answered');
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: row.organisationId,
			action: agree ? 'trajectory.client_consented' : 'trajectory.client_declined',
			target: { type: 'trajectory', id: row.trajectoryId },
			details: { participantId: row.participantId, momentId: row.momentId }
		});
	});
}

/**
 * The client's ratings, once, after their consent, while the moment is open and the participant has
 * not said no to the report. Nothing about the client but the ratings (and their consent) is kept.
 */
export async function submitClientRatings({
	ctx,
	actor,
	token,
	values,
	texts = {},
	clientAddress
}: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	clientAddress: string;
	values: Record<string, number | string>;
	/** Answers in words by item key (free text, a nominal choice's code). */
	texts?: Record<string, string>;
}) {
	const { row, instrument, refusal } = await openLink(ctx, token, clientAddress);
	if (row.values) throw domainError('trajectory.client_answered');
	if (refusal) throw domainError(refusal);
	if (row.clientConsent !== 'given') throw domainError('trajectory.client_no_consent');
	const answers = cleanAnswers(instrument.content, values, texts);
	if (answers.problem) throw domainError(answers.problem);
	await ctx.db.transaction().execute(async (trx) => {
		await refuseIfClosedSince(ctx, trx, row);
		const written = await createTrajectoryInstrumentsRepository(trx).answerOnce(
			row.organisationId,
			row.id,
			answers,
			ctx.clock.now().toISOString()
		);
		if (!written) {
			// Another submit of the same link won in the meantime (theirs stays), or consent was taken back.
			const now = await createTrajectoryInstrumentsRepository(trx).findByLinkHash(hashToken(token));
			throw domainError(now?.values ? 'trajectory.client_answered' : 'trajectory.client_no_consent');
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: row.organisationId,
			action: 'trajectory.client_rated',
			target: { type: 'trajectory', id: row.trajectoryId },
			details: { participantId: row.participantId, momentId: row.momentId }
		});
	});
}
