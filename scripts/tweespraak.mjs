// Operator commands, run on the server with the same environment as the app:
//   node scripts/tweespraak.mjs migrate
//   node scripts/tweespraak.mjs create-organisation --name "Jeugdzorg Oost" --admin-email a@example.nl [--client-term parent] [--language nl]
//   node scripts/tweespraak.mjs backup <file>     (while the server runs)
//   node scripts/tweespraak.mjs restore <file>    (with the server stopped)
//   node scripts/tweespraak.mjs save-erasures     (PostgreSQL: before pg_restore; decision 011)
//   node scripts/tweespraak.mjs allow-passwords --domain example.nl   (break-glass: decision 018)
//   node scripts/tweespraak.mjs make-admin --email a@example.nl        (an organisation without an admin)
//   node scripts/tweespraak.mjs invite-admin --organisation ID --email new@example.nl   (nobody active left to make admin)
// Node runs the TypeScript server modules directly (type stripping; on 22.17 behind a flag this
// script adds itself, scripts/type-stripping.mjs); no build needed.
import { parseArgs } from 'node:util';
import { ensureTypeStripping } from './type-stripping.mjs';

ensureTypeStripping();

const [command, ...rest] = process.argv.slice(2);
const usage = `Usage:
  node scripts/tweespraak.mjs migrate
  node scripts/tweespraak.mjs create-organisation --name NAME --admin-email EMAIL [--client-term client|parent|youngPerson|jobSeeker|resident|candidate] [--language nl|en]
  node scripts/tweespraak.mjs backup FILE
  node scripts/tweespraak.mjs restore FILE
  node scripts/tweespraak.mjs save-erasures
  node scripts/tweespraak.mjs allow-passwords --domain DOMAIN
  node scripts/tweespraak.mjs make-admin --email EMAIL
  node scripts/tweespraak.mjs invite-admin --organisation ID --email EMAIL`;

// The server modules below use the compiled messages, which the build writes: compiled here when
// the app was not built yet (a fresh clone), else the first command failed with a stack trace.
if (
	['migrate', 'create-organisation', 'allow-passwords', 'make-admin', 'invite-admin', 'backup', 'restore', 'save-erasures'].includes(
		command
	)
) {
	const { ensureMessages } = await import('./messages.mjs');
	await ensureMessages().catch((error) =>
		fail(`The app's messages could not be compiled (${error?.message ?? error}); run npm run build, then this command again.`)
	);
}

/** The command's options; a mistyped or incomplete one is a line and the usage, not a stack trace. */
function readOptions(options) {
	try {
		return parseArgs({ args: rest, options }).values;
	} catch (error) {
		if (String(error?.code).startsWith('ERR_PARSE_ARGS_')) fail(`${error.message}. Nothing was changed.\n${usage}`);
		throw error;
	}
}

async function readConfig() {
	const { parseConfig, ConfigError } = await import('../src/lib/server/shared/config.ts');
	try {
		return parseConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) fail(error.message);
		throw error;
	}
}

async function appVersion() {
	const fs = await import('node:fs');
	return JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/** A domain error as a sentence (the app's English message) with its code. */
async function explain(error) {
	const m = await import('../src/lib/paraglide/messages.js');
	const message = m[`error_${String(error.code).replace(/\./g, '_')}`];
	return typeof message === 'function' ? `${message({}, { locale: 'en' })} (${error.code})` : error.code;
}

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
	try {
		return await createAppContext({ config, logger: createLogger(config.logLevel) });
	} catch (error) {
		// A database that cannot be reached or that a newer version migrated, or a DATA_DIR that cannot be made: one line, nothing changed.
		if (error instanceof ConfigError || error?.name === 'NewerDatabaseError')
			fail(`${error.message[0].toUpperCase()}${error.message.slice(1)}. Nothing was changed.`);
		throw error;
	}
}

