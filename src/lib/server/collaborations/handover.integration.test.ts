import { expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { jobHandlers } from '../background.ts';
import { abandonConversation, getParticipantConversation, startQuickCheck } from '../conversations/conversations.usecases.ts';
import { authenticateDevice, claimParticipant } from '../participation/participation.usecases.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { createJobRunner } from '../shared/jobs.runner.ts';
import { deactivateStaff, listStaff } from '../staff/staff.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, buildTeam, type BuiltStaff } from '../testing/builders.ts';
import { nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { postAs } from '../testing/page-loads.ts';
import { actions as editActions } from '../../../routes/(staff)/collaborations/[collaborationId=id]/edit/+page.server.ts';
import { actions as listActions } from '../../../routes/(staff)/handovers/+page.server.ts';
import { getCollaboration, listMyCollaborations } from './collaborations.usecases.ts';
import { getHandovers, handOverCollaboration } from './handover.usecases.ts';

describeOnBothDatabases('handing a collaboration over', (dialect) => {
	const t = useTestContext(dialect);

	async function buildWorld() {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Holder Hanna' });
		const colleague = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Colleague Chris', locale: 'en' });
		const { collaborationId } = await buildCollaboration(t.ctx, holder, { participants: 1, label: 'FamX' });
		return { admin, holder, colleague, collaborationId };
	}

	async function holderOf(collaborationId: string): Promise<string[]> {
		const rows = await t.ctx.db
			.selectFrom('collaborationProfessionals')
			.select(['userId', 'role'])
			.where('collaborationId', '=', collaborationId)
			.execute();
		return rows.filter((r) => r.role === 'holder').map((r) => r.userId);
	}

	async function handoverMailJobs(organisationId: string): Promise<{ template: string; userId: string }[]> {
		const rows = await t.ctx.db
			.selectFrom('jobs')
			.select('payload')
			.where('kind', '=', 'mail')
			.where('organisationId', '=', organisationId)
			.execute();
		return rows
			.map((r) => JSON.parse(r.payload) as { template: string; recipient: { userId?: string } })
			.filter((p) => p.template.startsWith('collaboration.'))
			.map((p) => ({ template: p.template, userId: p.recipient.userId ?? '' }));
	}

	async function handoverRows(collaborationId: string) {
		return t.ctx.db.selectFrom('collaborationHandovers').selectAll().where('collaborationId', '=', collaborationId).execute();
	}

	/** The participant's page data of a conversation, as a phone that joined with the code sees it. */
	async function participantHome(organisationId: string, conversationId: string) {
		const repo = createParticipationRepository(t.ctx.db);
		const conversation = await repo.findConversation(organisationId, conversationId);
		const [party] = await repo.listParticipantParties(organisationId, conversationId);
		const { token } = await claimParticipant({
			ctx: t.ctx,
			code: conversation!.joinCode!,
			partyId: party!.partyId,
			clientAddress: nextAddress()
		});
		const actor = (await authenticateDevice(t.ctx, token))!;
		return (await getParticipantConversation({ ctx: t.ctx, actor })).home;
	}

	it('the holder hands over: the colleague holds it and reads the note, the old holder no longer sees it, the audit records it', async () => {
		const { holder, colleague, collaborationId } = await buildWorld();
		await handOverCollaboration({
			ctx: t.ctx,
			actor: holder,
			collaborationId,
			input: { toUserId: colleague.userId, note: 'Let op: vader belt liever.' }
		});

		expect(await holderOf(collaborationId)).toEqual([colleague.userId]);
		await expect(getCollaboration({ ctx: t.ctx, actor: holder, collaborationId })).rejects.toMatchObject({ code: 'not_found' });
		expect((await listMyCollaborations({ ctx: t.ctx, actor: colleague })).map((c) => c.id)).toContain(collaborationId);
		expect((await getHandovers({ ctx: t.ctx, actor: colleague, collaborationId })).note).toMatchObject({
			note: 'Let op: vader belt liever.',
			fromName: 'Holder Hanna',
			byName: 'Holder Hanna'
		});
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['actorId', 'details'])
			.where('action', '=', 'collaboration.handed_over')
			.where('targetId', '=', collaborationId)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actorId).toBe(holder.userId);
		expect(JSON.parse(audit[0]!.details!)).toMatchObject({ fromUserId: holder.userId, toUserId: colleague.userId });
	});

	it('both professionals are told by mail, in their own language; the note never waits in the queue nor goes in a mail', async () => {
		const { holder, colleague, collaborationId } = await buildWorld();
		await handOverCollaboration({
			ctx: t.ctx,
			actor: holder,
			collaborationId,
			input: { toUserId: colleague.userId, note: 'Geheime notitie over vader' }
		});
		expect((await handoverMailJobs(holder.organisationId)).toSorted((a, b) => a.template.localeCompare(b.template))).toEqual([
			{ template: 'collaboration.handed_over', userId: holder.userId },
			{ template: 'collaboration.received', userId: colleague.userId }
		]);
		const payloads = await t.ctx.db.selectFrom('jobs').select('payload').where('organisationId', '=', holder.organisationId).execute();
		expect(payloads.map((p) => p.payload).join()).not.toContain('Geheime notitie');

		await createJobRunner(t.ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
		const [received] = t.ctx.mailer.to(colleague.email);
		expect(received!.subject).toBe(m.handover_mail_received_subject({}, { locale: 'en' }));
		expect(received!.text).toContain('FamX');
		expect(received!.text).toContain(m.handover_mail_received_note({}, { locale: 'en' }));
		expect(received!.text).not.toContain('Geheime notitie');
		const [away] = t.ctx.mailer.to(holder.email);
		expect(away!.subject).toBe(m.handover_mail_away_subject({}, { locale: 'nl' }));
		expect(away!.text).toContain('Colleague Chris');
	});

	it('a team lead of the holder and an admin may hand over; a co-professional, a lead of another team and another organisation get not found', async () => {
		const { admin, holder, colleague, collaborationId } = await buildWorld();
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead'] });
		await buildTeam(t.ctx, admin, { members: [{ userId: lead.userId, role: 'lead' }, { userId: holder.userId }] });
		const otherLead = await buildStaff(t.ctx, admin, { roles: ['teamLead'] });
		await buildTeam(t.ctx, admin, { members: [{ userId: otherLead.userId, role: 'lead' }, { userId: colleague.userId }] });
		const co = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		await t.ctx.db
			.insertInto('collaborationProfessionals')
			.values({
				organisationId: admin.organisationId,
				collaborationId,
				userId: co.userId,
				role: 'co',
				addedAt: t.ctx.clock.now().toISOString()
			})
			.execute();
		const outsider = await buildOrganisation(t.ctx);

		for (const actor of [co, otherLead, outsider] as BuiltStaff[]) {
			await expect(
				handOverCollaboration({ ctx: t.ctx, actor, collaborationId, input: { toUserId: colleague.userId, note: '' } })
			).rejects.toMatchObject({ code: 'not_found', status: 404 });
		}
		expect(await holderOf(collaborationId)).toEqual([holder.userId]);

		await handOverCollaboration({ ctx: t.ctx, actor: lead, collaborationId, input: { toUserId: colleague.userId, note: '' } });
		expect(await holderOf(collaborationId)).toEqual([colleague.userId]);
		await handOverCollaboration({ ctx: t.ctx, actor: admin, collaborationId, input: { toUserId: holder.userId, note: '' } });
		expect(await holderOf(collaborationId)).toEqual([holder.userId]);
	});

	it('to a deactivated professional, someone of another organisation, a non-professional or the current holder: a clear error and nothing changed', async () => {
		const { admin, holder, collaborationId } = await buildWorld();
		const deactivated = await buildStaff(t.ctx, admin, { roles: ['professional'], status: 'deactivated' });
		const onlyAdmin = await buildStaff(t.ctx, admin, { roles: ['admin'] });
		const foreign = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['professional'] });
		const cases: [string, string][] = [
			[deactivated.userId, 'collaboration.not_a_professional'],
			[foreign.userId, 'collaboration.not_a_professional'],
			[onlyAdmin.userId, 'collaboration.not_a_professional'],
			['no-such-user', 'collaboration.not_a_professional'],
			[holder.userId, 'collaboration.already_holder']
		];
		for (const [toUserId, code] of cases) {
			await expect(
				handOverCollaboration({ ctx: t.ctx, actor: holder, collaborationId, input: { toUserId, note: 'x' } })
			).rejects.toMatchObject({
				code
			});
		}
		expect(await holderOf(collaborationId)).toEqual([holder.userId]);
		expect(await handoverRows(collaborationId)).toEqual([]);
		expect(await handoverMailJobs(holder.organisationId)).toEqual([]);
	});

	it('a handover form must say which holder it showed: without it the page is out of date and nothing is handed over; a holder changed since refuses it', async () => {
		const { admin, holder, colleague, collaborationId } = await buildWorld();
		const third = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Third Tess' });
		const editPage = { actor: admin, path: `/collaborations/${collaborationId}/edit`, params: { collaborationId } };
		const listPage = { actor: admin, path: '/handovers' };
		const outOfDate = { status: 400, data: { formError: 'changed_meanwhile' } };

		// A page from before the field, or a hand-made post: refused on both pages, nothing read or changed.
		const fields = { section: 'handover', toUserId: colleague.userId, note: 'Zonder houder' };
		expect(await postAs(t.ctx, editActions.handover, { ...editPage, fields })).toMatchObject(outOfDate);
		expect(
			await postAs(t.ctx, listActions.handover, { ...listPage, fields: { collaborationId, toUserId: colleague.userId, note: '' } })
		).toMatchObject(outOfDate);
		// A page that showed no holder, while there is one: someone handed it over meanwhile.
		expect(await postAs(t.ctx, editActions.handover, { ...editPage, fields: { ...fields, fromUserId: '' } })).toMatchObject({
			status: 409,
			data: { formError: 'collaboration.holder_changed' }
		});
		expect(await holderOf(collaborationId)).toEqual([holder.userId]);
		expect(await handoverRows(collaborationId)).toHaveLength(0);

		// The holder the page showed: handed over, then the same stale page again is refused.
		const shown = { section: 'handover', fromUserId: holder.userId, note: '' };
		expect(await postAs(t.ctx, editActions.handover, { ...editPage, fields: { ...shown, toUserId: colleague.userId } })).toEqual({
			redirect: '/collaborations'
		});
		expect(
			await postAs(t.ctx, listActions.handover, { ...listPage, fields: { collaborationId, ...shown, toUserId: third.userId } })
		).toMatchObject({ status: 409, data: { formError: 'collaboration.holder_changed' } });
		expect(await holderOf(collaborationId)).toEqual([colleague.userId]);

		// A collaboration nobody holds (its holder's account was removed): a page showing no holder hands it over.
		await t.ctx.db.deleteFrom('collaborationProfessionals').where('collaborationId', '=', collaborationId).execute();
		expect(await postAs(t.ctx, editActions.handover, { ...editPage, fields: { ...fields, fromUserId: '' } })).toEqual({
			redirect: '/collaborations'
		});
		expect(await holderOf(collaborationId)).toEqual([colleague.userId]);
		expect(await handoverRows(collaborationId)).toHaveLength(2);
	});

	it('the client is told the new name in the next conversation only', async () => {
		const { holder, colleague, collaborationId } = await buildWorld();
		const before = await startQuickCheck({ ctx: t.ctx, actor: holder, collaborationId });
		expect((await participantHome(holder.organisationId, before.conversationId)).newProfessional).toBeNull();
		await abandonConversation({ ctx: t.ctx, actor: holder, conversationId: before.conversationId });

		await handOverCollaboration({ ctx: t.ctx, actor: holder, collaborationId, input: { toUserId: colleague.userId, note: '' } });
		const next = await startQuickCheck({ ctx: t.ctx, actor: colleague, collaborationId });
		expect((await participantHome(holder.organisationId, next.conversationId)).newProfessional).toBe('Colleague Chris');

		await abandonConversation({ ctx: t.ctx, actor: colleague, conversationId: next.conversationId });
		const later = await startQuickCheck({ ctx: t.ctx, actor: colleague, collaborationId });
		expect((await participantHome(holder.organisationId, later.conversationId)).newProfessional).toBeNull();
	});
});

