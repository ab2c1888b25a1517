import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from './config.ts';

/**
 * The systemd unit and its settings file in deploy/ (README, "Run as a service") are shipped, not
 * run by any test: this keeps them true to the app. The variables the app reads are taken from the
 * code itself, not listed here.
 */

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** `Key=value` lines of a unit file, by section; a key may repeat (Environment=). */
function parseUnit(text: string): Map<string, string[]> {
	const entries = new Map<string, string[]>();
	let section = '';
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (!line || line.startsWith('#') || line.startsWith(';')) continue;
		const header = /^\[(.+)\]$/.exec(line);
		if (header) {
			section = header[1]!;
			continue;
		}
		const at = line.indexOf('=');
		const key = `${section}.${line.slice(0, at)}`;
		entries.set(key, [...(entries.get(key) ?? []), line.slice(at + 1)]);
	}
	return entries;
}

/** The names an `Environment=` value sets: `A=1 "B=two words"`. */
function namesInEnvironment(value: string): string[] {
	return [...value.matchAll(/(?:^|\s)"?([A-Za-z_][A-Za-z0-9_]*)=/g)].map((match) => match[1]!);
}

/** The names an environment file sets, and those its comments show as examples (`# NAME=value`). */
function namesInEnvironmentFile(text: string): string[] {
	return [...text.matchAll(/^(?:#\s*)?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
}

/**
 * Every variable the running server reads: the app's validated configuration (config.ts, which
 * src/env.ts declares), what scripts/server.mjs and its process settings read, and what
 * adapter-node's request handler (the part server.mjs uses) reads.
 */
function variablesTheAppReads(): Set<string> {
	const names = new Set(Object.keys(parse));
	for (const script of ['scripts/server.mjs', 'scripts/server-process.mjs']) {
		for (const match of read(script).matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(match[1]!);
	}
	const handler = read('node_modules/@sveltejs/adapter-node/src/handler.js');
	for (const match of handler.matchAll(/\benv\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g)) names.add(match[1]!);
	return names;
}

/** The variables of the README's configuration table: what an operator is told about. */
function variablesInReadme(): Set<string> {
	const readme = read('README.md');
	const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
	return new Set([...table.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((match) => match[1]!));
}

describe('the shipped systemd unit (deploy/tweespraak.service)', () => {
	const unit = parseUnit(read('deploy/tweespraak.service'));
	const one = (key: string) => {
		expect(unit.get(key), key).toHaveLength(1);
		return unit.get(key)![0]!;
	};
	const settings = read('deploy/tweespraak.env');

	it('starts the server script that exists, with node, the command the README documents', () => {
		const [node, script, ...rest] = one('Service.ExecStart').split(/\s+/);
		expect(path.basename(node!)).toBe('node');
		expect(rest).toEqual([]);
		expect(script).toBe('scripts/server.mjs');
		expect(fs.existsSync(path.join(ROOT, script!))).toBe(true);
		expect(read('README.md')).toContain(`\`node ${script}\``);
	});

	it('sets only variables the app reads and the README explains, in the unit and in its example settings file', () => {
		const reads = variablesTheAppReads();
		const explained = variablesInReadme();
		// The derived lists are not empty by accident (a moved file, a changed pattern).
		expect(reads).toContain('DATA_DIR');
		expect(reads).toContain('ADDRESS_HEADER');
		expect(explained).toContain('DATA_DIR');
		const named = [...(unit.get('Service.Environment') ?? []).flatMap(namesInEnvironment), ...namesInEnvironmentFile(settings)];
		expect(named).toContain('DATA_DIR');
		expect(named.filter((name) => !reads.has(name))).toEqual([]);
		expect(named.filter((name) => !explained.has(name))).toEqual([]);
	});

	it('every variable of the README’s configuration table is one the app reads', () => {
		const reads = variablesTheAppReads();
		expect([...variablesInReadme()].filter((name) => !reads.has(name))).toEqual([]);
	});

	it('may write to the data folder of its settings and nowhere else, and restarts only on failure', () => {
		const dataDir = /^DATA_DIR=(.+)$/m.exec(settings)?.[1];
		expect(dataDir).toBeDefined();
		expect(one('Service.ReadWritePaths')).toBe(dataDir);
		expect(`/var/lib/${one('Service.StateDirectory')}`).toBe(dataDir);
		expect(one('Service.ProtectSystem')).toBe('strict');
		expect(one('Service.NoNewPrivileges')).toBe('true');
		expect(one('Service.Restart')).toBe('on-failure');
		expect(one('Service.EnvironmentFile')).toBe('/etc/tweespraak/env');
		// The server exits within 10 seconds of SIGTERM (scripts/server.mjs); systemd must wait longer.
		expect(one('Service.KillSignal')).toBe('SIGTERM');
		expect(Number(one('Service.TimeoutStopSec'))).toBeGreaterThan(10);
		expect(read('scripts/server.mjs')).toMatch(/process\.once\('SIGTERM'/);
	});
});
