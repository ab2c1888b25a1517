// npm run seed:scale -- --ratings 100000 [--seed 1] [--password "..."] [--name "..."] [--min-group-size 5] [--now ISO] [--json]
// Fills the database the app would use (DATA_DIR with SQLite, or DATABASE_URL) with one new,
// realistic organisation of about that many ratings (see scripts/seed/scale.mjs). With
// --password the admin, every team lead and one professional can sign in; their addresses are
// printed. Node runs the TypeScript server modules directly (type stripping, scripts/type-stripping.mjs);
// no build needed.
import { parseArgs } from 'node:util';
import { ensureTypeStripping } from './type-stripping.mjs';

ensureTypeStripping();
const { seedScale } = await import('./seed/scale.mjs');

const usage = 'Usage: npm run seed:scale -- --ratings N [--seed S] [--password P] [--name NAME] [--min-group-size K] [--now ISO] [--json]';
/** @type {Record<string, any>} */
let values = {};
try {
	({ values } = parseArgs({
		args: process.argv.slice(2),
		options: {
			ratings: { type: 'string' },
			seed: { type: 'string', default: '1' },
			password: { type: 'string' },
			name: { type: 'string' },
			'min-group-size': { type: 'string', default: '5' },
			now: { type: 'string' },
			json: { type: 'boolean', default: false }
		}
	}));
} catch (error) {
	// A mistyped option: one line and the usage, not a stack trace.
	console.error(`${error instanceof Error ? error.message : String(error)}.\n${usage}`);
	process.exit(1);
}
const ratings = Number(values.ratings);
if (!Number.isInteger(ratings) || ratings < 1 || ratings > 50_000_000) {
	console.error(`--ratings must be a whole number from 1 to 50 000 000.\n${usage}`);
	process.exit(1);
}
if (values.now !== undefined && Number.isNaN(Date.parse(values.now))) {
	console.error(`--now must be a date and time (ISO 8601).\n${usage}`);
	process.exit(1);
}

// The server modules use the compiled messages, which the build writes (scripts/messages.mjs).
const { ensureMessages } = await import('./messages.mjs');
await ensureMessages().catch((error) => {
	console.error(`The app's messages could not be compiled (${error?.message ?? error}); run npm run build, then this command again.`);
	process.exit(1);
});
const { parseConfig, ConfigError } = await import('../src/lib/server/shared/config.ts');
const { createLogger } = await import('../src/lib/server/shared/logger.ts');
const { createAppContext } = await import('../src/lib/server/context.ts');
let config;
try {
	config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
} catch (error) {
	if (error instanceof ConfigError) {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}
const ctx = await createAppContext({ config, logger: createLogger(config.logLevel) }).catch((error) => {
	// A database that cannot be reached, a DATA_DIR that cannot be made: one line.
	if (!(error instanceof ConfigError)) throw error;
	console.error(error.message);
	process.exit(1);
});
const started = performance.now();
try {
	const result = await seedScale(ctx, {
		ratings,
		seed: Number(values.seed) || 1,
		password: values.password,
		name: values.name,
		minGroupSize: Number(values['min-group-size']) || 5,
		now: values.now,
		log: values.json ? undefined : (rows) => process.stdout.write(`\r${rows} rows written`)
	});
	const seconds = (performance.now() - started) / 1000;
	if (values.json) {
		console.log(JSON.stringify({ ...result, seconds }));
	} else {
		console.log(
			`\nOrganisation ${result.organisationId}: ${result.teams} teams, ${result.professionals} professionals, ${result.collaborations} collaborations, ${result.conversations} quick checks, ${result.ratings} ratings in closed conversations (+${result.blindRatings} never revealed), ${result.reviews} reviews, in ${seconds.toFixed(1)} s (${ctx.database.dialect}).`
		);
		if (values.password) {
			console.log(`Sign in with the password given as: ${result.admin.email} (admin), ${result.professional.email} (professional),`);
			console.log(`or a team lead: ${result.teamLeads.map((lead) => `${lead.email} (${lead.team})`).join(', ')}.`);
		}
	}
} finally {
	await ctx.database.destroy();
}
