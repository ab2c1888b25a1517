// The operator's way back in for an organisation without an admin: `make-admin` on the command
// line (scripts/tweespraak.mjs). The use case's rules on both databases are in
// src/lib/server/staff/staff.operator.integration.test.ts; here the command as an operator runs it.
import { createStaffMember, expect, runCli, signIn, test, visit } from './fixtures.ts';

test('the operator makes a professional admin with make-admin: their open session shows the staff page at once, and the audit log names the operator', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	const proPage = await newPage();
	const pro = await createStaffMember(adminPage, proPage, mainApp, { label: 'wordt-beheerder', roles: ['professional'] });
	await signIn(proPage, mainApp, pro.email, pro.password);
	await visit(proPage, '/admin/staff', { status: 404 });

	// An operator's typo: one line and the usage, exit 1, no stack trace, nothing changed.
	const typo = runCli(mainApp, ['make-admin', '--emial', pro.email]);
	expect(typo.status).toBe(1);
	expect(typo.stderr).toContain("Unknown option '--emial'. Nothing was changed.");
	expect(typo.stderr).not.toMatch(/\n\s+at /);
	const unknown = runCli(mainApp, ['make-admin', '--email', `niemand-${pro.email}`]);
	expect(unknown.status).toBe(1);
	expect(unknown.stderr).toContain(`Nothing changed: no account has the address niemand-${pro.email}.`);
	await visit(proPage, '/admin/staff', { status: 404 });

	const made = runCli(mainApp, ['make-admin', '--email', pro.email.toUpperCase()]);
	expect(made.status, made.stderr).toBe(0);
	expect(made.stdout).toContain(`${pro.email} is now an admin of `);

	await visit(proPage, '/admin/staff', { status: 200 });
	await expect(proPage.getByRole('heading', { level: 1 })).toHaveText('Medewerkers');
	await visit(proPage, '/admin/audit?action=staff.made_admin', { status: 200 });
	await expect(proPage.getByRole('main')).toContainText('Beheerder gemaakt door de serverbeheerder');

	const again = runCli(mainApp, ['make-admin', '--email', pro.email]);
	expect(again.status).toBe(0);
	expect(again.stdout).toContain(`Nothing changed: ${pro.email} is already an admin of `);

	// invite-admin is for an organisation with nobody active left to make admin (its rules on both
	// databases: staff.operator.integration.test.ts); here, that the command reaches the database and answers.
	const unknownOrganisation = '00000000-0000-4000-8000-000000000000';
	const invite = runCli(mainApp, ['invite-admin', '--organisation', unknownOrganisation, '--email', `nieuw-${pro.email}`]);
	expect(invite.status).toBe(1);
	expect(invite.stderr.trim()).toBe(`Nothing changed: no organisation has the id ${unknownOrganisation}.`);
});
