// A learning trajectory's outside participant in their own language (issue 16, docs/decisions/021):
// the coordinator invites her in Arabic; the mail, the invitation page, her trajectories, the
// consent and her moment form read right to left in Arabic; she changes to Polish on the page, and a language no
// organisation of hers offers is refused; her choice follows her to another device. Every page
// is checked with axe, the phone's at 360 px.
import {
	acceptInvitation,
	createStaffMember,
	expect,
	extractLink,
	postForm,
	signIn,
	submit,
	test,
	uniqueEmail,
	visit,
	waitForMail
} from './fixtures.ts';
import { day, follow, TRAJECTORY_PASSWORD } from './support/trajectory.ts';

test('an outside participant invited in Arabic reads her invitation, consent page and moment form right to left, and changes to Polish herself', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const coordinatorPage = await newPage();
	const coordinator = await createStaffMember(adminPage, coordinatorPage, mainApp, {
		label: 'coordinator-talen',
		roles: ['trajectoryCoordinator']
	});
	await signIn(coordinatorPage, mainApp, coordinator.email, coordinator.password);
	await visit(coordinatorPage, '/trajectories/new');
	const create = coordinatorPage.locator('main form');
	await create.getByLabel('Naam van het leertraject').fill('Samen leren');
	await create.getByLabel('T1 open vanaf').fill(day(0));
	await create.getByLabel('T1 open tot en met').fill(day(5));
	await submit(coordinatorPage, create.getByRole('button', { name: 'Leertraject maken' }));
	const trajectoryId = /\/trajectories\/([0-9a-f-]{36})$/.exec(coordinatorPage.url())![1]!;

	// Organisation A offers Arabic and Polish (e2e/global-setup.ts): the coordinator picks Arabic.
	const email = uniqueEmail('gast-ar');
	const invite = coordinatorPage.locator('form[action="?/invite"]');
	await invite.getByLabel('E-mailadres').fill(email);
	await invite.getByLabel('Organisatie', { exact: true }).fill('Buurtteam Zuid');
	await invite.getByLabel('Taal van de uitnodiging').selectOption('ar');
	await submit(coordinatorPage, invite.getByRole('button', { name: 'Uitnodigen' }));
	await expect(coordinatorPage.getByRole('status')).toHaveText('De uitnodiging is verstuurd.');

	const mail = await waitForMail(mainApp, email);
	expect(mail.subject).toBe('دعوة إلى مسار التعلم Samen leren');
	const link = extractLink(mail, '/invitation/');

	const guest = await newPage();
	await guest.setViewportSize({ width: 360, height: 740 });
	await visit(guest, link);
	await expect(guest.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(guest.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('مرحبًا بك في Tweespraak');
	await acceptInvitation(guest, link, { name: 'Huda Mansour', password: TRAJECTORY_PASSWORD });

	// Signing in is a staff page (Dutch); her trajectories and consent are hers, in Arabic.
	await signIn(guest, mainApp, email, TRAJECTORY_PASSWORD);
	await expect(guest).toHaveURL(/\/trajectories$/);
	await expect(guest.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('مسارات التعلم');
	await follow(guest, guest.getByRole('link', { name: 'Samen leren' }));
	await expect(guest.getByRole('heading', { name: 'الموافقة' })).toBeVisible();
	await submit(guest, guest.getByRole('button', { name: 'نعم، أوافق' }));
	await expect(guest.getByRole('status')).toHaveText('شكرًا. لقد وافقت.');
	await expect(coordinatorPage.locator('html')).toHaveAttribute('lang', 'nl');

	// Her moment form is hers too: Arabic, right to left, every text translated (no raw message key),
	// nothing wider than the phone; her answers are saved from it.
	const trajectoryPage = new URL(guest.url()).pathname;
	await follow(guest, guest.getByRole('link', { name: 'ملء T1' }));
	expect(new URL(guest.url()).pathname).toMatch(new RegExp(`^/trajectories/${trajectoryId}/me/moments/`));
	await expect(guest.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(guest.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('لحظة القياس T1');
	await expect(guest.getByRole('heading', { name: 'هدفك التعليمي' })).toBeVisible();
	await expect(guest.getByRole('heading', { name: 'ما الذي يجعل الأمر صعبًا؟' })).toBeVisible();
	const formText = await guest.getByRole('main').innerText();
	expect(formText, 'no raw message key').not.toMatch(/\b[a-z]+(_[a-z0-9]+){2,}\b/);
	expect(formText, 'no Dutch label left').not.toMatch(/Leerdoel|Opslaan|Uitleg/);
	expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await guest.getByRole('textbox', { name: 'هدفي التعليمي' }).fill('الاستماع أكثر');
	await submit(guest, guest.getByRole('button', { name: 'حفظ الإجابات' }));
	await expect(guest.locator('html')).toHaveAttribute('lang', 'ar');
	await visit(guest, trajectoryPage);

	// A language none of her organisations offers (German, no client language) is refused and nothing
	// changes; Polish is taken. (A client language not offered: trajectories.languages.integration.test.ts.)
	const picker = guest.locator('header form[action="/language"]');
	await expect(guest.locator('html')).toHaveAttribute('data-started', '');
	await expect(picker.locator('select')).toHaveValue('ar');
	const offered = await picker.locator('option').allTextContents();
	expect(offered).toEqual(expect.arrayContaining(['Nederlands', 'English', 'العربية', 'Polski']));
	expect(offered).not.toContain('Deutsch');
	const here = new URL(guest.url()).pathname;
	expect(await postForm(guest, mainApp, '/language', { locale: 'de', next: here })).toBe(here);
	await visit(guest, here);
	await expect(guest.getByRole('main')).toContainText('لا يمكن اختيار هذه اللغة هنا. لم تتغير اللغة.');
	await expect(guest.locator('html')).toHaveAttribute('lang', 'ar');
	await picker.locator('select').selectOption('pl');
	await submit(guest, picker.getByRole('button'));
	await expect(guest.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(guest.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(guest.getByRole('main')).toContainText('Twoja odpowiedź: Tak');
	await expect(guest.getByRole('button', { name: 'Wycofaj zgodę' })).toBeVisible();
	// Her moment form follows her new language.
	await follow(guest, guest.getByRole('link', { name: /T1/ }).first());
	expect(new URL(guest.url()).pathname).toMatch(new RegExp(`^/trajectories/${trajectoryId}/me/moments/`));
	await expect(guest.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Moment pomiaru T1');

	// Her choice is kept on her account: signed in on another device, her trajectories are in Polish.
	const laptop = await newPage();
	await signIn(laptop, mainApp, email, TRAJECTORY_PASSWORD);
	await expect(laptop).toHaveURL(/\/trajectories$/);
	await expect(laptop.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(laptop.getByRole('heading', { level: 1 })).toHaveText('Ścieżki nauki');
});
