import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { addDaysToDate, todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import { listMyOpenMoments } from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import { listTrajectories } from '#lib/server/trajectories/trajectories.usecases.ts';
import { getCaseloadInsights } from './insights.usecases.ts';

/** Open agreements due within this many days are "due" on the start page. */
export const AGREEMENTS_DUE_DAYS = 14;

/**
 * What a staff member needs today, by role, each one click away. A professional: conversations to
 * resume, learning conversations being prepared, session feedback waiting for the client, due and
 * overdue conversations, open agreements due soon (the caseload usecase's lists), and open
 * trajectory moments. A coordinator: their trajectories. Team leads and admins get links to the
 * aggregates and administration only: never a collaboration. An admin alone in the organisation
 * (nobody else on its staff, nobody invited) gets its first steps (`firstSteps`).
 */
export async function getStartOverview({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'organisation.view' });
	const today = todayInAmsterdam(ctx.clock.now());
	let professional = null;
	if (staff.roles.includes('professional')) {
		// Only its lists are used here, no wording: the language does not matter.
		const caseload = await getCaseloadInsights({ ctx, actor, locale: staff.locale });
		const unfinished = await createConversationsRepository(ctx.db).listUnfinishedForProfessional(staff.organisationId, staff.userId);
		const until = addDaysToDate(today, AGREEMENTS_DUE_DAYS);
		professional = {
			running: unfinished.filter((c) => c.method !== 'sessionFeedback' && c.phase !== 'preparation'),
			preparing: unfinished.filter((c) => c.phase === 'preparation'),
			feedbackWaiting: unfinished.filter((c) => c.method === 'sessionFeedback'),
			due: caseload.due,
			agreementsDue: caseload.openAgreements.filter((a) => a.dueOn <= until).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
			openAgreements: caseload.openAgreements.length
		};
	}
	const trajectories = staff.roles.includes('trajectoryCoordinator') ? await listTrajectories({ ctx, actor }) : [];
	// An admin still alone in a new organisation (nobody invited yet) gets its first steps.
	const firstSteps =
		staff.roles.includes('admin') && !(await createStaffRepository(ctx.db).hasColleagueOrInvitation(staff.organisationId, staff.userId))
			? { professional: staff.roles.includes('professional') }
			: null;
	return { today, professional, moments: await listMyOpenMoments({ ctx, actor }), trajectories, firstSteps };
}
