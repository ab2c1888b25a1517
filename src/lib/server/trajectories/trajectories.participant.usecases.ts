import { requireTrajectoryParticipant, type TrajectoryParticipation } from '../access/party-doors.ts';
import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { findClientLocales } from '../organisations/organisations.repository.ts';
import type { AuditAction } from '#lib/audit-actions.ts';
import { CLIENT_LOCALES, type ClientLocale } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { createTrajectoryAnswersRepository, type ResponseRecord } from './trajectories.answers.repository.ts';
import {
	cleanAnswers,
	isGoalChanged,
	isSameOrganisation,
	momentLabel,
	momentState,
	nextConsent,
	questionsFor,
	type TemplateQuestion
} from './trajectories.models.ts';
import { canReadBuddyEntry, refusalToFillMoment } from './trajectories.policy.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import type { ResponseFormInput } from './trajectories.schemas.ts';

/**
 * What a participant does in their trajectory: consent and answers per moment (the buddy log and
 * the buddy evaluation: trajectories.buddy.usecases.ts). Every usecase starts from
 * requireTrajectoryParticipant, so a participant reaches only their own participation; their
 * buddy's entries only when shared.
 */

type Input<T = object> = { ctx: AppContext; actor: Actor; trajectoryId: string } & T;

// The buddy log and evaluation live in a module of their own; their usecases are used by this name too.
export { addBuddyEntry, setBuddyEntryShared, submitBuddyEvaluation } from './trajectories.buddy.usecases.ts';

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

function audit(
	ctx: AppContext,
	actor: Actor,
	me: TrajectoryParticipation,
	action: AuditAction,
	details: Record<string, string | number | boolean | null> = {}
) {
	return recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: me.organisationId,
		action,
		target: target(me.trajectoryId),
		details: { participantId: me.participantId, ...details }
	});
}

/** The trajectories I take part in, in any organisation. */
export async function listMyTrajectories({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	if (actor.type !== 'staff' && actor.type !== 'guest') throw domainError('not_found');
	return createTrajectoriesRepository(ctx.db).listParticipationsOfUser(actor.userId);
}

/**
 * The languages a guest (an outside participant of a learning trajectory) may read their
 * trajectory pages in: every client language offered by an organisation whose trajectory they
 * take part in (docs/decisions/021), and Dutch and English as on every staff page; null for anyone
 * else, who reads those pages as staff.
 */
export async function getGuestLanguages({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<ClientLocale[] | null> {
	if (actor.type !== 'guest') return null;
	const organisations = new Set((await listMyTrajectories({ ctx, actor })).map((item) => item.organisationId));
	const offered = new Set<ClientLocale>(['nl', 'en']);
	for (const organisationId of organisations) for (const locale of await findClientLocales(ctx.db, organisationId)) offered.add(locale);
	return CLIENT_LOCALES.filter((locale) => offered.has(locale));
}

/**
 * A guest chooses their language on their pages: one of getGuestLanguages, kept on the account for
 * their trajectories' mails (migration 0036); another is refused and nothing changes.
 */
export async function setGuestLocale({ ctx, actor, locale }: { ctx: AppContext; actor: Actor; locale: ClientLocale }): Promise<void> {
	if (actor.type !== 'guest') throw domainError('not_found');
	const offered = await getGuestLanguages({ ctx, actor });
	if (!offered?.includes(locale)) throw domainError('collaboration.locale_not_offered');
	await createTrajectoriesRepository(ctx.db).setClientLocale(actor.userId, locale);
}

/**
 * The measurement moments open today that I have not filled in yet, in every trajectory I take
 * part in and have not stopped: the start page's "to do". Ids, names and dates only.
 */
export async function listMyOpenMoments({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const today = todayInAmsterdam(ctx.clock.now());
	const open = [];
	for (const { trajectoryId, name } of await listMyTrajectories({ ctx, actor })) {
		const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
		const self = (await createTrajectoriesRepository(ctx.db).listParticipants(me.organisationId, trajectoryId)).find(
			(p) => p.id === me.participantId
		);
		if (!self || self.stoppedOn !== null) continue;
		const moments = await createTrajectoriesRepository(ctx.db).listMoments(me.organisationId, trajectoryId);
		const responses = await createTrajectoryAnswersRepository(ctx.db).listResponses(me.organisationId, trajectoryId, [me.participantId]);
		for (const moment of moments) {
			if (momentState(moment, today) !== 'open' || responses.some((r) => r.momentId === moment.id)) continue;
			open.push({
				trajectoryId,
				trajectoryName: name,
				momentId: moment.id,
				label: momentLabel(moment.position),
				closesOn: moment.closesOn
			});
		}
	}
	return open;
}

/** My page in a trajectory: what it is, my consent, the moments with my answers, my buddy and our log. */
export async function getMyTrajectory({ ctx, actor, trajectoryId }: Input) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const { organisationId } = me;
	const repo = createTrajectoriesRepository(ctx.db);
	const answers = createTrajectoryAnswersRepository(ctx.db);
	const today = todayInAmsterdam(ctx.clock.now());
	const [trajectory, meetings, moments, participants, pairs, responses, evaluations] = await Promise.all([
		repo.findTrajectory(organisationId, trajectoryId),
		repo.listMeetings(organisationId, trajectoryId),
		repo.listMoments(organisationId, trajectoryId),
		repo.listParticipants(organisationId, trajectoryId),
		answers.listPairs(organisationId, trajectoryId),
		answers.listResponses(organisationId, trajectoryId, [me.participantId]),
		answers.listEvaluations(organisationId, trajectoryId, [me.participantId])
	]);
	if (!trajectory) throw domainError('not_found');
	const self = participants.find((p) => p.id === me.participantId)!;
	const pair = pairs.find((p) => p.participantIds.includes(me.participantId)) ?? null;
	const buddy = pair ? participants.find((p) => pair.participantIds.includes(p.id) && p.id !== me.participantId) : undefined;
	const viewer = { participantId: me.participantId, pairId: pair?.id ?? null };
	const entries = pair
		? (await answers.listEntriesOfPair(organisationId, trajectoryId, pair.id)).filter((entry) => canReadBuddyEntry(viewer, entry))
		: [];
	await audit(ctx, actor, me, 'trajectory.participant_viewed');
	return {
		trajectory: { id: trajectory.id, name: trajectory.name, description: trajectory.description, consentText: trajectory.consentText },
		meetings,
		me: { participantId: self.id, number: self.number, consent: self.consent, stoppedOn: self.stoppedOn },
		moments: moments.map((moment) => ({
			...moment,
			label: momentLabel(moment.position),
			state: momentState(moment, today),
			delivered: responses.some((r) => r.momentId === moment.id),
			refusal: refusalToFillMoment({ state: momentState(moment, today), stoppedOn: self.stoppedOn, today })
		})),
		buddy: buddy
			? { name: buddy.name ?? buddy.email, organisationName: buddy.organisationName, sameOrganisation: isSameOrganisation(self, buddy) }
			: null,
		entries: entries.map((entry) => ({ ...entry, mine: entry.authorId === me.participantId })),
		evaluation: evaluations[0] ?? null,
		today
	};
}

/** Agree, decline, or withdraw a "yes": withdrawing takes everything of mine out of the next report. */
export async function setMyConsent({ ctx, actor, trajectoryId, agree }: Input<{ agree: boolean }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		const self = await repo.findParticipant(me.organisationId, trajectoryId, me.participantId);
		if (!self) throw domainError('not_found');
		const consent = nextConsent(self.consent, agree);
		await repo.setConsent(me.organisationId, me.participantId, consent, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.consent_changed',
			target: target(trajectoryId),
			details: { participantId: me.participantId, consent }
		});
	});
}

