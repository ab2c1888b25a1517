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
		authSecret: parse.AUTH_SECRET(env.AUTH_SECRET)
	};
}
