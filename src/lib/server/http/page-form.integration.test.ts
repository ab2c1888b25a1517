import { isRedirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { setAppContext } from '../context.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { DRAFT_FLASHES_PER_SESSION, pageFormDrafts } from './page-form.ts';

/**
 * The drafts of a page form (page-form.ts) are kept server-side, as a flash, for whoever posts
 * them. Only those who are shown a page form have drafts: anyone else's post must not make the
 * server store what it carries (an outside review sent 500 KB posts to /join, /sign-in and
 * /l/<anything>, without an account or a device, and each one was stored for two minutes).
 */
describeOnBothDatabases('page-form drafts', (dialect) => {
	const t = useTestContext(dialect);
	beforeEach(() => setAppContext(t.ctx));

	const trace = { requestId: 'test', address: '192.0.2.1' };
	const anonymous: Actor = { type: 'anonymous', ...trace };
	const staff: Actor = {
		type: 'staff',
		userId: 'u1',
		organisationId: 'o1',
		roles: ['professional'],
		locale: 'nl',
		sessionId: 's1',
		...trace
	};

	/** A page form's post in which the default button was pressed (nothing sent) and a long text waits in another group. */
	function draftPost(path: string): Request {
		const body = new URLSearchParams([
			['__page', path],
			['__submit', ''],
			['__group', 'note'],
			['__orig:text', 'x'],
			['text', 'a'.repeat(19_000)],
			['code', 'ABCDEFGH']
		]);
		return new Request(`http://app.test${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://app.test' },
			body
		});
	}

	function eventFor(actor: Actor, request: Request): RequestEvent {
		const jar = new Map<string, string>();
		const cookies = {
			get: (name: string) => jar.get(name),
			set: (name: string, value: string) => void jar.set(name, value),
			delete: (name: string) => void jar.delete(name)
		} as unknown as Cookies;
		return { request, url: new URL(request.url), locals: { actor }, cookies, isDataRequest: false } as unknown as RequestEvent;
	}

	async function storedFlashes(): Promise<number> {
		const rows = await sql<{ n: number | string }>`select count(*) as n from flash_entries`.execute(t.ctx.db);
		return Number(rows.rows[0]!.n);
	}

	it('a post from someone without an account or a device stores nothing and reaches the page as it was sent', async () => {
		await sql`delete from flash_entries`.execute(t.ctx.db);
		for (const path of ['/join', '/sign-in', '/forgot-password', '/l/abc']) {
			const request = draftPost(path);
			let reached: FormData | undefined;
			const response = await pageFormDrafts({
				event: eventFor(anonymous, request),
				resolve: async (event) => {
					reached = await event.request.formData();
					return new Response('the page');
				}
			});
			expect(response.status, path).toBe(200);
			expect(reached?.get('code'), path).toBe('ABCDEFGH');
		}
		expect(await storedFlashes()).toBe(0);
	});

	it('a signed-in member of staff still keeps their drafts across the redirect', async () => {
		await sql`delete from flash_entries`.execute(t.ctx.db);
		let thrown: unknown;
		try {
			await pageFormDrafts({ event: eventFor(staff, draftPost('/admin/teams')), resolve: async () => new Response('the page') });
		} catch (caught) {
			thrown = caught;
		}
		expect(isRedirect(thrown) && thrown.location).toBe('/admin/teams');
		expect(await storedFlashes()).toBe(1);
	});
	it('one session keeps at most DRAFT_FLASHES_PER_SESSION drafts in two minutes: a device posting drafts in a loop cannot fill the database; the post itself still goes on', async () => {
		await sql`delete from flash_entries`.execute(t.ctx.db);
		const device: Actor = {
			type: 'participant',
			organisationId: 'o1',
			collaborationId: 'c1',
			conversationId: 'v1',
			partyId: 'p1',
			participantId: 'pa1',
			deviceSessionId: 'd-loop',
			mode: 'ownDevice',
			locale: 'nl',
			...trace
		};
		const post = async (actor: Actor) => {
			try {
				await pageFormDrafts({ event: eventFor(actor, draftPost('/c')), resolve: async () => new Response('the page') });
			} catch (caught) {
				// The default button brings the page back: a redirect, with or without drafts kept.
				expect(isRedirect(caught) && caught.location).toBe('/c');
			}
		};
		for (let i = 0; i < DRAFT_FLASHES_PER_SESSION + 20; i += 1) await post(device);
		expect(await storedFlashes()).toBe(DRAFT_FLASHES_PER_SESSION);
		// Another session is not held by that one's loop.
		await post({ ...staff, sessionId: 's-other' });
		expect(await storedFlashes()).toBe(DRAFT_FLASHES_PER_SESSION + 1);
	});
});
