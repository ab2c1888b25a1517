import { expect, it } from 'vitest';
import { saveAgreement, startAgreement, startQuickCheck, submitRatings } from '../conversations/conversations.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { actorsOf, ratingsOf } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getStartOverview } from './insights.start.usecases.ts';
import { systemActor } from '../access/actor.ts';
import type { Role } from '../db/schema.ts';
import { inviteFirstAdmin, inviteStaff } from '../invitations/invitations.usecases.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';

describeOnBothDatabases('the start page shows what is needed today', (dialect) => {
	const t = useTestContext(dialect);

	it('a professional sees the running conversation to resume, the overdue collaboration and the agreement due soon', async () => {
		const { ctx } = t;
		ctx.clock.set('2026-12-03T09:00:00.000Z');
		const admin = await buildOrganisation(ctx);
		const pro = await buildStaff(ctx, admin, { roles: ['professional'] });
		await buildCollaboration(ctx, pro, { label: 'Fam. Laat', nextDueOn: '2026-11-20' });
		const later = await buildCollaboration(ctx, pro, { label: 'Fam. Later', nextDueOn: '2027-06-01' });
		const running = await buildCollaboration(ctx, pro, { label: 'Fam. Nu' });
		// A check with an agreement due in a week, still running (in its agreement phase).
		const { conversationId } = await startQuickCheck({ ctx, actor: pro, collaborationId: running.collaborationId });
		const { participants } = await actorsOf(ctx, pro, conversationId, running.participantIds);
		for (const actor of [...participants, pro]) await submitRatings({ ctx, actor, conversationId, values: ratingsOf(50) });
		await startAgreement({ ctx, actor: pro, conversationId });
		const agreement = { what: 'Samen bellen', who: 'both' as const, dueOn: '2026-12-10', successMeasure: 'Gebeld' };
		await saveAgreement({ ctx, actor: pro, conversationId, input: agreement });

		const overview = await getStartOverview({ ctx, actor: pro });
		expect(overview.professional?.running.map((c) => [c.label, c.method, c.phase])).toEqual([['Fam. Nu', 'quickCheck', 'agreement']]);
		expect(overview.professional?.due.map((c) => [c.label, c.dueState])).toEqual([['Fam. Laat', 'overdue']]);
		expect(overview.professional?.agreementsDue.map((a) => [a.what, a.label, a.dueOn])).toEqual([
			['Samen bellen', 'Fam. Nu', '2026-12-10']
		]);
		expect(JSON.stringify(overview)).not.toContain(later.label);
	});

	it('a colleague, a team lead or an admin sees nothing of another professional’s collaborations', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const pro = await buildStaff(ctx, admin, { roles: ['professional'] });
		const colleague = await buildStaff(ctx, admin, { roles: ['professional'] });
		const lead = await buildStaff(ctx, admin, { roles: ['teamLead'] });
		const { collaborationId } = await buildCollaboration(ctx, pro, { label: 'Fam. Geheim', nextDueOn: '2000-01-01' });
		await startQuickCheck({ ctx, actor: pro, collaborationId });
		for (const actor of [colleague, lead, admin]) {
			const overview = await getStartOverview({ ctx, actor });
			expect(JSON.stringify(overview)).not.toContain('Fam. Geheim');
		}
		expect((await getStartOverview({ ctx, actor: lead })).professional).toBeNull();
	});
	it('an admin alone in a new organisation gets its first steps, until someone is invited or joins; others never get them', async () => {
		const { ctx } = t;
		const first = await buildOrganisation(ctx);
		// The first admin of an organisation made by the operator was invited by nobody: still alone.
		await inviteFirstAdmin({
			ctx,
			actor: systemActor,
			organisationId: first.organisationId,
			email: `eerste-${dialect}@tweespraak.test`,
			locale: 'nl'
		});
		expect((await getStartOverview({ ctx, actor: first })).firstSteps).toEqual({ professional: false });
		await inviteStaff({
			ctx,
			actor: first,
			input: { email: `collega-${dialect}@tweespraak.test`, roles: ['professional'], teamId: '', locale: 'nl' }
		});
		expect((await getStartOverview({ ctx, actor: first })).firstSteps).toBeNull();

		// An admin who also works with clients is not told to turn that role on; a colleague ends the steps.
		const working = await buildOrganisation(ctx);
		const workingAdmin = { ...working, roles: ['admin', 'professional'] as Role[] };
		await createStaffRepository(ctx.db).replaceRoles(working.organisationId, working.userId, workingAdmin.roles);
		expect((await getStartOverview({ ctx, actor: workingAdmin })).firstSteps).toEqual({ professional: true });
		const colleague = await buildStaff(ctx, working, { roles: ['professional'] });
		expect((await getStartOverview({ ctx, actor: workingAdmin })).firstSteps).toBeNull();
		expect((await getStartOverview({ ctx, actor: colleague })).firstSteps).toBeNull();
	});
});
