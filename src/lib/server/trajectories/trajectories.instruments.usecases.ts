import { requireAccess, requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { requireTrajectoryParticipant, type TrajectoryParticipation } from '../access/party-doors.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Kysely } from 'kysely';
import type { ClientLocale, Database, TrajectoryPerspective } from '../db/schema.ts';
import { localize } from '../instruments/instruments.models.ts';
import { createInstrumentsRepository, type StoredInstrument } from '../instruments/instruments.repository.ts';
import { findPublishedInstrument } from '../instruments/instruments.usecases.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { hashToken, newId, newSecretToken } from '../shared/tokens.ts';
import { cleanAnswers, renderMomentInstrument } from './trajectories.instruments.models.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { momentState } from './trajectories.models.ts';
import { refusalOfClientLink, refusalToFillMoment } from './trajectories.policy.ts';
import type { MomentInstrumentsInput } from './trajectories.schemas.ts';
import { lockMomentToFill } from './trajectories.participant.usecases.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';

// The client's side of their personal link lives in a module of its own; its usecases are used by this name too.
export {
	answerClientConsent,
	getClientLinkForm,
	submitClientRatings,
	type ClientLinkStatus
} from './trajectories.instruments.client-link.usecases.ts';

/**
 * Instruments in trajectory moments (issue 14; decision 019): the coordinator names one for a
 * moment (a built-in or one the organisation imported), each participant rates its items for
 * themselves, and may send one client a personal link to rate the same items from their side (what
 * the client does with it: trajectories.instruments.client-link.usecases.ts).
 */

type Input<T = object> = { ctx: AppContext; actor: Actor; trajectoryId: string } & T;

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

/** The newest version of every instrument the organisation may use, by key, with its name. */
export async function listInstrumentChoices(ctx: Pick<AppContext, 'db'>, organisationId: string) {
	const all = await createInstrumentsRepository(ctx.db).listForOrganisation(organisationId);
	const newest = all.filter((instrument, index) => all.findIndex((other) => other.key === instrument.key) === index);
	return newest.map((instrument) => ({ key: instrument.key, name: instrument.content.name, items: instrument.content.items.length }));
}

/**
 * The coordinator names the instrument of each moment, or none (''). Once anyone has rated a
 * moment's instrument or a client link was made for it, it stays: the answers keep their meaning.
 * Each choice names its moment by id; a moment no choice names keeps its instrument, and an id that
 * is not one of this trajectory's moments (removed meanwhile, or made up) is refused. A choice
 * that says what the form showed (`shownKey`) does not undo a colleague's choice made since: left
 * as shown it keeps theirs, changed too it is refused as changed meanwhile. Like the other settings
 * saves it first locks the trajectory, so two at the same moment run one after the other. All or nothing.
 */
export async function setMomentInstruments({ ctx, actor, trajectoryId, choices }: Input<{ choices: MomentInstrumentsInput }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const { organisationId } = staff;
	const known = new Set((await listInstrumentChoices(ctx, organisationId)).map((choice) => choice.key));
	if (choices.some((choice) => choice.instrumentKey !== '' && !known.has(choice.instrumentKey)))
		throw domainError('trajectory.unknown_instrument');
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		// Two saves of this trajectory's settings run one after the other: this one reads what the other stored.
		await repo.lockTrajectory(organisationId, trajectoryId);
		const changed: { momentId: string; instrumentKey: string | null }[] = [];
		const moments = await repo.listMoments(organisationId, trajectoryId);
		const named = choices.map((choice) => choice.momentId);
		if (new Set(named).size !== named.length || named.some((id) => !moments.some((moment) => moment.id === id))) {
			throw domainError('trajectory.changed_meanwhile');
		}
		for (const moment of moments) {
			// A moment the choices leave out keeps its instrument (momentInstrumentsSchema).
			const choice = choices.find((candidate) => candidate.momentId === moment.id);
			const stored = moment.instrumentKey ?? '';
			if (choice === undefined || stored === choice.instrumentKey) continue;
			// A colleague chose another instrument since the form was loaded: a row left as the form
			// showed it keeps theirs; a row changed on both is refused rather than saved over theirs.
			if (choice.shownKey !== undefined && choice.shownKey !== stored) {
				if (choice.instrumentKey === choice.shownKey) continue;
				throw domainError('trajectory.changed_meanwhile');
			}
			if ((await createTrajectoryInstrumentsRepository(trx).countOfMoment(organisationId, moment.id)) > 0) {
				throw domainError('trajectory.instrument_locked');
			}
			changed.push({ momentId: moment.id, instrumentKey: choice.instrumentKey === '' ? null : choice.instrumentKey });
		}
		for (const { momentId, instrumentKey } of changed) await repo.setMomentInstrument(organisationId, momentId, instrumentKey);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.moment_instruments_set',
			target: target(trajectoryId),
			details: { changed: changed.length }
		});
	});
}

