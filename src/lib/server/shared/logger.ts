import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/** A word of a text, as far as an e-mail address can reach (linear: no backtracking over the text). */
const WORD = /[^\s<>"'(),;[\]]+/g;
const EMAIL_ADDRESS = /^[^@]+@[^@]+\.[^@]+$/;

/** The text with every e-mail address in it replaced (a mail server names the recipient it refused). */
function maskAddresses(text: string): string {
	return text.includes('@')
		? text.replace(WORD, (word) => (word.includes('@') && EMAIL_ADDRESS.test(word.replace(/^mailto:/i, '')) ? '[email]' : word))
		: text;
}

/** Every string in a logged value, masked; an Error first as pino would write it (message, stack, its own fields, cause). */
function masked(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return maskAddresses(value);
	if (depth > 4 || value === null || typeof value !== 'object') return value;
	const fields = (object: object) => Object.fromEntries(Object.entries(object).map(([key, item]) => [key, masked(item, depth + 1)]));
	if (value instanceof Error) return fields(pino.stdSerializers.err(value));
	if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
	// Only plain objects are taken apart; a Date or a Buffer is written as pino writes it.
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null ? fields(value) : value;
}

/**
 * What an error that came from elsewhere (a mail server, a database driver, a library's own
 * log) says may carry personal data: nodemailer names the refused recipient, a participant's
 * address, in its message and in fields of its own. Every log line's fields and message are
 * cleaned of e-mail addresses here, in one place, whatever the call passed.
 */
function withoutPersonalData(object: Record<string, unknown>): Record<string, unknown> {
	return masked(object) as Record<string, unknown>;
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
			// Errors are already written out (and masked) by withoutPersonalData; as plain objects they stay as they are.
			serializers: { err: (value: unknown) => (value instanceof Error ? pino.stdSerializers.err(value) : value) },
			hooks: {
				logMethod(args, method) {
					const [first, second] = args as unknown[];
					// pino takes an Error's own message as the line's message when no other is given.
					const withMessage = first instanceof Error && typeof second !== 'string' ? [first, first.message, ...args.slice(1)] : args;
					method.apply(this, withMessage.map((arg) => (typeof arg === 'string' ? maskAddresses(arg) : arg)) as Parameters<typeof method>);
				}
			},
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
