import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeMessages } from '#lib/runtime-messages.ts';
import { errorMessage, translate } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import { errorMessagesReachableFrom } from '#lib/server/testing/client-error-codes.ts';
import { ROOT } from '#lib/server/testing/client-pages.ts';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import { messageKeys, renderRuntimeMessages, runtimeMessageKeys, TABLE_FILE } from './runtime-messages.ts';

const keys = messageKeys(ROOT);
const table = new Set(runtimeMessageKeys(ROOT));

/** Every file whose code runs on the server when a page or endpoint answers: routes' server files and the hooks. */
function serverEntryFiles(): string[] {
	const routes = sourceFiles(path.join(ROOT, 'src/routes'), (name) => /^\+((page|layout)\.)?server\.ts$/.test(name));
	return [...routes.map((file) => path.relative(ROOT, file)), 'src/hooks.server.ts'];
}

describe('the messages a page looks up by key (src/runtime-messages)', () => {
	it('the table the pages get is the one the source asks for, and has nothing else (else: npm run messages:runtime)', () => {
		expect(fs.readFileSync(path.join(ROOT, TABLE_FILE), 'utf8'), `${TABLE_FILE} is out of date: run npm run messages:runtime`).toBe(
			renderRuntimeMessages([...table])
		);
		expect(Object.keys(runtimeMessages).sort()).toEqual([...table]);
		expect(Object.getPrototypeOf(runtimeMessages)).toBeNull();
	});

	it('the operator commands can load it: the pages’ messages import in plain Node, without the bundler', () => {
		const loaded = spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				"const { errorMessage } = await import('./src/lib/i18n.ts'); console.log(errorMessage('participation.invalid_code'));"
			],
			{ cwd: ROOT, encoding: 'utf8' }
		);
		expect(loaded.stderr).toBe('');
		expect(loaded.stdout).toContain('Deze code werkt niet');
	});

	it('every message the server can answer a page with is in it: error codes with their one-minute variant, field refusals, notices', () => {
		const reachable = errorMessagesReachableFrom(serverEntryFiles(), new Set(keys));
		expect(reachable.size, 'the walk found what the server sends').toBeGreaterThan(150);
		expect([...reachable].filter((key) => !table.has(key))).toEqual([]);
	});

	it('every domain error code has its message in it', () => {
		const source = fs.readFileSync(path.join(ROOT, 'src/lib/server/shared/errors.ts'), 'utf8');
		const statusList = source.slice(source.indexOf('const STATUS'));
		const codes = [...statusList.matchAll(/^\t'?([a-z_.]+)'?: \d{3},?$/gm)].map(([, code]) => code!);
		expect(codes.length).toBeGreaterThan(100);
		const missing = codes.map((code) => `error_${code.replaceAll('.', '_')}`).filter((key) => keys.includes(key) && !table.has(key));
		expect(missing).toEqual([]);
	});

	it('a message only called by its name stays out, so a page fetches the texts it shows and not every text of the app', () => {
		for (const key of ['shell_skip_link', 'join_title', 'collaboration_handover_title']) expect(table.has(key), key).toBe(false);
		expect(table.size).toBeLessThan(keys.length / 4);
	});

	it('takes a key written whole, and every key that a template or a concatenation starts', () => {
		const found = runtimeMessageKeys(ROOT, [
			"notice({ message: 'staff_invite_sent' })",
			'translate(`privacy_scope_${line.resource}`)',
			"translate('instruments_problem_' + code)",
			'm.join_title()',
			"'not_a_message_key'"
		]);
		expect(found).toContain('staff_invite_sent');
		expect(found.filter((key) => key.startsWith('privacy_scope_'))).toEqual(keys.filter((key) => key.startsWith('privacy_scope_')).sort());
		expect(found.filter((key) => key.startsWith('instruments_problem_')).length).toBeGreaterThan(1);
		expect(found).not.toContain('join_title');
		expect(found).not.toContain('not_a_message_key');
	});

	it('no module a page runs names the messages as a whole (m[key], key in m, m passed on), which would put every message back into one chunk', () => {
		const pageCode = sourceFiles(
			path.join(ROOT, 'src'),
			(name) => /\.(ts|svelte)$/.test(name) && !/\.test\.ts$|(^|\.|\+)server\.ts$/.test(name)
		);
		const offenders: string[] = [];
		for (const file of pageCode) {
			if (file.split(path.sep).includes('server')) continue;
			const source = fs.readFileSync(file, 'utf8');
			const namespaces = [...source.matchAll(/import \* as (\w+) from '[^']*paraglide\/messages(?:\.js|\/_index\.js)'/g)].map(
				([, name]) => name!
			);
			const uses = source.replace(/import \* as \w+ from '[^']+'/g, '');
			for (const name of namespaces)
				if (new RegExp(`(?<![\\w.$])${name}\\b(?!\\s*\\.\\s*[A-Za-z_$])`).test(uses)) offenders.push(path.relative(ROOT, file));
		}
		expect(pageCode.length, 'the walk found the pages').toBeGreaterThan(100);
		expect(offenders).toEqual([]);
	});

	it('translate finds a key in the table, and falls back for one that is not (nor an Object property)', () => {
		expect(translate('validation_required', {}, m.app_name)).not.toBe(m.app_name());
		expect(translate('validation_required')).not.toBe(translate('no_such_key'));
		expect(translate('constructor', {}, m.app_name)).toBe(m.app_name());
		expect(translate('join_title', {}, m.app_name)).toBe(m.app_name());
		expect(errorMessage('participation.invalid_code')).toContain('Deze code werkt niet');
	});
});
