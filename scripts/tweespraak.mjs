// Operator commands, run on the server with the same environment as the app:
//   node scripts/tweespraak.mjs migrate
//   node scripts/tweespraak.mjs create-organisation --name "Jeugdzorg Oost" --admin-email a@example.nl [--client-term parent] [--language nl]
// Node 24 runs the TypeScript server modules directly (type stripping); no build needed.
import { parseArgs } from 'node:util';

const [command, ...rest] = process.argv.slice(2);
const usage = `Usage:
  node scripts/tweespraak.mjs migrate
  node scripts/tweespraak.mjs create-organisation --name NAME --admin-email EMAIL [--client-term client|parent|youngPerson|jobSeeker|resident|candidate] [--language nl|en]`;

function fail(message) {
	console.error(message);
	process.exit(1);
}

async function openContext() {
	const { parseConfig, ConfigError } = await import('../src/lib/server/shared/config.ts');
	const { createLogger } = await import('../src/lib/server/shared/logger.ts');
	const { createAppContext } = await import('../src/lib/server/context.ts');
	let config;
	try {
		config = parseConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) fail(error.message);
		throw error;
	}
	return createAppContext({ config, logger: createLogger(config.logLevel) });
}

if (command === 'migrate') {
	const ctx = await openContext(); // creating the context applies the migrations
	await ctx.database.destroy();
	console.log('The database is up to date.');
} else if (command === 'create-organisation') {
	const { values } = parseArgs({
		args: rest,
		options: {
			name: { type: 'string' },
			'admin-email': { type: 'string' },
			'client-term': { type: 'string', default: 'client' },
			language: { type: 'string', default: 'nl' }
		}
	});
	const v = await import('valibot');
	const { CLIENT_TERMS } = await import('../src/lib/server/organisations/organisations.schemas.ts');
	const { email } = await import('../src/lib/server/shared/validation.ts');
	const name = values.name?.trim();
	const adminEmail = v.safeParse(email, values['admin-email'] ?? '');
	if (!name || name.length > 120) fail('--name is required (at most 120 characters).\n' + usage);
	if (!adminEmail.success) fail('--admin-email must be an e-mail address.\n' + usage);
	if (!CLIENT_TERMS.includes(values['client-term'])) fail(`--client-term must be one of ${CLIENT_TERMS.join(', ')}.`);
	if (!['nl', 'en'].includes(values.language)) fail('--language must be nl or en.');

	const ctx = await openContext();
	const { systemActor } = await import('../src/lib/server/access/actor.ts');
	const { createOrganisation } = await import('../src/lib/server/organisations/organisations.usecases.ts');
	const { inviteFirstAdmin } = await import('../src/lib/server/invitations/invitations.usecases.ts');
	try {
		const { organisationId } = await createOrganisation({
			ctx,
			actor: systemActor,
			input: { name, clientTerm: values['client-term'], defaultLocale: values.language }
		});
		const { link } = await inviteFirstAdmin({ ctx, actor: systemActor, organisationId, email: adminEmail.output, locale: values.language });
		console.log(`Organisation created: ${organisationId}`);
		console.log(`Invitation for its first admin (also mailed): ${link}`);
	} catch (error) {
		if (error?.name === 'DomainError') fail(`Not created: ${error.code}`);
		throw error;
	} finally {
		await ctx.database.destroy();
	}
} else {
	fail(usage);
}
