// Issue 12 part 8: on a 360 px phone the 0–10 line wrapped into two rows (0–5, then 6–10) and no
// longer read as one line from "ontevreden" to "tevreden". On 320 and 360 px phones all eleven
// points now lie on one row, each target at least 24 × 24 px (WCAG 2.2 target size), and the
// line still works by keyboard (arrow keys move along the radio group).
import { checkPage, expect, test, type Page } from './fixtures.ts';
import { joinByPost, professionalWithCollaboration, startQuickCheck } from './support/quick-check.ts';

/** The eleven points of one item's line: the labels a person taps. */
async function pointBoxes(page: Page, itemKey: string) {
	const labels = page.locator(`fieldset#rating-${itemKey} .points label`);
	await expect(labels).toHaveCount(11);
	return Promise.all(Array.from({ length: 11 }, async (_, i) => (await labels.nth(i).boundingBox())!));
}

test('on 320 and 360 px phones the 0–10 line is one row of eleven targets of at least 24 px, usable by keyboard', async ({
	adminPage,
	newPage,
	mainApp
}) => {
	test.setTimeout(180_000);
	const { page: proPage, collaborationId } = await professionalWithCollaboration(adminPage, newPage, mainApp, 'lijn', {
		label: `Lijn ${Date.now().toString(36)}`,
		participants: [{ name: 'Lotte' }]
	});
	const check = await startQuickCheck(proPage, collaborationId);

	const clientPage = await newPage({ viewport: { width: 320, height: 700 } });
	await joinByPost(clientPage, mainApp, check.code, 'Lotte');
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat onze samenwerking?');

	for (const width of [320, 360]) {
		await clientPage.setViewportSize({ width, height: 700 });
		const boxes = await pointBoxes(clientPage, 'omgang');
		const top = boxes[0]!.y;
		for (const [index, box] of boxes.entries()) {
			expect(Math.abs(box.y - top), `${width} px: point ${index} lies on the same row as 0`).toBeLessThan(1);
			expect(box.width, `${width} px: point ${index} is at least 24 px wide`).toBeGreaterThanOrEqual(24);
			expect(box.height, `${width} px: point ${index} is at least 24 px high`).toBeGreaterThanOrEqual(24);
		}
		expect(boxes[10]!.x, `${width} px: 10 lies right of 0`).toBeGreaterThan(boxes[0]!.x);
		const overflow = await clientPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, `${width} px: the page does not scroll sideways`).toBeLessThanOrEqual(0);
	}
	await checkPage(clientPage);

	// By keyboard: into the group, then the arrow key moves along the line; the screen reader hears "3 van 10".
	await clientPage.locator('#rating-omgang-20').focus();
	await clientPage.keyboard.press('Space');
	await clientPage.keyboard.press('ArrowRight');
	await expect(clientPage.getByRole('radio', { name: '3 van 10', exact: true }).first()).toBeChecked();
});
