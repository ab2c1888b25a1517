import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { getOrganisationSettings, updateOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { RETENTION_RULES } from '../retention/retention.models.ts';
import { JOB_RETENTION_DAYS } from '../shared/jobs.runner.ts';
import { anonymousActor, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getProcessingRegister } from './privacy.usecases.ts';

describeOnBothDatabases('the processing register page', (dialect) => {
	const t = useTestContext(dialect);

	it('shows an admin how long data are kept from the organisation’s live retention period, and who sees them from the access rules', async () => {
		const admin = await buildOrganisation(t.ctx, { name: 'Jeugdzorg Register' });
		const settings = await getOrganisationSettings({ ctx: t.ctx, actor: admin });
		await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...settings, retentionDays: 730 } });

		const register = await getProcessingRegister({ ctx: t.ctx, actor: admin });

		expect(register.organisationName).toBe('Jeugdzorg Register');
		expect(register.retentionDays).toBe(730);
		const content = register.categories.find((category) => category.key === 'conversationContent')!;
		expect(content.retention).toEqual([{ message: 'privacy_retention_rule_collaborations', days: 730 }]);
		expect(content.tables.map((entry) => entry.table)).toContain('ratings');
		expect(content.access).toContainEqual({ permission: 'collaboration.view', roles: ['professional'], resource: 'collaboration' });
		const access = register.categories.find((category) => category.key === 'participantAccess')!;
		expect(access.retention).toContainEqual({ message: 'privacy_retention_rule_links', days: RETENTION_RULES.links.days });
		// The erasure tombstones: the organisation's period plus the margin for backups (decision 011).
		const accountability = register.categories.find((category) => category.key === 'accountability')!;
		expect(accountability.retention).toContainEqual({
			message: 'privacy_retention_rule_erasureTombstones',
			days: 730 + RETENTION_RULES.erasureTombstones.plusDays
		});
		expect(accountability.tables.map((entry) => entry.table)).toContain('erasure_tombstones');
		const jobs = register.categories.find((category) => category.key === 'backgroundJobs')!;
		expect(jobs.retention).toContainEqual({ message: 'privacy_retention_finishedJobs', days: JOB_RETENTION_DAYS });
		expect(register.exempt.map((entry) => entry.table)).toContain('insights_cells');
		// A table that also holds personal data names its exempt columns (a privacy officer read
		// "collaborations: no personal data" beside "who the client is").
		expect(register.exempt.find((entry) => entry.table === 'collaborations')).toMatchObject({
			partly: true,
			columns: ['quick_check_instrument_key']
		});
		expect(register.exempt.find((entry) => entry.table === 'insights_cells')).toMatchObject({ partly: false });
	});

	it('is refused (not found) to team leads, professionals, coordinators, people without an account and the system', async () => {
		const admin = await buildOrganisation(t.ctx);
		const denied = [
			await buildStaff(t.ctx, admin, { roles: ['teamLead'] }),
			await buildStaff(t.ctx, admin, { roles: ['professional'] }),
			await buildStaff(t.ctx, admin, { roles: ['trajectoryCoordinator'] }),
			anonymousActor,
			systemActor
		];
		for (const actor of denied) {
			await expect(getProcessingRegister({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
		}
	});
});
