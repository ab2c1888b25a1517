import type { Cookies } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import { actions as instrumentsPage } from '../../../routes/(staff)/admin/instruments/+page.server.ts';
import { actions as collaborationEditPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/edit/+page.server.ts';
import type { Actor } from '../access/actor.ts';
import { setAppContext } from '../context.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { TEST_ORIGIN, describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';

/** The form a hand-made post sends: the section (as the page's form does), but no `instrument`. */
function postWithoutInstrument(path: string, fields: Record<string, string> = {}) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	return new Request(new URL(path, TEST_ORIGIN), { method: 'POST', body });
}

const noCookies = { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' } as unknown as Cookies;

/** Runs a form action as a post of `actor` would reach it: its outcome, or the redirect it threw. */
async function act(action: (event: never) => unknown, actor: Actor, request: Request, params: Record<string, string> = {}) {
	try {
		return await action({ request, locals: { actor }, params, url: new URL(request.url), cookies: noCookies } as never);
	} catch (caught) {
		return { thrown: caught };
	}
}

describeOnBothDatabases('choosing an instrument', (dialect) => {
	const t = useTestContext(dialect);

	const organisationRow = (id: string) => t.ctx.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const collaborationRow = (id: string) => t.ctx.db.selectFrom('collaborations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const auditCount = async () => (await t.ctx.db.selectFrom('auditEvents').select('id').execute()).length;

	it('a post without the instrument field is refused with "fill in this field" and saves nothing, for the organisation’s two choices', async () => {
		setAppContext(t.ctx);
		const admin = await buildOrganisation(t.ctx);
		const before = await organisationRow(admin.organisationId);
		const audited = await auditCount();
		t.ctx.clock.advance(60_000);
		for (const action of [instrumentsPage.quickCheck, instrumentsPage.sessionFeedback]) {
			const outcome = await act(action, admin, postWithoutInstrument('/admin/instruments'));
			expect(outcome).toMatchObject({ status: 400, data: { errors: { instrument: 'validation_required' } } });
		}
		expect(await organisationRow(admin.organisationId)).toEqual(before);
		expect(await auditCount()).toBe(audited);
	});

	it('a post without the instrument field is refused with "fill in this field" and leaves the collaboration as it was', async () => {
		setAppContext(t.ctx);
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(t.ctx, professional, { participants: 1 });
		const before = await collaborationRow(collaborationId);
		const audited = await auditCount();
		t.ctx.clock.advance(60_000);
		const path = `/collaborations/${collaborationId}/edit`;
		const outcome = await act(collaborationEditPage.instrument, professional, postWithoutInstrument(path, { section: 'instrument' }), {
			collaborationId
		});
		expect(outcome).toMatchObject({ status: 400, data: { errors: { instrument: 'validation_required' } } });
		expect(await collaborationRow(collaborationId)).toEqual(before);
		expect(await auditCount()).toBe(audited);
	});
});