async function loadMomentContext(ctx: AppContext, me: TrajectoryParticipation, momentId: string) {
	const repo = createTrajectoriesRepository(ctx.db);
	const [trajectory, moment, moments, self] = await Promise.all([
		repo.findTrajectory(me.organisationId, me.trajectoryId),
		repo.findMoment(me.organisationId, me.trajectoryId, momentId),
		repo.listMoments(me.organisationId, me.trajectoryId),
		repo.findParticipant(me.organisationId, me.trajectoryId, me.participantId)
	]);
	if (!trajectory || !moment || !self) throw domainError('not_found');
	const responses = await createTrajectoryAnswersRepository(ctx.db).listResponses(me.organisationId, me.trajectoryId, [me.participantId]);
	const today = todayInAmsterdam(ctx.clock.now());
	return {
		trajectory,
		moment,
		self,
		today,
		own: responses.find((r) => r.momentId === momentId),
		previousGoal: previousGoal(moments, responses, moment.position)
	};
}

/**
 * Inside a transaction that writes answers for a participant's moment (their own, or their
 * client's through their link): the moment and the participant's consent and stop, read again
 * there. The page's reads came before the transaction, so a decision on them missed a stop or a
 * no the coordinator or the participant saved in between, or a moment closed by a change of its
 * dates. The trajectory is locked first, as every change of its moments locks it (saveMoments),
 * and the participant's row locked for share on PostgreSQL (lockParticipantConsent): a change
 * being saved at this moment is waited for and then read. SQLite has one writer: its transaction
 * sees the latest.
 */
export async function lockMomentAndParticipant(
	ctx: AppContext,
	trx: Kysely<Database>,
	ids: { organisationId: string; trajectoryId: string; participantId: string },
	momentId: string
) {
	const repo = createTrajectoriesRepository(trx);
	await repo.lockTrajectory(ids.organisationId, ids.trajectoryId);
	const moment = await repo.findMoment(ids.organisationId, ids.trajectoryId, momentId);
	const participant = await repo.lockParticipantConsent(ids.organisationId, ids.participantId, ctx.database.dialect);
	if (!moment || !participant) throw domainError('not_found');
	return { moment, participant, today: todayInAmsterdam(ctx.clock.now()) };
}

