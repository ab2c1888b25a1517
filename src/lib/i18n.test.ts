import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlank, readMessages, samePlaceholders } from './server/testing/message-files.ts';

/**
 * Both languages must offer every message, and every code the server can answer with must
 * have a message (Papra's locales.test.ts).
 */
const root = path.resolve(import.meta.dirname, '../..');
const serverDir = path.join(root, 'src/lib/server');

const nl = readMessages('nl');
const en = readMessages('en');

function listFiles(dir: string, suffix: string): string[] {
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith(suffix))
		.map((file) => path.join(dir, file));
}

/** The members of the DomainErrorCode union in shared/errors.ts. */
function readDomainErrorCodes(): string[] {
	const source = fs.readFileSync(path.join(serverDir, 'shared/errors.ts'), 'utf8');
	const union = /export type DomainErrorCode\s*=([^;]+);/.exec(source)?.[1] ?? '';
	return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('messages', () => {
	it('Dutch and English have exactly the same keys', () => {
		expect(Object.keys(en).toSorted()).toEqual(Object.keys(nl).toSorted());
	});

	it('no message is empty', () => {
		for (const [locale, messages] of Object.entries({ nl, en })) {
			const empty = Object.entries(messages).filter(([, message]) => isBlank(message));
			expect(empty.map(([key]) => `${locale}:${key}`)).toEqual([]);
		}
	});

	it('a message has the same placeholders in both languages', () => {
		const mismatched = Object.keys(nl).filter((key) => en[key] !== undefined && !samePlaceholders(en[key], nl[key]));
		expect(mismatched).toEqual([]);
	});

	it('every domain error code has an error_<code> message', () => {
		const codes = readDomainErrorCodes();
		expect(codes).toContain('not_found');
		const missing = codes.map((code) => `error_${code.replaceAll('.', '_')}`).filter((key) => !(key in nl));
		expect(missing).toEqual([]);
	});

	it('every validation_* message key used by the schemas exists', () => {
		const files = [...listFiles(serverDir, '.schemas.ts'), path.join(serverDir, 'shared/validation.ts')];
		const used = new Set(
			files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/'(validation_[a-z0-9_]+)'/g)].map((match) => match[1]!))
		);
		expect(used.size).toBeGreaterThan(5);
		expect([...used].filter((key) => !(key in nl))).toEqual([]);
	});
});
