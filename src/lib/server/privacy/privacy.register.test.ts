import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../access/permissions.ts';
import { createDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { RETENTION_RULES } from '../retention/retention.models.ts';
import { EXEMPT, EXEMPT_PERMISSIONS } from './privacy.exempt.models.ts';
import { checkRegisterCoverage, type RegisterCategory, type SchemaColumns } from './privacy.models.ts';
import { REGISTER } from './privacy.register.models.ts';
import { retentionMessage } from './privacy.usecases.ts';

const register: readonly RegisterCategory[] = REGISTER;

/** Every table and column of a database migrated from scratch (SQLite in memory; PostgreSQL has the same, see database.integration.test.ts). */
async function migratedSchema(): Promise<SchemaColumns> {
	const handle = await createDatabase({
		databaseUrl: undefined,
		dataDir: path.join(os.tmpdir(), 'tweespraak-tests'),
		sqliteFile: ':memory:'
	});
	try {
		await migrateToLatest(handle);
		const tables = await handle.authDb.introspection.getTables();
		return Object.fromEntries(tables.map((table) => [table.name, table.columns.map((column) => column.name)]));
	} finally {
		await handle.destroy();
	}
}

function readMessages(locale: 'nl' | 'en'): Record<string, string> {
	return JSON.parse(readFileSync(new URL(`../../../../messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
}

describe('the processing register', () => {
	it('accounts for every column of the database exactly once, as personal data of a category or as exempt, and names nothing that is gone', async () => {
		const schema = await migratedSchema();
		expect(Object.keys(schema).length).toBeGreaterThan(40);
		expect(checkRegisterCoverage(schema)).toEqual({ unclassified: [], stale: [], duplicated: [] });
	});

	it('a table or column added without a register entry is found, and so is an entry for one that no longer exists', () => {
		const schema = { participants: ['id', 'display_name', 'shoe_size'], client_notes: ['id', 'text'] };
		const coverage = checkRegisterCoverage(
			schema,
			[
				{
					key: 'x',
					subjects: ['client'],
					legalBasis: 'contract',
					retention: [],
					access: [],
					self: [],
					tables: { participants: ['id', 'display_name', 'email'] }
				}
			],
			{}
		);
		expect(coverage.unclassified).toEqual(['client_notes.id', 'client_notes.text', 'participants.shoe_size']);
		expect(coverage.stale).toEqual(['participants.email']);
	});

	it('applies every rule of the retention job somewhere, and names only rules the job has', () => {
		const named = new Set(register.flatMap((category) => category.retention.flatMap((r) => (r.kind === 'retentionJob' ? [r.rule] : []))));
		expect([...named].toSorted()).toEqual(Object.keys(RETENTION_RULES).toSorted());
	});

	it('names only permissions the access module has, and accounts for every permission as showing personal data or not', () => {
		const named = new Set(register.flatMap((category) => category.access));
		for (const permission of named) expect(Object.keys(PERMISSIONS), permission).toContain(permission);
		const exempt = Object.keys(EXEMPT_PERMISSIONS);
		expect(exempt.filter((permission) => named.has(permission as Permission))).toEqual([]);
		expect(Object.keys(PERMISSIONS).filter((permission) => !named.has(permission as Permission) && !exempt.includes(permission))).toEqual(
			[]
		);
	});

	it('has a Dutch and an English text for every category, basis, retention rule, permission, scope, subject and exemption it shows', () => {
		const keys = new Set<string>();
		for (const category of register) {
			for (const part of ['title', 'purpose', 'data']) keys.add(`privacy_category_${category.key}_${part}`);
			keys.add(`privacy_basis_${category.legalBasis}`);
			for (const subject of category.subjects) keys.add(`privacy_subject_${subject}`);
			for (const self of category.self) keys.add(`privacy_self_${self}`);
			for (const retention of category.retention) keys.add(retentionMessage(retention));
			for (const permission of category.access as readonly Permission[]) {
				keys.add(`privacy_permission_${permission.replaceAll('.', '_')}`);
				keys.add(`privacy_scope_${PERMISSIONS[permission].resource ?? 'organisation'}`);
			}
		}
		for (const { reason } of Object.values(EXEMPT)) keys.add(`privacy_exempt_${reason}`);
		for (const locale of ['nl', 'en'] as const) {
			const messages = readMessages(locale);
			expect(
				[...keys].filter((key) => !(key in messages)),
				locale
			).toEqual([]);
		}
	});
});