/**
 * For the settings page: the instruments to choose from (names in the coordinator's language) and
 * the moments whose instrument can no longer change (someone rated it, or a client link was made).
 */
export async function getMomentInstrumentSettings({ ctx, actor, trajectoryId, locale }: Input<{ locale: ClientLocale }>) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const moments = await createTrajectoriesRepository(ctx.db).listMoments(staff.organisationId, trajectoryId);
	const answers = createTrajectoryInstrumentsRepository(ctx.db);
	const locked: string[] = [];
	for (const moment of moments) if ((await answers.countOfMoment(staff.organisationId, moment.id)) > 0) locked.push(moment.id);
	const choices = await listInstrumentChoices(ctx, staff.organisationId);
	return {
		choices: choices.map((choice) => ({ key: choice.key, name: localize(choice.name, locale).text, items: choice.items })),
		lockedMomentIds: locked
	};
}

/** The instrument a participant's answer is given with: the version of an earlier row, else the newest. */
async function instrumentFor(ctx: AppContext, organisationId: string, key: string, instrumentId?: string): Promise<StoredInstrument> {
	const instrument = instrumentId
		? await findPublishedInstrument(ctx, { organisationId, instrumentId })
		: await createInstrumentsRepository(ctx.db).findLatestForOrganisation(organisationId, key);
	if (!instrument) throw domainError('trajectory.no_instrument');
	return instrument;
}

async function loadMyMoment(ctx: AppContext, me: TrajectoryParticipation, momentId: string) {
	const repo = createTrajectoriesRepository(ctx.db);
	const [moment, self] = await Promise.all([
		repo.findMoment(me.organisationId, me.trajectoryId, momentId),
		repo.findParticipant(me.organisationId, me.trajectoryId, me.participantId)
	]);
	if (!moment || !self) throw domainError('not_found');
	const today = todayInAmsterdam(ctx.clock.now());
	const state = momentState(moment, today);
	const refusal = refusalToFillMoment({ state, stoppedOn: self.stoppedOn, today });
	// My client is asked nothing once I said no to the report, though I may still fill in my own.
	const clientRefusal = refusalOfClientLink({ consent: self.consent, state, stoppedOn: self.stoppedOn, today });
	const rows = (
		await createTrajectoryInstrumentsRepository(ctx.db).listOfParticipants(me.organisationId, me.trajectoryId, [me.participantId])
	).filter((row) => row.momentId === momentId);
	const row = (perspective: TrajectoryPerspective) => rows.find((r) => r.perspective === perspective);
	return { moment, refusal, clientRefusal, own: row('professional'), client: row('client') };
}

/** Where my client's link stands: none made, waiting, answered, or the client said no on its consent step. */
function clientState(client: { values: Record<string, number> | null; clientConsent: string | null } | undefined) {
	if (!client) return 'none' as const;
	if (client.values) return 'answered' as const;
	return client.clientConsent === 'declined' ? ('declined' as const) : ('waiting' as const);
}

/** The instrument part of my moment page: the items in my words, my ratings, and my client's link state. */
export async function getMyMomentInstrument({
	ctx,
	actor,
	trajectoryId,
	momentId,
	locale
}: Input<{ momentId: string; locale: ClientLocale }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const { moment, refusal, clientRefusal, own, client } = await loadMyMoment(ctx, me, momentId);
	if (!moment.instrumentKey) return null;
	const instrument = await instrumentFor(ctx, me.organisationId, moment.instrumentKey, own?.instrumentId);
	return {
		...renderMomentInstrument(instrument.content, 'professional', locale),
		/** The moment's instrument, which the page's forms send back (requireShownInstrument). */
		key: moment.instrumentKey,
		values: own?.values ?? null,
		/** My answers in words (free text, a nominal choice's code), shown only to me. */
		texts: own?.texts ?? {},
		client: clientState(client),
		refusal,
		/** Why no link for my client can be made now: `refusal`, or that I said no to the report. */
		clientRefusal
	} as const;
}

/**
 * Inside an answer's or a link's transaction: takes the trajectory's lock, the one an instrument
 * change takes first (setMomentInstruments), and refuses as changed meanwhile when the moment no
 * longer names the instrument the answer was read with. Without it a change that committed after
 * the moment was read (it counted no answers yet) left answers, or a client's link, on an
 * instrument the moment no longer has, and the report counted them on the new one's scale.
 */
