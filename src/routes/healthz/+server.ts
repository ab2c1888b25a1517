import { version } from '$app/env';
import { getAppContext } from '#lib/server/context.ts';
import { checkHealth } from '#lib/server/shared/health.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const health = await checkHealth(getAppContext(), version);
	return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
