import type { StaffLocale } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import { requireAccess, requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Database, Locale } from '../db/schema.ts';
import type { Transaction } from 'kysely';
import { findOpenInvitationsByIds } from '../invitations/invitations.usecases.ts';
import { findClientLocales } from '../organisations/organisations.repository.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createTrajectoryAnswersRepository } from './trajectories.answers.repository.ts';
import {
	answeredQuestionKeys,
	areMomentsInOrder,
	BUILTIN_FUNCTIONS,
	changedMoments,
	changedTemplate,
	defaultTemplate,
	MAX_QUESTIONS,
	momentLabel,
	momentState,
	type Template,
	type TemplateChange
} from './trajectories.models.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { canChangeConsentText } from './trajectories.policy.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import { MOMENT_ROWS, type CreateTrajectoryInput, type MomentsInput, type TrajectoryDetailsInput } from './trajectories.schemas.ts';

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

type Input<T = object> = { ctx: AppContext; actor: Actor } & T;

function defaultTemplateIn(locale: Locale): Template {
	return defaultTemplate({
		applied: m.trajectory_default_question_applied({}, { locale }),
		goalReached: m.trajectory_default_question_goal_reached({}, { locale }),
		familyChange: m.trajectory_default_question_family_change({}, { locale }),
		noticed: m.trajectory_default_question_noticed({}, { locale })
	});
}

/** What the new-trajectory form starts with: the seed's consent statement, in `locale` (the page's language). */
export async function getNewTrajectoryDefaults({ ctx, actor, locale }: Input<{ locale: StaffLocale }>) {
	await requireAccess({ db: ctx.db, actor, permission: 'trajectory.create' });
	return { consentText: m.trajectory_default_consent({}, { locale }) };
}

export async function createTrajectory({ ctx, actor, input }: Input<{ input: CreateTrajectoryInput }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.create' });
	if (input.moments.length === 0 || !areMomentsInOrder(input.moments)) throw domainError('trajectory.moments_out_of_order');
	const trajectoryId = newId();
	const now = ctx.clock.now().toISOString();
	const { organisationId } = staff;
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		await repo.insertTrajectory({
			id: trajectoryId,
			organisationId,
			name: input.name,
			description: input.description,
			consentText: input.consentText,
			template: defaultTemplateIn(staff.locale),
			createdBy: staff.userId,
			now
		});
		await repo.saveMeetings(
			organisationId,
			trajectoryId,
			input.meetings.map((meeting) => ({ ...meeting, id: newId() }))
		);
		await repo.insertFunctions(
			organisationId,
			trajectoryId,
			BUILTIN_FUNCTIONS.map((builtin) => ({ id: newId(), builtin, name: null })),
			now
		);
		for (const [index, moment] of input.moments.entries()) {
			await repo.insertMoment({ id: newId(), organisationId, trajectoryId, position: index + 1, ...moment });
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.created',
			target: target(trajectoryId),
			details: { meetings: input.meetings.length, moments: input.moments.length }
		});
	});
	return { trajectoryId };
}

export async function listTrajectories({ ctx, actor }: Input) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.list' });
	return createTrajectoriesRepository(ctx.db).listTrajectories(staff.organisationId);
}

/** The coordinator's view: details, meetings (with how many attended), moments, template, participants, functions and pairs. */
export async function getTrajectoryForCoordinator({ ctx, actor, trajectoryId }: Input<{ trajectoryId: string }>) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const repo = createTrajectoriesRepository(ctx.db);
	const trajectory = await repo.findTrajectory(staff.organisationId, trajectoryId);
	if (!trajectory) throw domainError('not_found');
	const today = todayInAmsterdam(ctx.clock.now());
	const [meetings, moments, participants, pairs, functions] = await Promise.all([
		repo.listMeetings(staff.organisationId, trajectoryId),
		repo.listMoments(staff.organisationId, trajectoryId),
		repo.listParticipants(staff.organisationId, trajectoryId),
		createTrajectoryAnswersRepository(ctx.db).listPairs(staff.organisationId, trajectoryId),
		repo.listFunctions(staff.organisationId, trajectoryId)
	]);
	const attendance = await repo.listAttendance(
		staff.organisationId,
		trajectoryId,
		participants.map((p) => p.id)
	);
	const pendingInvitations = participants.flatMap((p) => (p.userId === null && p.invitationId ? [p.invitationId] : []));
	const openInvitations = await findOpenInvitationsByIds(ctx.db, ctx, staff.organisationId, pendingInvitations);
	await recordAudit(ctx.db, ctx.clock, { actor, action: 'trajectory.viewed', target: target(trajectoryId) });
	return {
		trajectory,
		meetings: meetings.map((meeting) => ({ ...meeting, present: attendance.filter((a) => a.meetingId === meeting.id).length })),
		functions,
		moments: moments.map((moment) => ({ ...moment, label: momentLabel(moment.position), state: momentState(moment, today) })),
		answeredQuestionKeys: [
			...answeredQuestionKeys(await createTrajectoryAnswersRepository(ctx.db).listAllAnswers(staff.organisationId, trajectoryId))
		],
		consentTextLocked: !canChangeConsentText(participants.map((p) => p.consent)),
		participants: participants.map((participant) => ({
			...participant,
			/** The coordinator may take back an open trajectory invitation; a staff one is the admin's. */
			invitationRevocable: openInvitations.some((i) => i.id === participant.invitationId && i.kind === 'trajectory'),
			pairId: pairs.find((pair) => pair.participantIds.includes(participant.id))?.id ?? null
		})),
		pairs,
		/** The languages an invitee may be invited in: the organisation's client languages. */
		clientLocales: await findClientLocales(ctx.db, staff.organisationId),
		today
	};
}

