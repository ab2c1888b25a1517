import { expect, it } from 'vitest';
import { actions as instrumentsPage } from '../../../routes/(staff)/admin/instruments/+page.server.ts';
import { actions as collaborationEditPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/edit/+page.server.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { postAs } from '../testing/page-loads.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';

describeOnBothDatabases('choosing an instrument', (dialect) => {
	const t = useTestContext(dialect);

	const organisationRow = (id: string) => t.ctx.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const collaborationRow = (id: string) => t.ctx.db.selectFrom('collaborations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const auditCount = async () => (await t.ctx.db.selectFrom('auditEvents').select('id').execute()).length;

	it('a post without the instrument field is refused with "fill in this field" and saves nothing, for the organisation’s two choices', async () => {
		const admin = await buildOrganisation(t.ctx);
		const before = await organisationRow(admin.organisationId);
		const audited = await auditCount();
		t.ctx.clock.advance(60_000);
		for (const action of [instrumentsPage.quickCheck, instrumentsPage.sessionFeedback]) {
			// The section's form, as a hand-made post sends it: without `instrument`.
			const outcome = await postAs(t.ctx, action, { actor: admin, path: '/admin/instruments', fields: {} });
			expect(outcome).toMatchObject({ status: 400, data: { errors: { instrument: 'validation_required' } } });
		}
		expect(await organisationRow(admin.organisationId)).toEqual(before);
		expect(await auditCount()).toBe(audited);
	});

	it('a post without the instrument field is refused with "fill in this field" and leaves the collaboration as it was', async () => {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(t.ctx, professional, { participants: 1 });
		const before = await collaborationRow(collaborationId);
		const audited = await auditCount();
		t.ctx.clock.advance(60_000);
		const path = `/collaborations/${collaborationId}/edit`;
		const outcome = await postAs(t.ctx, collaborationEditPage.instrument, {
			actor: professional,
			path,
			fields: { section: 'instrument' },
			params: { collaborationId }
		});
		expect(outcome).toMatchObject({ status: 400, data: { errors: { instrument: 'validation_required' } } });
		expect(await collaborationRow(collaborationId)).toEqual(before);
		expect(await auditCount()).toBe(audited);
	});
});
