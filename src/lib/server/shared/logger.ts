import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/** An e-mail address anywhere in a text (a mail server names the recipient it refused). */
const EMAIL_ADDRESS = /[^\s@"'<>(),;:[\]]+@[^\s@"'<>(),;:[\]]+\.[^\s@"'<>(),;:[\]]+/g;

/**
 * The text of an error that came from elsewhere (a mail server, a database driver) may carry
 * personal data: nodemailer names the refused recipient, a participant's address. Every error
 * logged as `err` has its message and stack cleaned of e-mail addresses here, in one place.
 */
function withoutPersonalData(object: Record<string, unknown>): Record<string, unknown> {
	const err = object.err;
	if (typeof err === 'string') return { ...object, err: err.replace(EMAIL_ADDRESS, '[email]') };
	if (!err || typeof err !== 'object') return object;
	const cleaned: Record<string, unknown> = { ...(err as Record<string, unknown>) };
	for (const field of ['message', 'stack']) {
		if (typeof cleaned[field] === 'string') cleaned[field] = (cleaned[field] as string).replace(EMAIL_ADDRESS, '[email]');
	}
	return { ...object, err: cleaned };
}

/**
 * Structured JSON logs. Secrets and anything a client typed must never reach a log line:
 * we log ids, codes and counts only, and redact the fields that could carry secrets.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
	return pino(
		{
			level,
			base: { service: 'tweespraak' },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { log: withoutPersonalData },
			redact: {
				paths: [
					'password',
					'*.password',
					'token',
					'*.token',
					'secret',
					'*.secret',
					'cookie',
					'*.cookie',
					'authorization',
					'*.authorization',
					'email',
					'*.email'
				],
				censor: '[redacted]'
			}
		},
		destination
	);
}
