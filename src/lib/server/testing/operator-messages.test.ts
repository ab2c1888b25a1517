// The operator commands (scripts/tweespraak.mjs) run the server modules directly, with the messages
// the build compiled into src/lib/paraglide. After an upgrade run before `npm run build`, those were
// the old version's: old texts, or a crash on a message the new code uses. ensureMessages compiles
// them when they are missing or older than messages/*.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureMessages, LINGERING_TIMER_MS, withoutLingeringTimers } from '../../../../scripts/messages.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
let app: string;

/** An app folder with one message in two languages, the real project settings (two locales) and the real node_modules. */
function writeApp(greeting: string): void {
	fs.mkdirSync(path.join(app, 'messages'), { recursive: true });
	fs.mkdirSync(path.join(app, 'project.inlang'), { recursive: true });
	const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.inlang', 'settings.json'), 'utf8'));
	fs.writeFileSync(path.join(app, 'project.inlang', 'settings.json'), JSON.stringify({ ...settings, locales: ['nl', 'en'] }));
	fs.writeFileSync(path.join(app, 'messages', 'nl.json'), JSON.stringify({ greeting }));
	fs.writeFileSync(path.join(app, 'messages', 'en.json'), JSON.stringify({ greeting: 'Hello' }));
}

/** Every text the compiled messages hold (their files' contents): Node's module cache would keep an earlier compile's. */
function compiledTexts(): string {
	const dir = path.join(app, 'src', 'lib', 'paraglide');
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.js'))
		.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
		.join('\n');
}

beforeEach(() => {
	app = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-messages-'));
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
});
afterEach(() => fs.rmSync(app, { recursive: true, force: true }));

describe('the operator commands’ messages', () => {
	it('are compiled when missing, left alone when up to date, and compiled again when a language file is newer', async () => {
		writeApp('Hallo');
		expect(await ensureMessages(app)).toBe(true);
		expect(compiledTexts()).toContain('Hallo');
		expect(await ensureMessages(app)).toBe(false);

		// A minute later an upgrade brings a new text: the language file is newer than what was compiled.
		const compiledAt = new Date(Date.now() - 60_000);
		fs.utimesSync(path.join(app, 'src', 'lib', 'paraglide', 'runtime.js'), compiledAt, compiledAt);
		writeApp('Goedendag');
		expect(await ensureMessages(app)).toBe(true);
		expect(compiledTexts()).toContain('Goedendag');
		expect(compiledTexts()).not.toContain('Hallo');
		expect(await ensureMessages(app)).toBe(false);
	}, 60_000);
});

describe('compiling the messages', () => {
	it('leaves nothing behind that keeps the process running once it is done', () => {
		writeApp('Hallo');
		// In a process of its own, as an operator's command or the build: what still holds it open after the compile.
		const script = `
			const { ensureMessages } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts', 'messages.mjs')).href)});
			const compiled = await ensureMessages(${JSON.stringify(app)});
			console.log(JSON.stringify({ compiled, holding: process.getActiveResourcesInfo() }));
			process.exit(0);`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
		expect(result.stderr).toBe('');
		const { compiled, holding } = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { compiled: boolean; holding: string[] };
		expect(compiled).toBe(true);
		// The compiler's store started a dozen or more 30-second timers here, which kept the build and an operator's first command waiting.
		expect(holding.filter((resource) => resource === 'Timeout')).toEqual([]);
	}, 60_000);

	it('unrefs only the long timers started during the compile, also when compiles overlap, and puts setTimeout back', async () => {
		const original = globalThis.setTimeout;
		const timers: NodeJS.Timeout[] = [];
		try {
			let inner: Promise<void> | undefined;
			await withoutLingeringTimers(async () => {
				timers.push(
					setTimeout(() => {}, LINGERING_TIMER_MS),
					setTimeout(() => {}, 1_000)
				);
				// A second compile that starts inside the first and ends after it.
				inner = withoutLingeringTimers(async () => {
					await new Promise((resolve) => original(resolve, 20));
					timers.push(setTimeout(() => {}, LINGERING_TIMER_MS));
				});
			});
			await inner;
			timers.push(setTimeout(() => {}, LINGERING_TIMER_MS));
			expect(timers.map((timer) => timer.hasRef())).toEqual([false, true, false, true]);
			expect(globalThis.setTimeout).toBe(original);
		} finally {
			for (const timer of timers) clearTimeout(timer);
			globalThis.setTimeout = original;
		}
	});
});
