import type { StaffLocale } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../db/schema.ts';
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
	changedTemplate,
	defaultTemplate,
	MAX_QUESTIONS,
	momentLabel,
	momentState,
	type Template
} from './trajectories.models.ts';
import { canChangeConsentText } from './trajectories.policy.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import type { CreateTrajectoryInput, MomentInput, TemplateInput, TrajectoryDetailsInput } from './trajectories.schemas.ts';

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
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.create' });
	if (input.moments.length === 0 || !areMomentsInOrder(input.moments)) throw domainError('trajectory.moments_out_of_order');
	const trajectoryId = newId();
	const now = ctx.clock.now().toISOString();
	const { organisationId } = staff;
	await ctx.db.transaction().execute(async (trx) => {
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
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await ctx.db.transaction().execute(async (trx) => {
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

/**
 * Moments keep their number: row 1 is T1 and so on. Dates may move (a coordinator extends a
 * moment); a moment that already has answers cannot be removed.
 */
export async function saveMoments({ ctx, actor, trajectoryId, moments }: Input<{ trajectoryId: string; moments: MomentInput[] }>) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	if (moments.length === 0 || !areMomentsInOrder(moments)) throw domainError('trajectory.moments_out_of_order');
	const { organisationId } = staff;
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		const existing = await repo.listMoments(organisationId, trajectoryId);
		for (const [index, moment] of moments.entries()) {
			const current = existing.find((e) => e.position === index + 1);
			if (current) await repo.updateMomentDates(organisationId, current.id, moment.opensOn, moment.closesOn);
			else await repo.insertMoment({ id: newId(), organisationId, trajectoryId, position: index + 1, ...moment });
		}
		for (const removed of existing.filter((e) => e.position > moments.length)) {
			if ((await repo.countResponsesOfMoment(organisationId, removed.id)) > 0) throw domainError('trajectory.moment_has_responses');
			await repo.deleteMoment(organisationId, removed.id);
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.moments_saved',
			target: target(trajectoryId),
			details: { count: moments.length }
		});
	});
}

/**
 * Questions can be added at any time and removed or reworded while nobody has answered them.
 * An answered question keeps its wording, scale and first moment, whatever the dates do.
 */
export async function updateTemplate({ ctx, actor, trajectoryId, questions }: Input<{ trajectoryId: string; questions: TemplateInput }>) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	if (questions.length > MAX_QUESTIONS) throw domainError('validation');
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		const trajectory = await repo.findTrajectory(staff.organisationId, trajectoryId);
		if (!trajectory) throw domainError('not_found');
		const answered = answeredQuestionKeys(await createTrajectoryAnswersRepository(trx).listAllAnswers(staff.organisationId, trajectoryId));
		const template = changedTemplate(trajectory.template, questions, answered, () => `q${newId().slice(0, 8)}`);
		if (!template) throw domainError('trajectory.question_answered');
		await repo.updateTemplate(staff.organisationId, trajectoryId, template, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.template_updated',
			target: target(trajectoryId),
			details: { questions: template.questions.length }
		});
	});
}
