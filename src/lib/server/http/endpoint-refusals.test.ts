import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import { isEndpointRoute, refusalMessage, routeIdOfFile } from './endpoint-refusals.ts';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');
const routeIdsOf = (fileName: string) =>
	sourceFiles(ROUTES, (name) => name === fileName).map((file) =>
		routeIdOfFile('/src/routes/' + path.relative(ROUTES, file).split(path.sep).join('/'))
	);

it('every +server.ts answers a write conflict as an endpoint, the handover and release forms among them, and no page does', () => {
	const endpoints = routeIdsOf('+server.ts');
	expect(endpoints).toContain('/(staff)/participation/handover');
	expect(endpoints).toContain('/(staff)/participation/release');
	expect(endpoints.filter((id) => !isEndpointRoute(id))).toEqual([]);
	// A route with a page too would show its +error.svelte, and must not be answered as an endpoint.
	const pages = routeIdsOf('+page.svelte').map((id) => id.replace(/\/\+page\.svelte$/, '') || '/');
	expect(pages.filter((id) => endpoints.includes(id))).toEqual([]);
	expect(pages.filter((id) => isEndpointRoute(id))).toEqual([]);
	expect(isEndpointRoute(null)).toBe(false);
});

describe('an endpoint’s refusal is told in words when its code has a message, else the status-only page stays', () => {
	it('a domain code names its message, a throttle’s wait its minutes; not found and status texts have none', () => {
		expect(refusalMessage('conversation.wrong_phase')).toEqual({ key: 'error_conversation_wrong_phase' });
		expect(refusalMessage('rate_limited:10')).toEqual({ key: 'error_rate_limited', values: { minutes: '10' } });
		expect(refusalMessage('changed_meanwhile')).toEqual({ key: 'error_changed_meanwhile' });
		for (const code of ['Not found', 'Internal error', 'no.such_code', '']) expect(refusalMessage(code), code).toBeUndefined();
	});
});
