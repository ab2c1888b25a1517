/**
 * Vitest global setup of the integration project: says once per run, loudly, when the
 * PostgreSQL half of the suite is skipped (see describeOnBothDatabases in test-context.ts).
 */
export default function setup(): void {
	if (process.env.TEST_DATABASE_URL?.trim()) return;
	console.warn(
		'\n⚠️  TEST_DATABASE_URL is not set: the PostgreSQL integration tests are SKIPPED; only SQLite was tested.\n' +
			'   Set it, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres, to test both databases.\n'
	);
}
