import { getAppContext } from '#lib/server/context.ts';
import { isMetricsTokenValid, renderMetrics } from '#lib/server/shared/metrics.ts';
import type { RequestHandler } from './$types';

const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/**
 * Prometheus metrics (README "Metrics"). Off unless METRICS_TOKEN is set (404); then only with
 * `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time (401 otherwise).
 */
export const GET: RequestHandler = async ({ request }) => {
	const ctx = getAppContext();
	if (!ctx.config.metricsToken) return new Response('Not found', { status: 404, headers: plain });
	if (!isMetricsTokenValid(ctx.config.metricsToken, request.headers.get('authorization'))) {
		return new Response('Unauthorized', { status: 401, headers: { ...plain, 'www-authenticate': 'Bearer realm="metrics"' } });
	}
	const { contentType, body } = await renderMetrics(ctx);
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
