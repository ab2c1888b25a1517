import path from 'node:path';

/**
 * Runtime configuration. Every variable is parsed by one function here so that the
 * SvelteKit env declaration (src/env.ts), the CLI scripts and the tests agree on
 * defaults and on the one-line message a wrong value produces.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
	port: number;
	dataDir: string;
	databaseUrl: string | undefined;
	origin: string | undefined;
	smtpUrl: string | undefined;
	mailFrom: string;
	logLevel: LogLevel;
	authSecret: string | undefined;
	/** How often an instance looks for due jobs (PostgreSQL also wakes on NOTIFY). */
	jobsPollIntervalMs: number;
	/** How long a claimed job stays locked to its instance without a renewal; a crashed instance's jobs wait this long. */
	jobsLeaseMs: number;
	/** SQLite: how many nightly backups DATA_DIR/backups keeps; 0 switches them off. */
	backupKeep: number;
	/** The bearer token /metrics asks for; unset: /metrics does not exist (404). */
	metricsToken: string | undefined;
	/** May organisations' identity providers be on this machine or a private network (decision 018)? */
	allowPrivateProviders: boolean;
}

export class ConfigError extends Error {
	readonly variable: string;
	constructor(variable: string, problem: string) {
		super(`${variable} ${problem}`);
		this.name = 'ConfigError';
		this.variable = variable;
	}
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A whole number within bounds, or the default when unset. */
function wholeNumber(variable: string, value: string | undefined, bounds: { min: number; max: number; fallback: number }): number {
	const raw = blankToUndefined(value);
	if (raw === undefined) return bounds.fallback;
	const number = Number(raw);
	if (!/^\d+$/.test(raw) || number < bounds.min || number > bounds.max) {
		throw new ConfigError(variable, `must be a whole number from ${bounds.min} to ${bounds.max}, got "${raw}"`);
	}
	return number;
}

function blankToUndefined(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
}

export const parse = {
	PORT(value: string | undefined): number {
		const raw = blankToUndefined(value);
		if (raw === undefined) return 3000;
		const port = Number(raw);
		if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
			throw new ConfigError('PORT', `must be a whole number from 1 to 65535, got "${raw}"`);
		}
		return port;
	},
	DATA_DIR(value: string | undefined): string {
		return path.resolve(blankToUndefined(value) ?? 'data');
	},
	DATABASE_URL(value: string | undefined): string | undefined {
		const raw = blankToUndefined(value);
		if (raw === undefined) return undefined;
		if (!/^postgres(ql)?:\/\//.test(raw) || !URL.canParse(raw)) {
			throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL, or unset for the embedded SQLite database');
		}
		return raw;
	},
	ORIGIN(value: string | undefined): string | undefined {
		const raw = blankToUndefined(value);
		if (raw === undefined) return undefined;
		const url = URL.canParse(raw) ? new URL(raw) : undefined;
		if (!url || !['http:', 'https:'].includes(url.protocol) || (url.pathname !== '/' && url.pathname !== '')) {
			throw new ConfigError('ORIGIN', `must be the public address without a path, like https://tweespraak.example.nl, got "${raw}"`);
		}
		return url.origin;
	},
	SMTP_URL(value: string | undefined): string | undefined {
		const raw = blankToUndefined(value);
		if (raw === undefined) return undefined;
		if (!/^smtps?:\/\//.test(raw) || !URL.canParse(raw)) {
			throw new ConfigError('SMTP_URL', 'must be an smtp:// or smtps:// URL, or unset to write mails to DATA_DIR/outbox');
		}
		return raw;
	},
	MAIL_FROM(value: string | undefined): string {
		const raw = blankToUndefined(value) ?? 'Tweespraak <noreply@tweespraak.invalid>';
		if (!/@/.test(raw)) throw new ConfigError('MAIL_FROM', `must contain an e-mail address, got "${raw}"`);
		return raw;
	},
	LOG_LEVEL(value: string | undefined): LogLevel {
		const raw = blankToUndefined(value)?.toLowerCase() ?? 'info';
		if (!LOG_LEVELS.includes(raw as LogLevel)) {
			throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
		}
		return raw as LogLevel;
	},
	AUTH_SECRET(value: string | undefined): string | undefined {
		const raw = blankToUndefined(value);
		if (raw !== undefined && raw.length < 32) {
			throw new ConfigError('AUTH_SECRET', 'must be at least 32 characters, or unset to let Tweespraak generate one');
		}
		return raw;
	},
	JOBS_POLL_INTERVAL_MS(value: string | undefined): number {
		return wholeNumber('JOBS_POLL_INTERVAL_MS', value, { min: 100, max: 600_000, fallback: 5000 });
	},
	JOBS_LEASE_SECONDS(value: string | undefined): number {
		return wholeNumber('JOBS_LEASE_SECONDS', value, { min: 5, max: 3600, fallback: 60 });
	},
	BACKUP_KEEP(value: string | undefined): number {
		return wholeNumber('BACKUP_KEEP', value, { min: 0, max: 365, fallback: 7 });
	},
	METRICS_TOKEN(value: string | undefined): string | undefined {
		const raw = blankToUndefined(value);
		// Never echoed: the message names the rule, not the value.
		if (raw !== undefined && (raw.length < 32 || /\s/.test(raw))) {
			throw new ConfigError('METRICS_TOKEN', 'must be at least 32 characters without spaces, or unset to switch /metrics off');
		}
		return raw;
	},
	/**
	 * adapter-node reads it itself, per request, and there a wrong value failed every request that
	 * asks for the client's address (sign-in, joining) with a 500; checked here it stops the start.
	 */
	XFF_DEPTH(value: string | undefined): number {
		return wholeNumber('XFF_DEPTH', value, { min: 1, max: 100, fallback: 1 });
	},
	/**
	 * adapter-node reads it itself, per request; a name no header can have (a space, a colon) was
	 * taken as given, and every sign-in and join then failed with "we do not know where this request
	 * comes from". Checked here it stops the start.
	 */
	ADDRESS_HEADER(value: string | undefined): string | undefined {
		const raw = blankToUndefined(value);
		if (raw !== undefined && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(raw)) {
			throw new ConfigError('ADDRESS_HEADER', `must be the name of a request header, like X-Forwarded-For, got "${raw}"`);
		}
		return raw;
	},
	ALLOW_PRIVATE_PROVIDERS(value: string | undefined): boolean {
		const raw = blankToUndefined(value)?.toLowerCase() ?? 'false';
		if (raw !== 'true' && raw !== 'false') throw new ConfigError('ALLOW_PRIVATE_PROVIDERS', `must be true or false, got "${raw}"`);
		return raw === 'true';
	}
} as const;

export type VariableName = keyof typeof parse;

/** Reads the whole configuration; throws a ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	return {
		port: parse.PORT(env.PORT),
		dataDir: parse.DATA_DIR(env.DATA_DIR),
		databaseUrl: parse.DATABASE_URL(env.DATABASE_URL),
		origin: parse.ORIGIN(env.ORIGIN),
		smtpUrl: parse.SMTP_URL(env.SMTP_URL),
		mailFrom: parse.MAIL_FROM(env.MAIL_FROM),
		logLevel: parse.LOG_LEVEL(env.LOG_LEVEL),
		authSecret: parse.AUTH_SECRET(env.AUTH_SECRET),
		jobsPollIntervalMs: parse.JOBS_POLL_INTERVAL_MS(env.JOBS_POLL_INTERVAL_MS),
		jobsLeaseMs: parse.JOBS_LEASE_SECONDS(env.JOBS_LEASE_SECONDS) * 1000,
		backupKeep: parse.BACKUP_KEEP(env.BACKUP_KEEP),
		metricsToken: parse.METRICS_TOKEN(env.METRICS_TOKEN),
		allowPrivateProviders: parse.ALLOW_PRIVATE_PROVIDERS(env.ALLOW_PRIVATE_PROVIDERS)
	};
}