export async function updateTrajectoryDetails({
	ctx,
	actor,
	trajectoryId,
	input
}: Input<{ trajectoryId: string; input: TrajectoryDetailsInput }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		const trajectory = await repo.findTrajectory(staff.organisationId, trajectoryId);
		if (!trajectory) throw domainError('not_found');
		const participants = await repo.listParticipants(staff.organisationId, trajectoryId);
		if (input.consentText !== trajectory.consentText && !canChangeConsentText(participants.map((p) => p.consent))) {
			throw domainError('trajectory.consent_text_locked');
		}
		await repo.updateDetails(staff.organisationId, trajectoryId, { ...input, now: ctx.clock.now().toISOString() });
		await recordAudit(trx, ctx.clock, { actor, action: 'trajectory.updated', target: target(trajectoryId) });
	});
}

/** Whether anyone answered at this moment: a response, an instrument rating or a client's link for one. */
async function isMomentAnswered(trx: Transaction<Database>, organisationId: string, momentId: string): Promise<boolean> {
	const responses = await createTrajectoriesRepository(trx).countResponsesOfMoment(organisationId, momentId);
	return responses > 0 || (await createTrajectoryInstrumentsRepository(trx).countOfMoment(organisationId, momentId)) > 0;
}

/**
 * The settings form's moments (momentsSchema): a row with a moment's id saves that moment's dates,
 * a row without one adds a moment at the end, and only a moment whose row was emptied is removed;
 * a moment the post does not mention stays. Moments are numbered T1, T2, … in order, so a removed
 * moment makes the later ones move up a number. Refused, with nothing changed: an id that is not
 * this trajectory's moment, a moment that has answers (removed, or renumbered by the removal of an
 * earlier one: its answers would count for another T), moments out of order, none, or more than
 * the form has rows for.
 */
export async function saveMoments({
	ctx,
	actor,
	trajectoryId,
	moments,
	removedIds = []
}: Input<{ trajectoryId: string; moments: MomentsInput['moments']; removedIds?: MomentsInput['removedIds'] }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const { organisationId } = staff;
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		await repo.lockTrajectory(organisationId, trajectoryId);
		const existing = await repo.listMoments(organisationId, trajectoryId);
		const change = changedMoments(existing, { moments, removedIds }, newId);
		if ('refused' in change) throw domainError('trajectory.changed_meanwhile');
		if (change.moments.length === 0 || !areMomentsInOrder(change.moments)) throw domainError('trajectory.moments_out_of_order');
		if (change.moments.length > MOMENT_ROWS.length) throw domainError('trajectory.too_many_moments');
		for (const removed of change.removed) {
			if (await isMomentAnswered(trx, organisationId, removed.id)) throw domainError('trajectory.moment_has_responses');
		}
		const renumbered = change.moments.filter((moment) => existing.some((e) => e.id === moment.id && e.position !== moment.position));
		for (const moment of renumbered) {
			if (await isMomentAnswered(trx, organisationId, moment.id)) throw domainError('trajectory.later_moment_answered');
		}
		for (const removed of change.removed) await repo.deleteMoment(organisationId, removed.id);
		// In order of the new number: a kept moment only moves up, to a number freed before it.
		for (const { id, position, opensOn, closesOn, added } of change.moments) {
			if (added) await repo.insertMoment({ id, organisationId, trajectoryId, position, opensOn, closesOn });
			else await repo.updateMoment(organisationId, trajectoryId, id, { position, opensOn, closesOn });
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.moments_saved',
			target: target(trajectoryId),
			details: {
				count: change.moments.length,
				added: change.moments.filter((moment) => moment.added).length,
				removed: change.removed.length
			}
		});
	});
}

/**
 * The settings form's questions (templateSchema; changedTemplate): a row with a question's key
 * saves that question, a row without one adds a question, and only a question whose text was
 * emptied is removed; a question the post does not mention stays. An unanswered question can be
 * reworded or removed; an answered one keeps its wording, scale and first moment, whatever the
 * dates do. Refused, with nothing changed: a key that is not one of the template's questions, a
 * change to an answered question, or more questions than the form has rows for.
 */
export async function updateTemplate({
	ctx,
	actor,
	trajectoryId,
	questions,
	removedKeys = []
}: Input<{ trajectoryId: string; questions: TemplateChange['questions']; removedKeys?: TemplateChange['removedKeys'] }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		await repo.lockTrajectory(staff.organisationId, trajectoryId);
		const trajectory = await repo.findTrajectory(staff.organisationId, trajectoryId);
		if (!trajectory) throw domainError('not_found');
		const answered = answeredQuestionKeys(await createTrajectoryAnswersRepository(trx).listAllAnswers(staff.organisationId, trajectoryId));
		const change = changedTemplate(trajectory.template, { questions, removedKeys }, answered, () => `q${newId().slice(0, 8)}`);
		if ('refused' in change)
			throw domainError(change.refused === 'answered' ? 'trajectory.question_answered' : 'trajectory.changed_meanwhile');
		if (change.template.questions.length > MAX_QUESTIONS) throw domainError('trajectory.too_many_questions');
		await repo.updateTemplate(staff.organisationId, trajectoryId, change.template, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.template_updated',
			target: target(trajectoryId),
			details: { questions: change.template.questions.length, removed: removedKeys.length }
		});
	});
}
