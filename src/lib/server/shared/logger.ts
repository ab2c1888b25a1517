import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

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