/**
 * My own answers for a moment (my response, my instrument ratings): refused as refusalToFillMoment
 * decides on the moment and my stop as they are now (lockMomentAndParticipant). Returns the moment.
 */
export async function lockMomentToFill(ctx: AppContext, trx: Kysely<Database>, me: TrajectoryParticipation, momentId: string) {
	const { moment, participant, today } = await lockMomentAndParticipant(ctx, trx, me, momentId);
	const refusal = refusalToFillMoment({ state: momentState(moment, today), stoppedOn: participant.stoppedOn, today });
	if (refusal) throw domainError(refusal);
	return moment;
}

/** The goal I gave at the latest earlier moment I filled in. */
function previousGoal(
	moments: readonly { id: string; position: number }[],
	responses: readonly ResponseRecord[],
	position: number
): string | null {
	const earlier = moments.filter((moment) => moment.position < position).sort((a, b) => b.position - a.position);
	for (const moment of earlier) {
		const response = responses.find((r) => r.momentId === moment.id);
		if (response) return response.learningGoal;
	}
	return null;
}

/** The form for one moment: its questions, my earlier goal, and what I filled in so far. */
/**
 * The seed's questions (defaultTemplate) in the reader's language while they still have the seed's
 * words in Dutch or English, as a built-in instrument's text is (decision 021): a guest reading
 * Arabic reads them in Arabic. A question in the coordinator's own words stays as written.
 */
function questionsIn(questions: readonly TemplateQuestion[], locale: ClientLocale): TemplateQuestion[] {
	return questions.map((question) => {
		const message = DEFAULT_QUESTION_MESSAGES[question.key];
		const seedWords = message && (['nl', 'en'] as const).some((source) => message({}, { locale: source }) === question.text);
		return seedWords ? { ...question, text: message({}, { locale }) } : question;
	});
}

const DEFAULT_QUESTION_MESSAGES: Record<string, (inputs: object, options: { locale: ClientLocale }) => string> = {
	applied: m.trajectory_default_question_applied,
	goalReached: m.trajectory_default_question_goal_reached,
	familyChange: m.trajectory_default_question_family_change,
	noticed: m.trajectory_default_question_noticed
};

/** My moment's form, in `locale` (the page's: a guest's client language, or staff's own) where its words are ours. */
export async function getMyMomentForm({
	ctx,
	actor,
	trajectoryId,
	momentId,
	locale = 'nl'
}: Input<{ momentId: string; locale?: ClientLocale }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const { trajectory, moment, self, today, own, previousGoal: goal } = await loadMomentContext(ctx, me, momentId);
	const state = momentState(moment, today);
	await audit(ctx, actor, me, 'trajectory.moment_viewed', { momentId });
	return {
		trajectoryName: trajectory.name,
		moment: { ...moment, label: momentLabel(moment.position), state },
		questions: questionsIn(questionsFor(trajectory.template, moment.position), locale),
		previousGoal: goal,
		response: own ?? null,
		refusal: refusalToFillMoment({ state, stoppedOn: self.stoppedOn, today })
	};
}

/** Filling in (or correcting) my answers while the moment is open. A changed goal needs a reason. */
export async function submitMyMomentResponse({
	ctx,
	actor,
	trajectoryId,
	momentId,
	input
}: Input<{ momentId: string; input: ResponseFormInput }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const { trajectory, moment, self, today, previousGoal: goal } = await loadMomentContext(ctx, me, momentId);
	const refusal = refusalToFillMoment({ state: momentState(moment, today), stoppedOn: self.stoppedOn, today });
	if (refusal) throw domainError(refusal);
	const changed = isGoalChanged(goal, input.learningGoal);
	if (changed && input.goalChangeReason === '') throw domainError('trajectory.goal_reason_required');
	const answers = cleanAnswers(questionsFor(trajectory.template, moment.position), input.answers);
	if (!answers) throw domainError('trajectory.invalid_answer');
	const orNull = (text: string) => (text === '' ? null : text);
	await ctx.db.transaction().execute(async (trx) => {
		await lockMomentToFill(ctx, trx, me, momentId);
		await createTrajectoryAnswersRepository(trx).upsertResponse({
			organisationId: me.organisationId,
			trajectoryId,
			momentId,
			participantId: me.participantId,
			learningGoal: input.learningGoal,
			goalChangeReason: changed ? input.goalChangeReason : null,
			barrierPersonal: orNull(input.barrierPersonal),
			barrierTeam: orNull(input.barrierTeam),
			barrierOrganisation: orNull(input.barrierOrganisation),
			resourcePersonal: orNull(input.resourcePersonal),
			resourceTeam: orNull(input.resourceTeam),
			resourceOrganisation: orNull(input.resourceOrganisation),
			answers,
			explanation: orNull(input.explanation),
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.moment_answered',
			target: target(trajectoryId),
			details: { participantId: me.participantId, momentId, goalChanged: changed }
		});
	});
}
