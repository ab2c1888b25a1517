import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

export interface Health {
	status: 'ok' | 'degraded';
	database: 'ok' | 'unreachable';
	version: string;
}

export async function checkHealth(ctx: AppContext, version: string): Promise<Health> {
	try {
		await sql`select 1`.execute(ctx.db);
		return { status: 'ok', database: 'ok', version };
	} catch (error) {
		ctx.logger.error(
			{ event: 'health.database_unreachable', err: error instanceof Error ? error.message : String(error) },
			'database unreachable'
		);
		return { status: 'degraded', database: 'unreachable', version };
	}
}
