import { defineEnvVars } from '@sveltejs/kit/env';
import { parse } from '#lib/server/shared/config.ts';

/**
 * The server's configuration, validated by SvelteKit when the app starts. The parsers live in
 * #lib/server/shared/config.ts so scripts and tests read the same defaults.
 */
export const variables = defineEnvVars({
	PORT: { schema: parse.PORT, description: 'Port to listen on (default 3000)' },
	DATA_DIR: { schema: parse.DATA_DIR, description: 'Folder for the embedded database and the mail outbox (default ./data)' },
	DATABASE_URL: { schema: parse.DATABASE_URL, description: 'postgres:// URL; unset for the embedded SQLite database' },
	ORIGIN: { schema: parse.ORIGIN, description: 'Public address, e.g. https://tweespraak.example.nl, when behind a proxy' },
	SMTP_URL: { schema: parse.SMTP_URL, description: 'smtp:// or smtps:// URL; unset writes mails to DATA_DIR/outbox' },
	MAIL_FROM: { schema: parse.MAIL_FROM, description: 'Sender of mails' },
	LOG_LEVEL: { schema: parse.LOG_LEVEL, description: 'fatal, error, warn, info, debug, trace or silent' },
	AUTH_SECRET: { schema: parse.AUTH_SECRET, description: 'At least 32 characters; unset to generate one stored in the database' },
	JOBS_POLL_INTERVAL_MS: {
		schema: parse.JOBS_POLL_INTERVAL_MS,
		description: 'How often background jobs are looked for, in ms (default 5000)'
	},
	JOBS_LEASE_SECONDS: { schema: parse.JOBS_LEASE_SECONDS, description: 'How long a running job stays locked to its instance (default 60)' },
	BACKUP_KEEP: { schema: parse.BACKUP_KEEP, description: 'SQLite: nightly backups kept in DATA_DIR/backups, 0 for none (default 7)' },
	METRICS_TOKEN: { schema: parse.METRICS_TOKEN, description: 'Bearer token for /metrics (at least 32 characters); unset: no metrics' },
	ADDRESS_HEADER: {
		schema: parse.ADDRESS_HEADER,
		description: "Behind a proxy: the header with the client's address, usually X-Forwarded-For"
	},
	XFF_DEPTH: {
		schema: parse.XFF_DEPTH,
		description: 'With ADDRESS_HEADER=X-Forwarded-For: the number of trusted proxies, 1 to 100 (default 1)'
	},
	ALLOW_PRIVATE_PROVIDERS: {
		schema: parse.ALLOW_PRIVATE_PROVIDERS,
		description: "true: organisations' sign-in providers may be on this machine or a private network (default false: public addresses only)"
	}
});
