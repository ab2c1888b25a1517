import type { Actor } from '#lib/server/access/actor.ts';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			actor: Actor;
			requestId: string;
			/** A signed-in staff member who must still set up two-factor authentication. */
			twoFactorSetupRequired: boolean;
			/** This browser's staff session is locked by a hand-over until the professional authenticates again. */
			handoverLocked: boolean;
			/** Text typed on a page form and not sent, by group and field (src/lib/server/http/page-form.ts). */
			drafts?: Record<string, string> | null;
			/**
			 * The public code of the refusal handleError answered (a domain error, a write conflict as
			 * changed_meanwhile): endpoint-refusals.ts makes an endpoint's answer of it.
			 */
			refusal?: string;
			/** The status of a page that shows a throttle's refusal as its content (http/page-refusal.ts). */
			pageStatus?: number;
		}
	}
}

export {};
