import type { TestProject } from 'vitest/node';
import { createMigratedTemplate } from './postgres-template.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The migrated PostgreSQL template database of this run ('' without PostgreSQL). */
		postgresTemplate: string;
	}
}

/**
 * Vitest global setup of the integration project: says once per run, loudly, when the
 * PostgreSQL half of the suite is skipped (see describeOnBothDatabases in test-context.ts);
 * otherwise migrates one template database that every PostgreSQL test context copies.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
	const url = process.env.TEST_DATABASE_URL?.trim();
	const dialects = (process.env.TEST_DIALECTS ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (!url) {
		project.provide('postgresTemplate', '');
		console.warn(
			'\n⚠️  TEST_DATABASE_URL is not set: the PostgreSQL integration tests are SKIPPED; only SQLite was tested.\n' +
				'   Set it, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres, to test both databases.\n'
		);
		return undefined;
	}
	if (dialects.length > 0 && !dialects.includes('postgres')) {
		project.provide('postgresTemplate', '');
		return undefined;
	}
	const template = await createMigratedTemplate(url);
	project.provide('postgresTemplate', template.name);
	return () => template.drop();
}
