// Issue 11, hole 1: an admin who sees the organisation total, raises "Kleinste groep voor
// overzichten" from 5 to 6 on the settings page and lowers it again must never get to see team
// Groot beside that total (organisation minus Groot is small team Klein, exactly). The
// organisation (one professional with six collaborations in Groot, four in Klein) is written
// into the shared server's database by e2e/support/seed-minimum-flip.ts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, fieldError, type Page, signIn, submit, test, visit } from './fixtures.ts';
import { ROOT } from './support/server.ts';
import { readMainState } from './support/state.ts';

let seeded: { email: string; password: string; grootTeamId: string; quarter: string };

// Five dashboards and four settings pages, each checked with axe (slow on a busy machine).
// The tests share the organisation seeded once below: one worker runs them in order.
test.describe.configure({ mode: 'default', timeout: 300_000 });

test.beforeAll(() => {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: readMainState().dataDir, LOG_LEVEL: 'warn' };
	delete env.DATABASE_URL;
	const result = spawnSync(process.execPath, [path.join(ROOT, 'e2e', 'support', 'seed-minimum-flip.ts'), `drempel-${Date.now()}`], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 60_000
	});
	if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}`);
	seeded = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
});

/** The clients' figure for "Luisteren" in the last completed quarter, as the dashboard shows it for the organisation or a team. */
async function listening(page: Page, team?: string): Promise<string> {
	const query = new URLSearchParams({ from: seeded.quarter, to: seeded.quarter, ...(team ? { team } : {}) });
	await visit(page, `/insights/dashboard?${query}`, { status: 200 });
	return page
		.getByRole('table', { name: /^Per vraag in K\d \d{4}$/ })
		.getByRole('row', { name: /Luisteren/ })
		.innerText();
}

async function setMinimum(page: Page, value: string): Promise<void> {
	await visit(page, '/admin/settings', { status: 200 });
	await page.getByLabel('Kleinste groep voor overzichten').fill(value);
	await submit(page, page.getByRole('button', { name: 'Opslaan' }));
	await expect(page.getByRole('status')).toContainText('Opgeslagen.');
	await expect(fieldError(page, 'minGroupSize')).toHaveCount(0);
}

test('raising the minimum group size from 5 to 6 and back never lets the admin see team Groot beside the organisation total', async ({
	newPage
}) => {
	const page = await newPage();
	await signIn(page, readMainState(), seeded.email, seeded.password);
	// Under 5 the organisation is shown (5,0 on the 0–10 line it was asked on) and Groot is not.
	expect(await listening(page)).toContain('5,0');
	expect(await listening(page, seeded.grootTeamId)).toContain('te weinig gegevens');
	await setMinimum(page, '6');
	// Under 6 alone Groot (8,0) would be shown, and 5,0 × 10 − 8,0 × 6 gives Klein's 4 × 0,5.
	expect(await listening(page, seeded.grootTeamId)).toContain('te weinig gegevens');
	expect(await listening(page)).toContain('te weinig gegevens');
	await setMinimum(page, '5');
	// Hidden once, hidden for good.
	expect(await listening(page, seeded.grootTeamId)).toContain('te weinig gegevens');
});
