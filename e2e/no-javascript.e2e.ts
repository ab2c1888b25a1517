// Progressive enhancement: every form is a plain HTML form, so the app works without JavaScript.
import { createStaffMember, expect, loginAs, signOut, switchLanguage, test, visit } from './fixtures.ts';

test('without JavaScript a staff member can accept an invitation, sign in and sign out', async ({ adminPage, newPage, mainApp }) => {
	const page = await newPage({ javaScriptEnabled: false });
	const member = await createStaffMember(adminPage, page, mainApp, { label: 'zonder-js' });

	await loginAs(page, member.email, member.password);
	await expect(page).toHaveURL(/\/start$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${member.name}`);

	await switchLanguage(page, 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${member.name}`);

	await signOut(page);
	await expect(page.getByRole('status')).toHaveText('You have signed out.');
	await visit(page, '/start');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fstart$/);
});
