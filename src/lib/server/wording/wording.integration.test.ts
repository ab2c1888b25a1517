import { expect, it } from 'vitest';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	getClientWording,
	listClientWording,
	overridesForOrganisation,
	resetClientWording,
	saveClientWording
} from './wording.usecases.ts';

describeOnBothDatabases("an organisation's own wording of client texts", (dialect) => {
	const t = useTestContext(dialect);

	it('an admin saves a wording per language; the organisation’s participants get it at once, another organisation never', async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildOrganisation(t.ctx);
		await overridesForOrganisation(t.ctx, admin.organisationId); // cached before the change
		const text = 'Kies op elke lijn een plek. Goed of fout bestaat niet.';
		expect(await saveClientWording({ ctx: t.ctx, actor: admin, locale: 'nl', key: 'rating_intro', text: `  ${text} ` })).toEqual({
			ok: true
		});

		expect((await overridesForOrganisation(t.ctx, admin.organisationId)).get('nl:rating_intro')).toBe(text);
		expect((await overridesForOrganisation(t.ctx, other.organisationId)).size).toBe(0);
		const page = await getClientWording({ ctx: t.ctx, actor: admin, locale: 'nl', key: 'rating_intro' });
		expect(page.own).toBe(text);
		const list = await listClientWording({ ctx: t.ctx, actor: admin, locale: 'nl', query: '' });
		expect(list.rows[0]).toMatchObject({ key: 'rating_intro', own: text });
		expect(list.total).toBeGreaterThan(100);
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action'])
			.where('action', '=', 'wording.saved')
			.where('organisationId', '=', admin.organisationId)
			.execute();
		expect(audit).toHaveLength(1);

		await resetClientWording({ ctx: t.ctx, actor: admin, locale: 'nl', key: 'rating_intro' });
		expect((await overridesForOrganisation(t.ctx, admin.organisationId)).size).toBe(0);
	});

	it('refuses markup, a lost placeholder or an unknown text, and stores nothing', async () => {
		const admin = await buildOrganisation(t.ctx);
		const save = (key: string, text: string, locale = 'tr') => saveClientWording({ ctx: t.ctx, actor: admin, locale, key, text });
		expect(await save('rating_intro', '<img src=x onerror=alert(1)>')).toEqual({ ok: false, problem: 'markup' });
		expect(await save('rating_progress', 'Herkes bitirince bakarsınız.')).toEqual({ ok: false, problem: 'placeholders' });
		await expect(save('wording_title', 'Staff text')).rejects.toMatchObject({ code: 'not_found' });
		await expect(save('rating_intro', 'Een tekst', 'de')).rejects.toMatchObject({ code: 'not_found' });
		const stored = await t.ctx.db.selectFrom('messageOverrides').selectAll().where('organisationId', '=', admin.organisationId).execute();
		expect(stored).toEqual([]);
	});

	it('a professional may not read or change the wording', async () => {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional', 'teamLead'] });
		await expect(listClientWording({ ctx: t.ctx, actor: professional, locale: 'nl', query: '' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			saveClientWording({ ctx: t.ctx, actor: professional, locale: 'nl', key: 'rating_intro', text: 'Anders' })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