async function requireInstrumentUnchanged(trx: Kysely<Database>, me: TrajectoryParticipation, momentId: string, instrumentKey: string) {
	const repo = createTrajectoriesRepository(trx);
	await repo.lockTrajectory(me.organisationId, me.trajectoryId);
	const moment = await repo.findMoment(me.organisationId, me.trajectoryId, momentId);
	requireSameInstrument(moment, instrumentKey);
}

function requireSameInstrument(moment: { instrumentKey: string | null } | undefined, instrumentKey: string) {
	if (moment?.instrumentKey !== instrumentKey) throw domainError('trajectory.changed_meanwhile');
}

/**
 * The page's form says which instrument it showed (`shown.instrumentKey`): when a colleague
 * changed the moment's instrument since, what was answered or asked for is refused as changed
 * meanwhile rather than taken for the new one. A post without it (a page from before) is not checked.
 */
function requireShownInstrument(moment: { instrumentKey: string | null }, shownInstrumentKey: string | undefined) {
	if (shownInstrumentKey !== undefined && shownInstrumentKey !== (moment.instrumentKey ?? '')) {
		throw domainError('trajectory.changed_meanwhile');
	}
}

/** A new row of mine for a moment: my own ratings, or my client's. */
function rowOf(me: TrajectoryParticipation, momentId: string, perspective: TrajectoryPerspective, instrumentId: string) {
	const { organisationId, trajectoryId, participantId } = me;
	return { id: newId(), organisationId, trajectoryId, momentId, participantId, perspective, instrumentId };
}

/** My own ratings of the moment's instrument, while the moment is open; I can correct them until it closes. */
export async function submitMyInstrumentRatings({
	ctx,
	actor,
	trajectoryId,
	momentId,
	values,
	texts = {},
	shownInstrumentKey
}: Input<{
	momentId: string;
	values: Record<string, number | string>;
	texts?: Record<string, string>;
	/** The instrument the form showed (requireShownInstrument). */
	shownInstrumentKey?: string;
}>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const { moment, refusal, own } = await loadMyMoment(ctx, me, momentId);
	if (refusal) throw domainError(refusal);
	requireShownInstrument(moment, shownInstrumentKey);
	if (!moment.instrumentKey) throw domainError('trajectory.no_instrument');
	const instrument = await instrumentFor(ctx, me.organisationId, moment.instrumentKey, own?.instrumentId);
	const answers = cleanAnswers(instrument.content, values, texts);
	if (answers.problem) throw domainError(answers.problem);
	const now = ctx.clock.now().toISOString();
	await ctx.db.transaction().execute(async (trx) => {
		// The moment still open and I not stopped, read again under the trajectory's lock (lockMomentToFill), and its instrument unchanged.
		requireSameInstrument(await lockMomentToFill(ctx, trx, me, momentId), instrument.key);
		const repo = createTrajectoryInstrumentsRepository(trx);
		if (own) await repo.setValues(me.organisationId, own.id, answers, now);
		else
			await repo.insert({
				...rowOf(me, momentId, 'professional', instrument.id),
				values: answers.values,
				texts: answers.texts,
				linkTokenHash: null,
				now
			});
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.instrument_rated',
			target: target(trajectoryId),
			details: { participantId: me.participantId, momentId }
		});
	});
}

/**
 * A personal link for one client of mine to rate the moment's instrument. The link is shown once;
 * a new one replaces an unanswered one. Once my client has answered, there is no second link.
 */
export async function createClientLink({
	ctx,
	actor,
	trajectoryId,
	momentId,
	shownInstrumentKey
}: Input<{ momentId: string; shownInstrumentKey?: string }>): Promise<{ token: string }> {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const { moment, clientRefusal, client } = await loadMyMoment(ctx, me, momentId);
	if (clientRefusal) throw domainError(clientRefusal);
	requireShownInstrument(moment, shownInstrumentKey);
	if (!moment.instrumentKey) throw domainError('trajectory.no_instrument');
	if (client?.values) throw domainError('trajectory.client_answered');
	// A client's no is respected: no new link to ask them again (they can still change it on their own link).
	if (client?.clientConsent === 'declined') throw domainError('trajectory.client_declined');
	const instrument = await instrumentFor(ctx, me.organisationId, moment.instrumentKey);
	const token = newSecretToken();
	await ctx.db.transaction().execute(async (trx) => {
		await requireInstrumentUnchanged(trx, me, momentId, instrument.key);
		const repo = createTrajectoryInstrumentsRepository(trx);
		if (client) await repo.replaceLink(me.organisationId, client.id, hashToken(token), instrument.id);
		else
			await repo.insert({
				...rowOf(me, momentId, 'client', instrument.id),
				values: null,
				linkTokenHash: hashToken(token),
				now: ctx.clock.now().toISOString()
			});
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.client_link_created',
			target: target(trajectoryId),
			details: { participantId: me.participantId, momentId }
		});
	});
	return { token };
}
