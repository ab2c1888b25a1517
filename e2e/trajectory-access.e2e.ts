// A participant of a learning trajectory reaches only their own trajectory and their own answers
// (split from e2e/trajectories.e2e.ts).
import { createStaffMember, expect, signIn, submit, test, visit } from './fixtures.ts';
import { day, follow } from './support/trajectory.ts';

test("a participant never reaches another trajectory, nor another participant's answers", async ({ adminPage, newPage, mainApp }) => {
	test.setTimeout(180_000);
	const coordinatorPage = await newPage();
	const coordinator = await createStaffMember(adminPage, coordinatorPage, mainApp, {
		label: 'coordinator2',
		roles: ['trajectoryCoordinator']
	});
	await signIn(coordinatorPage, mainApp, coordinator.email, coordinator.password);
	// A professional of organisation A is invited into trajectory X only.
	const professionalPage = await newPage();
	const professional = await createStaffMember(adminPage, professionalPage, mainApp, { label: 'deelnemer', roles: ['professional'] });
	const create = async (name: string) => {
		await visit(coordinatorPage, '/trajectories/new');
		const form = coordinatorPage.locator('main form');
		await form.getByLabel('Naam van het leertraject').fill(name);
		await form.getByLabel('T1 open vanaf').fill(day(0));
		await form.getByLabel('T1 open tot en met').fill(day(5));
		await submit(coordinatorPage, form.getByRole('button', { name: 'Leertraject maken' }));
		return /\/trajectories\/([0-9a-f-]{36})$/.exec(coordinatorPage.url())![1]!;
	};
	const x = await create('Traject X');
	const invite = coordinatorPage.locator('form[action="?/invite"]');
	await invite.getByLabel('E-mailadres').fill(professional.email);
	await invite.getByLabel('Organisatie', { exact: true }).fill('Organisatie A');
	await submit(coordinatorPage, invite.getByRole('button', { name: 'Uitnodigen' }));
	await expect(coordinatorPage.getByRole('status')).toHaveText('De deelnemer is toegevoegd en heeft een e-mail gekregen.');
	const y = await create('Traject Y');

	await signIn(professionalPage, mainApp, professional.email, professional.password);
	await follow(professionalPage, professionalPage.getByRole('navigation').getByRole('link', { name: 'Leertrajecten' }));
	await expect(professionalPage.getByRole('link', { name: 'Traject X' })).toBeVisible();
	await expect(professionalPage.getByRole('link', { name: 'Traject Y' })).toHaveCount(0);
	for (const path of [`/trajectories/${y}/me`, `/trajectories/${x}`, `/trajectories/${x}/report`]) {
		await visit(professionalPage, path, { status: 404 });
	}
	// Within X there is nothing of other participants to open: the page shows my own answers only.
	await visit(professionalPage, `/trajectories/${x}/me`);
	await expect(professionalPage.getByRole('link', { name: 'T1 invullen' })).toBeVisible();
});
