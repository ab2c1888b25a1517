import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { validateForm } from '../shared/validation.ts';
import { anonymousActor, buildOrganisation, buildStaff, tokenFromLink } from '../testing/builders.ts';
import { createTestContext, describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { settingsSchema, type SetupInput } from './organisations.schemas.ts';
import {
	announceSetupLinkIfNeeded,
	checkSetupLink,
	completeSetup,
	createOrganisation,
	getOrganisation,
	getOrganisationSettings,
	updateOrganisationSettings
} from './organisations.usecases.ts';

const SETUP: SetupInput = {
	organisationName: 'Jeugdzorg Oost',
	clientTerm: 'parent',
	defaultLocale: 'nl',
	adminName: 'Anna Admin',
	adminEmail: 'anna@oost.test',
	password: 'a long enough password',
	passwordConfirm: 'a long enough password'
};

const SETTINGS = {
	name: 'Renamed',
	clientTerm: 'youngPerson',
	planTerm: 'actionPlan',
	defaultLocale: 'en',
	minGroupSize: 7,
	retentionDays: 400,
	requireTwoFactor: true,
	erasureConfirmation: 'holder'
} as const;

function settingsForm(overrides: Record<string, string> = {}): FormData {
	const form = new FormData();
	const values = {
		name: 'Renamed',
		clientTerm: 'client',
		planTerm: 'supportPlan',
		defaultLocale: 'nl',
		minGroupSize: '5',
		retentionDays: '365',
		erasureConfirmation: 'secondAdmin',
		...overrides
	};
	for (const [key, value] of Object.entries(values)) form.set(key, value);
	return form;
}

describeOnBothDatabases('organisation setup', (dialect) => {
	/** Setup happens once per installation, so each of these tests gets a fresh database. */
	async function withFreshDatabase(test: (ctx: TestContext) => Promise<void>): Promise<void> {
		const ctx = await createTestContext(dialect);
		try {
			await test(ctx);
		} finally {
			await ctx.cleanup();
		}
	}

	it('the setup link creates the organisation and its admin, who can then sign in', () =>
		withFreshDatabase(async (ctx) => {
			const link = await announceSetupLinkIfNeeded({ ctx });
			expect(link).toMatch(/^http:\/\/tweespraak\.test\/setup\/[\w-]{43}$/);
			const token = tokenFromLink(link!);
			await expect(checkSetupLink({ ctx, token })).resolves.toBeUndefined();
			const { organisationId, userId } = await completeSetup({ ctx, actor: anonymousActor, token, input: SETUP });
			const signedIn = await signIn({
				ctx,
				actor: anonymousActor,
				email: SETUP.adminEmail,
				password: SETUP.password,
				clientAddress: '1',
				requestHeaders: new Headers()
			});
			expect(signedIn.locale).toBe('nl');
			const admin = { type: 'staff' as const, userId, organisationId, roles: ['admin' as const], locale: 'nl' as const };
			expect(await getOrganisation({ ctx, actor: admin })).toMatchObject({
				name: 'Jeugdzorg Oost',
				clientTerm: 'parent',
				minGroupSize: 5,
				requireTwoFactor: false
			});
			const audit = await ctx.db.selectFrom('auditEvents').selectAll().where('action', '=', 'organisation.created').execute();
			expect(audit).toMatchObject([{ organisationId, actorType: 'anonymous', targetId: organisationId }]);
		}));

	it('the setup link works only once: a second use answers setup.already_done', () =>
		withFreshDatabase(async (ctx) => {
			const token = tokenFromLink((await announceSetupLinkIfNeeded({ ctx }))!);
			await completeSetup({ ctx, actor: anonymousActor, token, input: SETUP });
			await expect(
				completeSetup({ ctx, actor: anonymousActor, token, input: { ...SETUP, adminEmail: 'other@oost.test' } })
			).rejects.toMatchObject({
				code: 'setup.already_done'
			});
			await expect(checkSetupLink({ ctx, token })).rejects.toMatchObject({ code: 'setup.already_done' });
			expect(await announceSetupLinkIfNeeded({ ctx })).toBeUndefined();
		}));

	it('a link with a wrong or expired token answers setup.invalid_link', () =>
		withFreshDatabase(async (ctx) => {
			const token = tokenFromLink((await announceSetupLinkIfNeeded({ ctx }))!);
			await expect(checkSetupLink({ ctx, token: 'not-the-token' })).rejects.toMatchObject({ code: 'setup.invalid_link' });
			await expect(completeSetup({ ctx, actor: anonymousActor, token: 'not-the-token', input: SETUP })).rejects.toMatchObject({
				code: 'setup.invalid_link'
			});
			ctx.clock.advance(8 * 86_400_000);
			await expect(completeSetup({ ctx, actor: anonymousActor, token, input: SETUP })).rejects.toMatchObject({
				code: 'setup.invalid_link'
			});
			expect(await ctx.db.selectFrom('organisations').select('id').execute()).toEqual([]);
		}));

	it('two setups racing with two links create one organisation', () =>
		withFreshDatabase(async (ctx) => {
			const first = tokenFromLink((await announceSetupLinkIfNeeded({ ctx }))!);
			const second = tokenFromLink((await announceSetupLinkIfNeeded({ ctx }))!);
			const results = await Promise.allSettled([
				completeSetup({ ctx, actor: anonymousActor, token: first, input: SETUP }),
				completeSetup({ ctx, actor: anonymousActor, token: second, input: { ...SETUP, adminEmail: 'second@oost.test' } })
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect(await ctx.db.selectFrom('organisations').select('id').execute()).toHaveLength(1);
		}));
});

describeOnBothDatabases('organisation settings', (dialect) => {
	const t = useTestContext(dialect);

	it('an admin updates the settings, and the change is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: SETTINGS });
		expect(await getOrganisationSettings({ ctx: t.ctx, actor: admin })).toMatchObject(SETTINGS);
		const audit = await t.ctx.db.selectFrom('auditEvents').selectAll().where('organisationId', '=', admin.organisationId).execute();
		expect(audit).toMatchObject([
			{
				action: 'organisation.settings_updated',
				actorId: admin.userId,
				details: '{"planTerm":"actionPlan","minGroupSize":7,"retentionDays":400,"requireTwoFactor":true,"erasureConfirmation":"holder"}'
			}
		]);
	});

	it('an admin chooses the client languages; Dutch always stays offered, and the choice is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		expect((await getOrganisationSettings({ ctx: t.ctx, actor: admin })).clientLocales).toEqual(['nl', 'en']);
		await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...SETTINGS, clientLocales: ['pl', 'ar'] } });
		expect((await getOrganisationSettings({ ctx: t.ctx, actor: admin })).clientLocales).toEqual(['nl', 'ar', 'pl']);
		const audit = await t.ctx.db.selectFrom('auditEvents').select('details').where('organisationId', '=', admin.organisationId).execute();
		expect(audit.at(-1)?.details).toContain('"clientLocales":"pl,ar"');
	});

	it('a new organisation calls its plan the family plan until an admin chooses another word', async () => {
		const admin = await buildOrganisation(t.ctx);
		expect((await getOrganisationSettings({ ctx: t.ctx, actor: admin })).planTerm).toBe('familyPlan');
		await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...SETTINGS, planTerm: 'supportPlan' } });
		expect((await getOrganisation({ ctx: t.ctx, actor: admin })).planTerm).toBe('supportPlan');
	});

	it('settings are for admins only: other roles get not found and nothing changes', async () => {
		const admin = await buildOrganisation(t.ctx, { name: 'Unchanged' });
		for (const role of ['teamLead', 'professional', 'trajectoryCoordinator'] as const) {
			const staff = await buildStaff(t.ctx, admin, { roles: [role] });
			await expect(updateOrganisationSettings({ ctx: t.ctx, actor: staff, input: SETTINGS })).rejects.toMatchObject({ code: 'not_found' });
			await expect(getOrganisationSettings({ ctx: t.ctx, actor: staff })).rejects.toMatchObject({ code: 'not_found' });
			// Every member may see the organisation's name, though.
			expect((await getOrganisation({ ctx: t.ctx, actor: staff })).name).toBe('Unchanged');
		}
	});

	it('the database itself refuses a smallest group below 5', async () => {
		const admin = await buildOrganisation(t.ctx);
		await expect(updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...SETTINGS, minGroupSize: 4 } })).rejects.toThrow();
		expect((await getOrganisation({ ctx: t.ctx, actor: admin })).minGroupSize).toBe(5);
	});

	it('only the system actor (the operator CLI) creates further organisations', async () => {
		const admin = await buildOrganisation(t.ctx);
		const input = { name: 'Tweede', clientTerm: 'client', defaultLocale: 'nl' } as const;
		await expect(createOrganisation({ ctx: t.ctx, actor: admin, input })).rejects.toMatchObject({ code: 'not_found' });
		await expect(createOrganisation({ ctx: t.ctx, actor: anonymousActor, input })).rejects.toMatchObject({ code: 'not_found' });
		const { organisationId } = await createOrganisation({ ctx: t.ctx, actor: systemActor, input });
		expect(await t.ctx.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst()).toEqual({
			name: 'Tweede'
		});
	});
});