if (command === 'migrate') {
	const ctx = await openContext(); // creating the context applies the migrations
	await ctx.database.destroy();
	console.log('The database is up to date.');
} else if (command === 'create-organisation') {
	const values = readOptions({
		name: { type: 'string' },
		'admin-email': { type: 'string' },
		'client-term': { type: 'string', default: 'client' },
		language: { type: 'string', default: 'nl' }
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
	const { assertFirstAdminInvitable, inviteFirstAdmin } = await import('../src/lib/server/invitations/invitations.usecases.ts');
	try {
		// Before anything is created: an organisation whose first admin cannot get in is of no use.
		await assertFirstAdminInvitable(ctx, adminEmail.output);
		const { organisationId } = await createOrganisation({
			ctx,
			actor: systemActor,
			input: { name, clientTerm: values['client-term'], defaultLocale: values.language }
		});
		const { link } = await inviteFirstAdmin({ ctx, actor: systemActor, organisationId, email: adminEmail.output, locale: values.language });
		console.log(`Organisation created: ${organisationId}`);
		console.log(`Invitation for its first admin (also mailed): ${link}`);
	} catch (error) {
		if (error?.name === 'DomainError') fail(`Not created: ${await explain(error)}`);
		throw error;
	} finally {
		await ctx.database.destroy();
	}
} else if (command === 'allow-passwords') {
	// Break-glass: the organisation's provider is down and staff may sign in only through it.
	const values = readOptions({ domain: { type: 'string' } });
	if (!values.domain) fail('--domain is required: an e-mail domain of the organisation’s provider.\n' + usage);
	const ctx = await openContext();
	const { allowPasswordSignIn } = await import('../src/lib/server/identity/identity.usecases.ts');
	try {
		const { organisationId } = await allowPasswordSignIn({ ctx, domain: values.domain });
		console.log(
			`Password sign-in allowed again for organisation ${organisationId}. An admin can turn it off on Inloggen via uw organisatie.`
		);
	} catch (error) {
		if (error?.name === 'DomainError') {
			fail(
				error.code === 'identity.no_provider'
					? `Nothing changed: no organisation here signs in through its own provider at ${values.domain} (identity.no_provider).`
					: `Nothing changed: ${await explain(error)}`
			);
		}
		throw error;
	} finally {
		await ctx.database.destroy();
	}
} else if (command === 'make-admin') {
	// An organisation without an active admin (all left, or a restore): nobody could manage it.
	const values = readOptions({ email: { type: 'string' } });
	const v = await import('valibot');
	const { email } = await import('../src/lib/server/shared/validation.ts');
	const address = v.safeParse(email, values.email ?? '');
	if (!address.success) fail('--email must be the e-mail address of an active staff member.\n' + usage);
	const ctx = await openContext();
	const { makeAdminByOperator } = await import('../src/lib/server/staff/staff.operator.usecases.ts');
	try {
		const result = await makeAdminByOperator({ ctx, email: address.output });
		const who = address.output;
		switch (result.outcome) {
			case 'madeAdmin':
				console.log(
					`${who} is now an admin of ${result.organisationName} (${result.organisationId}); active admins: ${result.activeAdmins}. The role applies at their next page; recorded in the audit log (staff.made_admin).`
				);
				break;
			case 'alreadyAdmin':
				console.log(`Nothing changed: ${who} is already an admin of ${result.organisationName} (active admins: ${result.activeAdmins}).`);
				break;
			case 'noAccount':
				fail(
					result.invited
						? `Nothing changed: ${who} has an open invitation but no account yet. Once they accept it (the link in their mail), run make-admin again if they are not admin by then.`
						: `Nothing changed: no account has the address ${who}. make-admin needs someone who already signs in to the organisation; an admin invites new staff, invite-admin invites a new admin where nobody active is left to make admin, and create-organisation starts a new organisation with a new admin.`
				);
				break;
			case 'notStaff':
				fail(`Nothing changed: ${who} is not on the staff of any organisation (only a guest of a learning trajectory).`);
				break;
			case 'deactivated':
				fail(
					`Nothing changed: ${who} is deactivated in ${result.organisationName}. Choose an active staff member, or, with nobody active left, invite a new admin with invite-admin.`
				);
				break;
		}
	} finally {
		await ctx.database.destroy();
	}
} else if (command === 'invite-admin') {
	// Nobody active left to make admin: a new person is invited as the organisation's admin.
	const values = readOptions({ organisation: { type: 'string' }, email: { type: 'string' } });
	const v = await import('valibot');
	const { email } = await import('../src/lib/server/shared/validation.ts');
	const address = v.safeParse(email, values.email ?? '');
	const organisationId = values.organisation?.trim() ?? '';
	if (!/^[0-9a-f-]{36}$/i.test(organisationId))
		fail('--organisation must be the id of the organisation (as the start log names it).\n' + usage);
	if (!address.success) fail('--email must be the e-mail address of the person to invite.\n' + usage);
	const ctx = await openContext();
	const { inviteAdminByOperator } = await import('../src/lib/server/staff/staff.operator.usecases.ts');
	try {
		const result = await inviteAdminByOperator({ ctx, organisationId: organisationId.toLowerCase(), email: address.output });
		switch (result.outcome) {
			case 'invited':
				console.log(`${address.output} is invited as an admin of ${result.organisationName}; recorded in the audit log.`);
				console.log(`Invitation (also mailed): ${result.link}`);
				break;
			case 'noOrganisation':
				fail(`Nothing changed: no organisation has the id ${organisationId}.`);
				break;
			case 'hasAdmin':
				fail(
					`Nothing changed: ${result.organisationName} has ${result.activeAdmins} active admin${result.activeAdmins === 1 ? '' : 's'}, who invite${result.activeAdmins === 1 ? 's' : ''} new staff.`
				);
				break;
		}
	} catch (error) {
		if (error?.name === 'DomainError') fail(`Nothing changed: ${await explain(error)}`);
		throw error;
	} finally {
		await ctx.database.destroy();
	}
} else if (command === 'backup' || command === 'restore') {
	const file = rest[0];
	if (!file) fail(`${command} needs a file name.\n${usage}`);
	const path = await import('node:path');
	const config = await readConfig();
	const backup = await import('../src/lib/server/backup/backup.ts');
	try {
		if (config.databaseUrl) {
			const pg = (await import('pg')).default;
			const client = new pg.Client({ connectionString: config.databaseUrl });
			await client.connect();
			const { rows } = await client.query('show server_version_num');
			await client.end();
			const { ok, lines } = backup.explainPostgresBackup({ serverVersionNum: Number(rows[0].server_version_num), file });
			console.log(lines.join('\n'));
			process.exit(ok ? 0 : 1);
		}
		if (command === 'backup') {
			const { bytes } = await backup.backupSqlite({
				sourceFile: path.join(config.dataDir, backup.SQLITE_FILE),
				destination: file,
				appVersion: await appVersion()
			});
			console.log(`Backup written: ${file} (${bytes} bytes).`);
		} else {
			const { replaced, info, erasuresToRepeat, staffToRepeat, tombstonesUnreadable } = backup.restoreSqlite({
				file,
				dataDir: config.dataDir,
				appVersion: await appVersion()
			});
			console.log(`Restored ${file} (made ${info.madeAt ?? 'at an unknown time'} by version ${info.appVersion ?? 'unknown'}).`);
			if (replaced)
				console.log(
					`The database it replaced is kept as ${replaced} (with its -wal and -shm files, if any). It still holds everything it held, erased data too: the nightly run removes it after BACKUP_KEEP days (at least one), or delete it yourself once the restore is checked.`
				);
			console.log('Start Tweespraak: migrations newer than the backup are applied at start.');
			console.log(
				`Erasures on request to repeat at the next start: ${erasuresToRepeat} (${backup.ERASURES_TO_REPEAT_FILE} in DATA_DIR; removed once they are done). What the retention period erased since is erased again by the next retention run.`
			);
			console.log(
				`Staff accounts to switch off or delete again at the next start: ${staffToRepeat} (deactivated or deleted in the replaced database; their sessions end).`
			);
			if (tombstonesUnreadable)
				console.log(
					`The replaced database could not be read, so its erasures on request and staff changes are not known: erase again, by hand, what was erased on request after this backup was made (the erasure requests are in ${replaced}), and deactivate or delete again the staff accounts deactivated or deleted since.`
				);
		}
	} catch (error) {
		if (error?.name === 'BackupError') fail(error.message);
		throw error;
	}
} else if (command === 'save-erasures') {
	// PostgreSQL: pg_restore is outside the app. Run this before it; the next start erases again.
	if (!process.env.DATABASE_URL)
		fail(
			'save-erasures is for PostgreSQL, before pg_restore. On SQLite, `restore` carries the erasures and staff changes over itself: node scripts/tweespraak.mjs restore FILE. Nothing was changed.'
		);
	const ctx = await openContext();
	const { createErasureRequestsRepository } = await import('../src/lib/server/retention/retention.requests.repository.ts');
	const { saveErasuresToRepeat, ERASURES_TO_REPEAT_FILE } = await import('../src/lib/server/retention/erasures-to-repeat.ts');
	try {
		const repo = createErasureRequestsRepository(ctx.db);
		const count = saveErasuresToRepeat(ctx.config.dataDir, {
			erasures: await repo.listAllTombstones(),
			staff: await repo.listStaffChanges()
		});
		console.log(
			count.erasures + count.staff === 0
				? `Nothing to carry over: no erasure on request and no staff account switched off or deleted. No file was written; restore the database now.`
				: `Erasures on request to repeat at the next start: ${count.erasures}; staff accounts to switch off or delete again: ${count.staff} (${ERASURES_TO_REPEAT_FILE} in ${ctx.config.dataDir}). Restore the database now, then start Tweespraak with the same DATA_DIR.`
		);
	} finally {
		await ctx.database.destroy();
	}
} else if (command === 'help' || command === '--help' || command === '-h') {
	console.log(usage);
} else {
	fail(command ? `Unknown command: ${command}.\n${usage}` : usage);
}
