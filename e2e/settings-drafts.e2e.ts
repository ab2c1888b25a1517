// Text typed in one part of the trajectory settings and not sent comes back after another part
// is saved (docs/decisions/004-live-updates.md, "Drafts"), on the row it was typed on: the rows are
// numbered by their place (q3Text), and when a colleague removed a question meanwhile, the text
// typed for question 3 must come back on that question, not on the one that is row 3 now. So does
// the kind of answer chosen in its dropdown (Select.svelte; it was lost without JavaScript).
import { createStaffMember, expect, postForm, signIn, submit, test, visit } from './fixtures.ts';
import { NOT_SENT } from './support/drafts.ts';
import { day } from './support/trajectory.ts';

for (const javaScript of [true, false]) {
	const how = javaScript ? 'with JavaScript' : 'without JavaScript';

	test(`trajectory settings, ${how}: a question's unsent text and kind come back on that question after a colleague removed the one before it`, async ({
		adminPage,
		newPage,
		mainApp
	}) => {
		const page = await newPage({ javaScriptEnabled: javaScript });
		const coordinator = await createStaffMember(adminPage, page, mainApp, {
			label: `settings-drafts-${javaScript ? 'js' : 'nojs'}`,
			roles: ['trajectoryCoordinator']
		});
		await signIn(page, mainApp, coordinator.email, coordinator.password);
		const created = await postForm(page, mainApp, '/trajectories/new', {
			name: 'Concepten per vraag',
			description: '',
			consentText: 'Ik doe mee.',
			meeting1Date: day(7),
			meeting1Title: 'Startbijeenkomst',
			meeting1Place: '',
			meeting1Programme: '',
			moment1Opens: day(0),
			moment1Closes: day(7)
		});
		const trajectoryId = /\/trajectories\/([0-9a-f-]{36})$/.exec(created)![1]!;
		const settings = `/trajectories/${trajectoryId}/settings`;
		await visit(page, settings, { status: 200 });

		const row = (n: number) => ({
			key: page.locator(`input[name="q${n}Key"]`),
			text: page.locator(`input[name="q${n}Text"]`),
			kind: page.locator(`#field-q${n}Kind`)
		});
		const keys = await Promise.all([1, 2, 3, 4].map((n) => row(n).key.getAttribute('value')));
		const texts = await Promise.all([1, 2, 3, 4].map((n) => row(n).text.inputValue()));
		await row(3).text.fill('Vraag drie, anders gezegd');
		// Another kind of answer than the one saved, and than the one the colleague below saves (scale3).
		const kind = (await row(3).kind.inputValue()) === 'scale4' ? 'text' : 'scale4';
		await row(3).kind.selectOption(kind);

		// Meanwhile, in another tab, question 2 is removed (its text emptied): question 3 is row 2 now.
		const template = Object.fromEntries(
			[1, 2, 3, 4, 5, 6].flatMap((n) => [
				[`q${n}Key`, keys[n - 1] ?? ''],
				[`q${n}Text`, n === 2 ? '' : (texts[n - 1] ?? '')],
				[`q${n}Kind`, 'scale3'],
				[`q${n}From`, '1']
			])
		);
		await postForm(page, mainApp, `${settings}?/template`, template);

		// The moments are saved; the page comes back with the text typed and not sent.
		await submit(page, page.locator('form[data-group="moments"]').getByRole('button', { name: 'Opslaan' }));
		await expect(page).toHaveURL(/saved=moments/);
		await expect(row(2).key).toHaveValue(keys[2]!);
		await expect(row(2).text).toHaveValue('Vraag drie, anders gezegd');
		await expect(row(2).kind, 'the kind chosen and not sent is chosen again').toHaveValue(kind);
		await expect(row(2).kind, 'and it says it was not sent yet').toHaveAccessibleDescription(NOT_SENT);
		// Row 3 shows what was question 4, with its own words and kind: the drafts are not put on it.
		await expect(row(3).key).toHaveValue(keys[3]!);
		await expect(row(3).text).toHaveValue(texts[3]!);
		await expect(row(3).kind).toHaveValue('scale3');
		await expect(row(3).kind).not.toHaveAccessibleDescription(NOT_SENT);

		// Saved with its own part, the kind chosen is what is stored, and nothing is marked as not sent any more.
		await submit(page, page.locator('form[data-group="template"]').getByRole('button', { name: 'Opslaan' }));
		await expect(page).toHaveURL(/saved=template/);
		await expect(row(2).kind).toHaveValue(kind);
		await expect(page.getByText(NOT_SENT)).toHaveCount(0);
	});
}