describe('organisation settings form', () => {
	it('refuses a smallest group below 5 with the validation_min_group_size message', () => {
		const result = validateForm(settingsSchema, settingsForm({ minGroupSize: '4' }));
		expect(result).toMatchObject({ ok: false, errors: { minGroupSize: 'validation_min_group_size' } });
	});

	it('accepts 5 and turns numbers and the checkbox into values', () => {
		const form = settingsForm({ minGroupSize: ' 5 ' });
		form.set('requireTwoFactor', 'on');
		expect(validateForm(settingsSchema, form)).toEqual({
			ok: true,
			echo: expect.anything(),
			data: {
				name: 'Renamed',
				clientTerm: 'client',
				planTerm: 'supportPlan',
				defaultLocale: 'nl',
				minGroupSize: 5,
				retentionDays: 365,
				requireTwoFactor: true,
				erasureConfirmation: 'secondAdmin'
			}
		});
	});

	it('refuses a plan term that is not one of the four', () => {
		const result = validateForm(settingsSchema, settingsForm({ planTerm: 'treatmentPlan' }));
		expect(result).toMatchObject({ ok: false, errors: { planTerm: 'validation_choice' } });
	});

	it('refuses text, fractions and out-of-range retention', () => {
		const result = validateForm(settingsSchema, settingsForm({ minGroupSize: 'five', retentionDays: '10' }));
		expect(result).toMatchObject({
			ok: false,
			errors: { minGroupSize: 'validation_whole_number', retentionDays: 'validation_retention_range' }
		});
	});
});
