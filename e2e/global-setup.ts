// Builds once if needed, starts the shared server for the suite, and sets up its first
// organisation ("A") over plain HTTP, the way the setup form posts it. The journeys that test
// setup itself through the browser run on fresh servers of their own (see fixtures.ts).
import fs from 'node:fs';
import path from 'node:path';
import { request, type FullConfig } from '@playwright/test';
import Database from 'better-sqlite3';
import { MAIN_ADMIN, MAIN_ORGANISATION, STATE_ENV, type MainState } from './support/state.ts';
import { buildIfStale, findFreePort, makeRunDir, startApp, type RunningApp } from './support/server.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp.ts';

export default async function globalSetup(config: FullConfig) {
	buildIfStale();
	const wanted = new URL(config.projects[0]?.use.baseURL ?? 'http://localhost:4173');
	const port = Number(wanted.port);
	if ((await findFreePort(port, port)) !== port) throw new Error(`[e2e] port ${port} is in use`);
	const runDir = makeRunDir();
	const adminStorageState = path.join(runDir, 'admin-storage-state.json');
	let app: RunningApp | undefined;
	let smtp: SmtpSink | undefined;
	// The shared server sends its mails over SMTP to a real SMTP server on loopback.
	const mailDir = path.join(runDir, 'smtp');
	try {
		smtp = await startSmtpSink(mailDir);
		// As behind a proxy: the client's address comes from X-Forwarded-For, which every test's
		// browser sets to an address of its own (fixtures.ts), so per-address rate limits (joining
		// with a code, signing in) count per test, as they count per phone in real use.
		app = await startApp({
			port,
			dataDir: path.join(runDir, 'main'),
			// The test identity provider (e2e/oidc.e2e.ts) listens on 127.0.0.1.
			env: { SMTP_URL: smtp.url, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1', ALLOW_PRIVATE_PROVIDERS: 'true' }
		});
		await setUpOrganisation(app.baseURL, app.setupLink, adminStorageState);
		offerClientLanguages(app.dataDir);
	} catch (error) {
		await app?.stop();
		await smtp?.stop();
		const log = app && fs.existsSync(app.logFile) ? fs.readFileSync(app.logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
		fs.rmSync(runDir, { recursive: true, force: true });
		throw new Error(`${error instanceof Error ? error.message : String(error)}${log ? `\nServer log:\n${log}` : ''}`);
	}
	const running: RunningApp = app;
	const runningSmtp: SmtpSink = smtp;
	const state: MainState = {
		baseURL: app.baseURL,
		port: app.port,
		dataDir: app.dataDir,
		outboxDir: mailDir,
		logFile: app.logFile,
		setupLink: app.setupLink,
		runDir,
		adminStorageState
	};
	const stateFile = path.join(runDir, 'state.json');
	fs.writeFileSync(stateFile, JSON.stringify(state, null, '\t'));
	process.env[STATE_ENV] = stateFile; // inherited by the workers

	return async () => {
		await running.stop();
		await runningSmtp.stop();
		if (process.env.TWEESPRAAK_E2E_KEEP) console.log(`[e2e] kept the data and server logs in ${runDir}`);
		else fs.rmSync(runDir, { recursive: true, force: true });
	};
}

async function setUpOrganisation(baseURL: string, setupLink: string, storageStatePath: string): Promise<void> {
	const api = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html', 'x-forwarded-for': '10.255.255.254' }
	});
	const response = await api.post(new URL(setupLink).pathname, {
		form: {
			organisationName: MAIN_ORGANISATION,
			clientTerm: 'client',
			defaultLocale: 'nl',
			adminName: MAIN_ADMIN.name,
			adminEmail: MAIN_ADMIN.email,
			password: MAIN_ADMIN.password,
			passwordConfirm: MAIN_ADMIN.password
		},
		maxRedirects: 0
	});
	if (response.status() !== 303 || response.headers()['location'] !== '/admin/staff') {
		throw new Error(`[e2e] setting up organisation A failed: HTTP ${response.status()} ${(await response.text()).slice(0, 500)}`);
	}
	await api.storageState({ path: storageStatePath });
	await api.dispose();
}

/**
 * Every journey shares organisation A, and a settings save sends the client languages as its page
 * showed them: a journey offering a language while another saves its settings could lose it. So
 * A offers its client languages from the start (journeys still tick them through the settings
 * page, which then changes nothing), all but Turkish, which stays unoffered so that refusing an
 * unoffered language can be shown.
 */
function offerClientLanguages(dataDir: string): void {
	const db = new Database(path.join(dataDir, 'tweespraak.db'));
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare('update organisations set client_locales = ?').run('nl,en,ar,tr,pl,uk');
	} finally {
		db.close();
	}
}
