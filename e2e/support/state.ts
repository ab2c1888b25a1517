import fs from 'node:fs';
import type { AppInfo } from './server.ts';

/** The environment variable through which global setup tells the workers where its state is. */
export const STATE_ENV = 'TWEESPRAAK_E2E_STATE';

export const MAIN_ORGANISATION = 'Organisatie A';

/** The first admin of organisation A on the shared server, created by global setup. */
export const MAIN_ADMIN = {
	name: 'Anna de Beheerder',
	email: 'admin-a@example.nl',
	password: 'een lange zin als wachtwoord'
} as const;

export interface MainState extends AppInfo {
	runDir: string;
	/** Cookies of MAIN_ADMIN's session, for `browser.newContext({ storageState })`. */
	adminStorageState: string;
}

export function readMainState(): MainState {
	const file = process.env[STATE_ENV];
	if (!file || !fs.existsSync(file))
		throw new Error(`[e2e] ${STATE_ENV} is not set: run the suite with \`playwright test\` so global setup runs`);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as MainState;
}