describeOnBothDatabases('staff leaving: deactivating a holder', (dialect) => {
	const t = useTestContext(dialect);

	async function buildWorld() {
		const admin = await buildOrganisation(t.ctx);
		const leaver = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead', 'professional'] });
		const open = [
			(await buildCollaboration(t.ctx, leaver, { participants: 1 })).collaborationId,
			(await buildCollaboration(t.ctx, leaver, { participants: 1 })).collaborationId
		];
		return { admin, leaver, lead, open };
	}

	async function holders(ids: string[]): Promise<string[]> {
		const rows = await t.ctx.db
			.selectFrom('collaborationProfessionals')
			.select(['collaborationId', 'userId'])
			.where('collaborationId', 'in', ids)
			.where('role', '=', 'holder')
			.orderBy('collaborationId')
			.execute();
		return ids.map((id) => rows.find((r) => r.collaborationId === id)?.userId ?? 'none');
	}

	async function statusOf(admin: BuiltStaff, userId: string) {
		return (await listStaff({ ctx: t.ctx, actor: admin })).find((s) => s.userId === userId)?.status;
	}

	it('is refused while they hold open collaborations and nobody is chosen; nothing changes', async () => {
		const { admin, leaver, open } = await buildWorld();
		await expect(deactivateStaff({ ctx: t.ctx, actor: admin, userId: leaver.userId })).rejects.toMatchObject({
			code: 'staff.holds_collaborations',
			status: 409
		});
		expect(await statusOf(admin, leaver.userId)).toBe('active');
		expect(await holders(open)).toEqual([leaver.userId, leaver.userId]);
	});

	it('hands every open collaboration to the chosen colleague in the same change', async () => {
		const { admin, leaver, lead, open } = await buildWorld();
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: leaver.userId, handoverTo: lead.userId });
		expect(await statusOf(admin, leaver.userId)).toBe('deactivated');
		expect(await holders(open)).toEqual([lead.userId, lead.userId]);
		const jobs = await t.ctx.db
			.selectFrom('jobs')
			.select('payload')
			.where('kind', '=', 'mail')
			.where('organisationId', '=', admin.organisationId)
			.execute();
		expect(jobs.filter((j) => j.payload.includes('collaboration.received'))).toHaveLength(2);
	});

	it('to a deactivated colleague: a clear error, the person stays active and keeps their collaborations', async () => {
		const { admin, leaver, open } = await buildWorld();
		const gone = await buildStaff(t.ctx, admin, { roles: ['professional'], status: 'deactivated' });
		await expect(deactivateStaff({ ctx: t.ctx, actor: admin, userId: leaver.userId, handoverTo: gone.userId })).rejects.toMatchObject({
			code: 'collaboration.not_a_professional'
		});
		expect(await statusOf(admin, leaver.userId)).toBe('active');
		expect(await holders(open)).toEqual([leaver.userId, leaver.userId]);
		expect(
			await t.ctx.db.selectFrom('collaborationHandovers').selectAll().where('organisationId', '=', admin.organisationId).execute()
		).toEqual([]);
	});

	it('someone who holds no open collaboration is deactivated without a choice', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		expect(await statusOf(admin, member.userId)).toBe('deactivated');
	});
});
