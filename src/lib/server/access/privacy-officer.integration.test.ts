import { expect, it } from 'vitest';
import { exportAccessLogCsv, searchAccessLog } from '../audit/access-log.usecases.ts';
import { listAuditEvents } from '../audit/audit.usecases.ts';
import { getCollaboration } from '../collaborations/collaborations.usecases.ts';
import { getIdentityProvider } from '../identity/identity.usecases.ts';
import { acceptInvitation, inviteStaff } from '../invitations/invitations.usecases.ts';
import { getOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { getProcessingRegister } from '../privacy/privacy.usecases.ts';
import { getRetentionPreview } from '../retention/retention.usecases.ts';
import { listStaff } from '../staff/staff.usecases.ts';
import {
	anonymousActor,
	buildCollaboration,
	buildOrganisation,
	buildStaff,
	cookieHeadersFrom,
	linkInMail,
	tokenFromLink
} from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { authenticate } from '../auth/authenticate.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { doorFor } from '../testing/doors.ts';
import { PERMISSIONS, type Permission } from './permissions.ts';

const PRIVACY_OFFICER_PERMISSIONS: Permission[] = [
	'account.manage',
	'organisation.view',
	'audit.view',
	'accessLog.view',
	'retention.view',
	'privacy.register.view'
];

describeOnBothDatabases('the privacy officer', (dialect) => {
	const t = useTestContext(dialect);
	const query = { reference: '', staff: '', from: '', to: '', before: '' };

	it('has exactly the permissions to check the logs, the register and the retention overview', () => {
		const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
			(PERMISSIONS[p].roles as readonly string[]).includes('privacyOfficer')
		);
		expect(granted.sort()).toEqual([...PRIVACY_OFFICER_PERMISSIONS].sort());
	});

	it('searches and exports the access log, reads the audit log, the processing register and the retention overview', async () => {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin);
		const { collaborationId } = await buildCollaboration(t.ctx, professional, { participants: 1 });
		await getCollaboration({ ctx: t.ctx, actor: professional, collaborationId });
		const officer = await buildStaff(t.ctx, admin, { roles: ['privacyOfficer'] });

		const found = await searchAccessLog({ ctx: t.ctx, actor: officer, query: { ...query, reference: collaborationId } });
		expect(found.entries.length).toBeGreaterThan(0);
		expect(found.entries.every((entry) => entry.collaborationId === collaborationId)).toBe(true);
		const csv = await exportAccessLogCsv({ ctx: t.ctx, actor: officer, query: { ...query, reference: collaborationId }, locale: 'nl' });
		expect(JSON.stringify(csv)).toContain(collaborationId);
		expect((await listAuditEvents({ ctx: t.ctx, actor: officer, query: {} })).events.length).toBeGreaterThan(0);
		await expect(getProcessingRegister({ ctx: t.ctx, actor: officer })).resolves.toBeDefined();
		await expect(getRetentionPreview({ ctx: t.ctx, actor: officer })).resolves.toBeDefined();
	});

	it('sees nothing with client content and manages nothing: every other permission is refused', async () => {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin);
		const { collaborationId } = await buildCollaboration(t.ctx, professional, { participants: 1 });
		const officer = await buildStaff(t.ctx, admin, { roles: ['privacyOfficer'] });
		await expect(getCollaboration({ ctx: t.ctx, actor: officer, collaborationId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(listStaff({ ctx: t.ctx, actor: officer })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getOrganisationSettings({ ctx: t.ctx, actor: officer })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getIdentityProvider({ ctx: t.ctx, actor: officer })).rejects.toMatchObject({ code: 'not_found' });
		for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
			if (PRIVACY_OFFICER_PERMISSIONS.includes(permission)) continue;
			const ids = PERMISSIONS[permission].resource ? [collaborationId] : undefined;
			await expect(doorFor(permission)({ db: t.ctx.db, actor: officer, permission, ids }), permission).rejects.toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('is invited like any other role and signs in as a privacy officer', async () => {
		const admin = await buildOrganisation(t.ctx);
		const email = `fg-${dialect}@tweespraak.test`;
		await inviteStaff({ ctx: t.ctx, actor: admin, input: { email, roles: ['privacyOfficer'], teamId: '', locale: 'nl' } });
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to(email).at(-1)!));
		const password = 'een lang wachtwoord voor de functionaris';
		await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token,
			input: { name: 'Fien Gegevens', password, passwordConfirm: password }
		});
		const outcome = await signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email,
			password,
			clientAddress: '10.2.0.1',
			requestHeaders: new Headers()
		});
		const { actor } = await authenticate(t.ctx, cookieHeadersFrom(outcome.headers));
		expect(actor).toMatchObject({ type: 'staff', roles: ['privacyOfficer'] });
	});
});
