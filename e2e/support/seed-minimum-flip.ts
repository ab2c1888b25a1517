// Writes the organisation of issue 11, hole 1 (buildMinimumFlipWorld) into the shared e2e server's
// database, its quick checks in the last completed quarter, and prints its admin's address, the
// password and team Groot's id as one line of JSON. Node 24 runs it and the server modules
// directly (type stripping). Usage: node e2e/support/seed-minimum-flip.ts <prefix>
import { createAppContext } from '../../src/lib/server/context.ts';
import { completedQuarters, quarterBounds } from '../../src/lib/server/insights/insights.quarters.ts';
import { parseConfig } from '../../src/lib/server/shared/config.ts';
import { createLogger } from '../../src/lib/server/shared/logger.ts';
import { DEFAULT_PASSWORD } from '../../src/lib/server/testing/builders.ts';
import { buildMinimumFlipWorld } from '../../src/lib/server/testing/insights-world.ts';

const prefix = process.argv[2] ?? 'drempel';
const quarter = completedQuarters(new Date(), 1)[0]!;
const start = Date.parse(quarterBounds(quarter).start);
// The people and collaborations exist from the start of that quarter; the quick checks close in it.
const config = parseConfig({ ...process.env, LOG_LEVEL: 'warn' });
const ctx = await createAppContext({ config, logger: createLogger('warn'), clock: { now: () => new Date(start + 86_400_000) } });
try {
	const world = await buildMinimumFlipWorld(ctx, { endedAt: new Date(start + 30 * 86_400_000).toISOString(), emailPrefix: prefix });
	console.log(JSON.stringify({ email: world.admin.email, password: DEFAULT_PASSWORD, grootTeamId: world.groot.teamId, quarter }));
} finally {
	await ctx.database.destroy();
}
